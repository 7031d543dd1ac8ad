package orbit.updates.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import orbit.tests.support.ProductProcess.Run;

/**
 * {@code orbit update} on a real installation: the product unpacked from its archive into a
 * temporary folder, a real p2 site on disk (and on loopback HTTP) on which the Deezer provider's
 * feature is one micro version newer, and the installation's own launcher started as processes.
 * The tests run in order: each failure first (nothing may change), then the update, then the
 * revert.
 */
@TestMethodOrder(OrderAnnotation.class)
class UpdateCommandTest {

	private static final String FEATURE = "orbit.enrichment.deezer.feature";
	private static final String BUNDLE = "orbit.enrichment.deezer";

	@TempDir
	static Path temp;
	static UnpackedProduct product;
	static Path install;
	static NewerSite newer;
	static HttpServer http;
	static PgpSigning signing;
	/** The Deezer bundle and feature as installed, before any update. */
	static Path originals;

	@BeforeAll
	static void installAndPublish() throws Exception {
		product = UnpackedProduct.unpack(temp);
		signing = PgpSigning.ofBuild();
		install = product.install;
		originals = NewerSite.keepOriginals(install, FEATURE, BUNDLE, temp.resolve("originals"));
		newer = NewerSite.publish(install, FEATURE, BUNDLE, temp.resolve("work"), temp.resolve("site"));
		// Kept beside the test reports, to look at when a test fails.
		Path kept = Path.of(System.getProperty("orbit.test.output", temp.toString()), "newer-site");
		if (!Files.exists(kept)) {
			newer.copyTo(kept);
		}

		http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		http.createContext("/", exchange -> {
			Path file = newer.site.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
			if (!file.startsWith(newer.site) || !Files.isRegularFile(file)) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			byte[] body = Files.readAllBytes(file);
			boolean head = "HEAD".equals(exchange.getRequestMethod());
			exchange.sendResponseHeaders(200, head ? -1 : body.length);
			if (!head) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
			exchange.close();
		});
		http.start();
	}

	@AfterAll
	static void stopServer() {
		if (http != null) {
			http.stop(0);
		}
	}

	private static Run orbit(String... args) throws IOException, InterruptedException {
		return product.orbit(args);
	}

	private static String site() {
		return newer.site.toString();
	}

	private static String installationState() throws IOException, InterruptedException {
		return product.state();
	}

	/** The error line: the last of stderr (a progress bar writes plain lines there before it when stderr is no terminal). */
	private static String error(Run run) {
		List<String> lines = run.err().strip().lines().toList();
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
	}

	private static String bundleLine(Run run) {
		return run.out().lines().filter(l -> l.trim().startsWith(BUNDLE + " ")).findFirst()
				.orElseThrow(() -> new AssertionError("no " + BUNDLE + " in\n" + run.all())).trim();
	}

	@Test
	@Order(1)
	void listShowsEveryConcernAsAnInstalledFeature() throws Exception {
		Run list = orbit("update", "list");
		assertEquals(0, list.exitCode(), list.all());
		for (String feature : List.of("orbit.platform.feature", "orbit.library.feature", "orbit.safewrite.feature",
				"orbit.download.feature", "orbit.enrichment.feature", "orbit.enrichment.deezer.feature",
				"orbit.enrichment.spotify.feature", "orbit.audio.feature", "orbit.upgrade.feature",
				"orbit.buffer.feature", "orbit.updates.feature", "orbit.ui.feature")) {
			assertTrue(list.out().contains(feature + " "), feature + " is installed as a root:\n" + list.all());
		}
		// The installation trusts the key that signed it (the build's), by name and fingerprint.
		assertTrue(list.out().lines().anyMatch(l -> l.startsWith("  ") && l.endsWith("(" + signing.fingerprint() + ")")),
				"the build's key " + signing.fingerprint() + " is trusted:\n" + list.out());
	}

	@Test
	@Order(2)
	void checkListsExactlyTheNewerFeatureWithBothVersions() throws Exception {
		Run check = orbit("update", "check", "--site", site());
		assertEquals(0, check.exitCode(), check.all());
		List<String> rows = check.out().lines().filter(l -> l.startsWith("orbit.")).toList();
		assertEquals(1, rows.size(), check.all());
		assertTrue(rows.get(0).matches(FEATURE.replace(".", "\\.") + " +" + newer.oldFeatureVersion.replace(".", "\\.")
				+ " +" + newer.newFeatureVersion.replace(".", "\\.")), rows.get(0));
	}

	@Test
	@Order(3)
	void checkWorksOverLoopbackHttp() throws Exception {
		Run check = orbit("update", "check", "--site", "http://127.0.0.1:" + http.getAddress().getPort() + "/");
		assertEquals(0, check.exitCode(), check.all());
		assertEquals(1, check.out().lines().filter(l -> l.startsWith(FEATURE + " ")).count(), check.all());
	}

	@Test
	@Order(4)
	void anUnreachableSiteIsAClearErrorAndChangesNothing() throws Exception {
		String before = installationState();
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		for (String command : List.of("check", "apply")) {
			Run run = orbit("update", command, "--site", "http://127.0.0.1:" + closedPort + "/");
			assertEquals(2, run.exitCode(), run.all());
			assertTrue(error(run).startsWith("orbit: Update site http://127.0.0.1:" + closedPort + "/ cannot be read"),
					run.err());
			assertEquals(1, run.err().lines().filter(l -> l.startsWith("orbit:")).count(), "one line:\n" + run.err());
			assertFalse(run.err().contains("Exception"), run.err());
		}
		Run missing = orbit("update", "check", "--site", temp.resolve("no-such-site").toString());
		assertEquals(2, missing.exitCode(), missing.all());
		assertTrue(error(missing).contains("cannot be read"), missing.err());
		assertEquals(before, installationState());
	}

	@Test
	@Order(5)
	void aCorruptOrPartialSiteFailsAndChangesNothing() throws Exception {
		String before = installationState();

		Path corrupt = newer.copyTo(temp.resolve("corrupt-site"));
		Path jar = corrupt.resolve(newer.site.relativize(newer.bundleJar()).toString());
		try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "rw")) {
			file.seek(file.length() / 2);
			int b = file.read();
			file.seek(file.length() / 2);
			file.write(b ^ 0xFF);
		}
		Run badChecksum = orbit("update", "apply", "--site", corrupt.toString());
		assertEquals(2, badChecksum.exitCode(), badChecksum.all());
		assertTrue(error(badChecksum).startsWith("orbit: Installing the update from "), badChecksum.err());
		assertTrue(error(badChecksum).contains("installation is unchanged"), badChecksum.err());

		Path partial = newer.copyTo(temp.resolve("partial-site"));
		Files.delete(partial.resolve(newer.site.relativize(newer.bundleJar()).toString()));
		Run missingArtifact = orbit("update", "apply", "--site", partial.toString());
		assertEquals(2, missingArtifact.exitCode(), missingArtifact.all());
		assertTrue(error(missingArtifact).startsWith("orbit: Installing the update from "), missingArtifact.err());

		assertEquals(before, installationState());
	}

	@Test
	@Order(6)
	void anUnsignedSiteOrAStrangersKeyIsRefusedWithoutTrust() throws Exception {
		String before = installationState();

		NewerSite unsigned = NewerSite.publish(originals, FEATURE, BUNDLE, temp.resolve("unsigned-work"),
				temp.resolve("unsigned-site"), null);
		Run refused = orbit("update", "apply", "--site", unsigned.site.toString());
		assertEquals(2, refused.exitCode(), refused.all());
		assertEquals(1, refused.err().lines().filter(l -> l.startsWith("orbit:")).count(), "one line:\n" + refused.err());
		assertTrue(error(refused).startsWith("orbit: " + unsigned.site.toUri() + " offers what this installation does not trust: "),
				refused.err());
		assertTrue(error(refused).contains("not signed (") && error(refused).contains(BUNDLE + " " + unsigned.newBundleVersion),
				"names what is unsigned: " + refused.err());
		assertTrue(error(refused).endsWith("Nothing was installed; if you trust where it comes from, install it with --trust"),
				refused.err());
		assertEquals(before, installationState());

		PgpSigning stranger = PgpSigning.throwaway("Stranger <stranger@example.invalid>");
		NewerSite strangers = NewerSite.publish(originals, FEATURE, BUNDLE, temp.resolve("stranger-work"),
				temp.resolve("stranger-site"), stranger);
		Run unknown = orbit("update", "apply", "--site", strangers.site.toString());
		assertEquals(2, unknown.exitCode(), unknown.all());
		assertTrue(error(unknown).contains("signed by a key this installation does not trust, Stranger <stranger@example.invalid> ("
				+ stranger.fingerprint() + ")"), unknown.err());
		assertFalse(error(unknown).contains("not signed"), "every artifact is signed: " + unknown.err());
		assertEquals(before, installationState());
	}

	@Test
	@Order(7)
	void applyInstallsTheNewerFeatureAndTheNextStartRunsIt() throws Exception {
		Run before = orbit("version", "--bundles");
		assertEquals(BUNDLE + " " + newer.oldBundleVersion, bundleLine(before).replaceAll(" +", " "));

		Run apply = orbit("update", "apply", "--site", site(), FEATURE);
		assertEquals(0, apply.exitCode(), apply.all());
		assertTrue(apply.out().contains("changed  feature " + FEATURE + " " + newer.oldFeatureVersion + " -> "
				+ newer.newFeatureVersion), apply.out());
		assertTrue(apply.out().contains(
				"changed  bundle  " + BUNDLE + " " + newer.oldBundleVersion + " -> " + newer.newBundleVersion),
				apply.out());
		assertEquals(2, apply.out().lines().filter(l -> l.startsWith("  ")).count(), "only the feature and its bundle:\n"
				+ apply.out());
		assertTrue(apply.out().contains("Restart ORBIT"), apply.out());

		Run after = orbit("version", "--bundles");
		assertEquals(0, after.exitCode(), after.all());
		assertEquals(BUNDLE + " " + newer.newBundleVersion, bundleLine(after).replaceAll(" +", " "));
		// Every other bundle is as it was.
		assertEquals(before.out().lines().filter(l -> !l.contains(BUNDLE)).toList(),
				after.out().lines().filter(l -> !l.contains(BUNDLE)).toList());
		Run doctor = orbit("tracks");
		assertEquals(0, doctor.exitCode(), "the library still opens:\n" + doctor.all());

		Run check = orbit("update", "check", "--site", site());
		assertEquals(0, check.exitCode(), check.all());
		assertTrue(check.out().startsWith("Everything is up to date"), check.out());
	}

	@Test
	@Order(8)
	void revertBringsTheOldVersionBack() throws Exception {
		Run revert = orbit("update", "revert");
		assertEquals(0, revert.exitCode(), revert.all());
		assertTrue(revert.out().contains(
				"changed  bundle  " + BUNDLE + " " + newer.newBundleVersion + " -> " + newer.oldBundleVersion),
				revert.out());
		Run after = orbit("version", "--bundles");
		assertEquals(BUNDLE + " " + newer.oldBundleVersion, bundleLine(after).replaceAll(" +", " "));

		Run again = orbit("update", "revert");
		assertEquals(2, again.exitCode(), again.all());
		assertTrue(error(again).startsWith("orbit: There is no update to revert"), again.err());
	}

	@Test
	@Order(9)
	void withTrustAnUnsignedSiteIsInstalled() throws Exception {
		// Two micro versions newer: the version the signed update installed is still in the bundle
		// pool, and p2 would take it from there without fetching or checking anything.
		NewerSite unsigned = NewerSite.publish(originals, FEATURE, BUNDLE, temp.resolve("unsigned-work-2"),
				temp.resolve("unsigned-site-2"), null, 2);
		Run apply = orbit("update", "apply", "--trust", "--site", unsigned.site.toString(), FEATURE);
		assertEquals(0, apply.exitCode(), apply.all());
		assertTrue(apply.out().contains(
				"changed  bundle  " + BUNDLE + " " + unsigned.oldBundleVersion + " -> " + unsigned.newBundleVersion),
				apply.out());
		Run after = orbit("version", "--bundles");
		assertEquals(BUNDLE + " " + unsigned.newBundleVersion, bundleLine(after).replaceAll(" +", " "));
		Run revert = orbit("update", "revert");
		assertEquals(0, revert.exitCode(), revert.all());
	}
}
