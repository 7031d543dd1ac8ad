package orbit.updates.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.tests.support.ProductProcess.Run;

/**
 * {@code orbit update apply} failing half-way on a real installation: the product unpacked from
 * its archive, a real p2 site on which the Deezer provider's feature is one micro version newer,
 * and the installation's own launcher started as processes. A disk that fills up during the apply
 * leaves the installation as it was and says so in one line; an apply killed with SIGKILL at
 * several moments leaves an installation that starts, at the old or the new version, and that a
 * second apply brings to the new version.
 */
@TestMethodOrder(OrderAnnotation.class)
class UpdateFaultsTest {

	private static final String FEATURE = "orbit.enrichment.deezer.feature";
	private static final String BUNDLE = "orbit.enrichment.deezer";
	private static final String PROFILE = "p2/org.eclipse.equinox.p2.engine/profileRegistry/DefaultProfile.profile";
	private static final String BUNDLES_INFO = "configuration/org.eclipse.equinox.simpleconfigurator/bundles.info";

	/**
	 * Free bytes left on the installation's disk for each failing apply (on an installation as
	 * unpacked): 16 KiB, where p2 cannot save the repository the replaced feature is kept in for a
	 * revert (and prints the stack trace itself); 28 KiB, where p2's engine has fetched the new
	 * feature into the install folder and cannot save the install folder's artifact repository
	 * (artifacts.xml, 35 KiB). Below 8 KiB the note of the change to come cannot be written.
	 */
	private static final long[] FREE_LEFT = { 16 * 1024, 28 * 1024 };

	@TempDir
	static Path temp;
	static NewerSite newer;
	/** {@code orbit version --bundles} of an untouched installation, without the Deezer bundle's line. */
	static List<String> otherBundles;
	static final List<Path> mounts = new ArrayList<>();

	@BeforeAll
	static void publish() throws Exception {
		UnpackedProduct source = UnpackedProduct.unpack(temp.resolve("source"));
		newer = NewerSite.publish(source.install, FEATURE, BUNDLE, temp.resolve("work"), temp.resolve("site"));
		// Kept beside the test reports, to look at when a test fails.
		Path kept = Path.of(System.getProperty("orbit.test.output", temp.toString()), "faults-site");
		if (!Files.exists(kept)) {
			newer.copyTo(kept);
		}
		Run bundles = source.orbit("version", "--bundles");
		assertEquals(0, bundles.exitCode(), bundles.all());
		assertEquals(newer.oldBundleVersion, runningVersion(bundles));
		otherBundles = others(bundles);
	}

	@AfterAll
	static void unmount() {
		for (Path mount : mounts) {
			try {
				Commands.run("umount", mount.toString());
			} catch (IOException | InterruptedException e) {
				try {
					Commands.run("umount", "-l", mount.toString());
				} catch (IOException | InterruptedException lazy) {
					System.err.println("could not unmount " + mount + ": " + lazy.getMessage());
				}
			}
		}
	}

	/** The one place the apply's arguments are written. */
	private static String[] applyArgs(NewerSite site) {
		return new String[] { "update", "apply", "--site", site.site.toString(), FEATURE };
	}

	@Test
	@Order(1)
	void aFullDiskFailsTheApplyInOneLineAndChangesNothing() throws Exception {
		Path disk = mountTmpfs(temp.resolve("disk/install"), "128m");
		UnpackedProduct product = UnpackedProduct.unpack(temp.resolve("disk"));
		assertEquals(product.install.getParent(), disk, "the installation is on the small disk");
		String before = product.state();
		List<String> filesBefore = files(product.install);
		Path filler = disk.resolve("filler");

		for (long left : FREE_LEFT) {
			// Each level on the installation as it was unpacked: what a failed apply kept changes
			// how much the next one needs.
			deleteTree(product.install);
			product = UnpackedProduct.unpack(temp.resolve("disk"));
			long free = fill(filler, left);
			int logged = logLines(product);
			Run apply = product.orbit(applyArgs(newer));
			System.out.printf("full disk: %d bytes free, apply exited %d: %s%n  p2 in the log: %s%n", free, apply.exitCode(),
					error(apply), whereFull(product, logged));
			assertEquals(2, apply.exitCode(), "the apply fails with " + free + " bytes free:\n" + apply.all());
			assertTrue(error(apply).startsWith("orbit: The disk holding the installation (" + product.install + ") is full"),
					apply.err());
			assertTrue(error(apply).contains("Free space"), apply.err());
			assertEquals(1, apply.err().lines().filter(l -> l.startsWith("orbit:")).count(), "one line:\n" + apply.err());
			assertNoStackTrace(apply);

			// It still starts with the disk full: the installation is only read at a start.
			Run bundles = product.orbit("version", "--bundles");
			assertEquals(0, bundles.exitCode(), bundles.all());
			assertEquals(newer.oldBundleVersion, runningVersion(bundles));
			Run tracks = product.orbit("tracks");
			assertEquals(0, tracks.exitCode(), "the library still opens:\n" + tracks.all());

			Files.delete(filler);
			assertEquals(before, product.state(), "the installation is unchanged after a failure at " + free + " bytes free");
			// p2 keeps what it fetched in its bundle pool (the install folder, listed in artifacts.xml),
			// as it does after any run: only the update's own bundle and feature, at their new versions.
			List<String> added = new ArrayList<>(files(product.install));
			added.removeAll(filesBefore);
			System.out.println("  kept in the bundle pool: " + added);
			for (String file : added) {
				assertTrue(file.startsWith("plugins/" + BUNDLE + "_" + newer.newBundleVersion + ".jar")
						|| file.startsWith("features/" + FEATURE + "_" + newer.newFeatureVersion), "left behind: " + added);
			}
			Path install = product.install;
			assertTrue(filesBefore.stream().allMatch(f -> Files.exists(install.resolve(f))),
					"nothing of the installation is gone");
		}

		Run apply = product.orbit(applyArgs(newer));
		assertEquals(0, apply.exitCode(), "with the space back the apply succeeds:\n" + apply.all());
		Run bundles = product.orbit("version", "--bundles");
		assertEquals(0, bundles.exitCode(), bundles.all());
		assertEquals(newer.newBundleVersion, runningVersion(bundles));
		assertEquals(otherBundles, others(bundles));
	}

	/**
	 * A kill inside p2's write of bundles.info (in place, in buffered chunks) leaves it cut short, and
	 * the framework reads it before any ORBIT code runs: the launcher puts back the copy the change's
	 * note kept, when the note's process is gone. Cut inside a line, and cut to nothing.
	 */
	@Test
	@Order(3)
	void aBundlesInfoCutShortByAKilledChangeIsPutBackByTheNextStart() throws Exception {
		UnpackedProduct product = UnpackedProduct.unpack(temp.resolve("cut"));
		Path info = product.install.resolve(BUNDLES_INFO);
		byte[] whole = Files.readAllBytes(info);
		Run before = product.orbit("version", "--bundles");
		assertEquals(0, before.exitCode(), before.all());
		for (int length : new int[] { 8192, 0 }) {
			Process ended = new ProcessBuilder("true").start();
			assertEquals(0, ended.waitFor());
			Path note = Files.createDirectories(product.install.resolve("p2/orbit.updates/interrupted"));
			try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(note.resolve("bundles.info.gz")))) {
				out.write(whole);
			}
			Files.writeString(note.resolve("intent.properties"), "pid=" + ended.pid() + "\ncommand=update apply\nfrom=0\n"
					+ "bundlesInfo=" + info + "\n");
			Files.write(info, Arrays.copyOf(whole, length));

			Run after = product.orbit("version", "--bundles");
			assertEquals(0, after.exitCode(), "it starts with bundles.info cut to " + length + " bytes:\n" + after.all());
			assertEquals(before.out(), after.out(), "the same bundles run");
			assertArrayEquals(whole, Files.readAllBytes(info), "bundles.info is put back");
		}
	}

	@Test
	@Order(2)
	void anApplyKilledAtAnyMomentLeavesAnInstallationThatStartsAndUpdatesAgain() throws Exception {
		// One apply to its end, watched: when p2 writes what, and how long it takes.
		UnpackedProduct timing = UnpackedProduct.unpack(temp.resolve("timing"));
		Map<String, Predicate<Path>> events = new LinkedHashMap<>();
		int states = profileStates(timing.install);
		// p2 first writes a state of the unpacked installation at its new place (a "roaming" profile).
		events.put("p2 writes its first profile state", install -> profileStates(install) > states);
		events.put("p2 writes the update's profile state", install -> profileStates(install) > states + 1);
		// p2 writes bundles.info only after the profile state: between the two, the profile says
		// the new version while the old one runs.
		events.put("the update's profile state is whole",
				install -> profileStates(install) > states + 1 && newestStateReadable(install));
		events.put("bundles.info names the new bundle", UpdateFaultsTest::bundlesInfoNew);
		Map<String, Long> seen = new LinkedHashMap<>();
		long started = System.nanoTime();
		Process watched = start(timing, applyArgs(newer));
		while (watched.isAlive()) {
			for (Map.Entry<String, Predicate<Path>> event : events.entrySet()) {
				if (!seen.containsKey(event.getKey()) && event.getValue().test(timing.install)) {
					seen.put(event.getKey(), millisSince(started));
				}
			}
			Thread.sleep(1);
		}
		long duration = millisSince(started);
		assertEquals(0, watched.exitValue(), "the unkilled apply succeeds");
		System.out.println("apply: " + duration + " ms to its end; seen at " + seen);

		List<String> found = new ArrayList<>();
		// Each moment at which p2 has written one more of the files a start reads (a kill between
		// two of them finds what an earlier moment found).
		List<String> points = new ArrayList<>(events.keySet());
		int i = 0;
		for (String point : points) {
			UnpackedProduct product = UnpackedProduct.unpack(temp.resolve("kill-" + i++));
			int statesBefore = profileStates(product.install);
			long start = System.nanoTime();
			Process apply = start(product, applyArgs(newer));
			Predicate<Path> trigger = events.get(point);
			while (apply.isAlive() && !trigger.test(product.install)) {
				Thread.sleep(1);
			}
			assertTrue(apply.isAlive(), "the apply was still running at the kill point '" + point + "'");
			long at = millisSince(start);
			killTree(apply);
			assertEquals(137, apply.exitValue(), "killed by SIGKILL");

			String info = bundlesInfoNew(product.install) ? "new" : "old";
			boolean cutOff = !newestStateReadable(product.install);
			Run bundles = product.orbit("version", "--bundles");
			assertEquals(0, bundles.exitCode(), "it starts after a kill when " + point + ":\n" + bundles.all());
			String running = runningVersion(bundles);
			assertTrue(running.equals(newer.oldBundleVersion) || running.equals(newer.newBundleVersion), running);
			assertEquals(otherBundles, others(bundles), "every other bundle is as it was");
			String state = String.format(
					"killed at %d ms (%s): runs the %s bundle; bundles.info %s, profile states %d -> %d%s, new jar %s",
					at, point, running.equals(newer.newBundleVersion) ? "new" : "old", info, statesBefore,
					profileStates(product.install), cutOff ? " (the newest cut off)" : "",
					newJarPresent(product.install) ? "present" : "absent");

			Run tracks = product.orbit("tracks");
			assertEquals(0, tracks.exitCode(), "the library opens after a kill when " + point + ":\n" + tracks.all());

			Run again = product.orbit(applyArgs(newer));
			assertEquals(0, again.exitCode(), "the apply runs again after a kill when " + point + ":\n" + again.all());
			Run after = product.orbit("version", "--bundles");
			assertEquals(0, after.exitCode(), after.all());
			assertEquals(newer.newBundleVersion, runningVersion(after), "after a kill when " + point + " and a second apply\n"
					+ again.all());
			assertEquals(otherBundles, others(after));
			state += "; applied again: " + again.out().lines().findFirst().orElse("") + " (states set aside: "
					+ setAside(product.install) + ")";
			System.out.println(state);
			found.add(state);
		}
		System.out.println(String.join("\n", found));
	}

	/** Where the last full disk was met, from the log p2's own report of it goes to. */
	private static String whereFull(UnpackedProduct product, int from) {
		try {
			List<String> log = Files.readAllLines(product.home.resolve("logs/orbit.log"), StandardCharsets.ISO_8859_1);
			int last = -1;
			for (int i = from; i < log.size(); i++) {
				if (log.get(i).contains("No space left")) {
					last = i;
				}
			}
			return last < 0 ? "not in the log"
					: String.join(" < ", log.subList(last, Math.min(log.size(), last + 12)).stream()
							.filter(l -> l.contains("p2") || l.contains("orbit.updates")).map(String::strip).limit(3).toList());
		} catch (IOException e) {
			return "no log: " + e.getMessage();
		}
	}

	private static int logLines(UnpackedProduct product) throws IOException {
		Path log = product.home.resolve("logs/orbit.log");
		return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1).size() : 0;
	}

	/** A tmpfs of this size at {@code dir}; the test is skipped where mounting is not permitted (not root). */
	private static Path mountTmpfs(Path dir, String size) throws IOException, InterruptedException {
		String user = Commands.run("id", "-u").strip();
		Assumptions.assumeTrue(user.equals("0"), "mounting a tmpfs needs root; the tests run as uid " + user);
		Files.createDirectories(dir);
		try {
			Commands.run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
		} catch (IOException e) {
			Assumptions.abort("mounting a tmpfs is not permitted here: " + e.getMessage());
		}
		mounts.add(dir);
		return dir;
	}

	private static void deleteTree(Path folder) throws IOException {
		try (Stream<Path> all = Files.walk(folder)) {
			for (Path path : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
	}

	/** Writes {@code filler} until {@code left} bytes are free on its disk; the bytes free then. */
	private static long fill(Path filler, long left) throws IOException {
		long usable = Files.getFileStore(filler.getParent()).getUsableSpace();
		long size = Math.max(0, usable - left);
		byte[] block = new byte[1 << 20];
		try (OutputStream out = Files.newOutputStream(filler)) {
			for (long written = 0; written < size;) {
				int n = (int) Math.min(block.length, size - written);
				out.write(block, 0, n);
				written += n;
			}
		}
		long free = Files.getFileStore(filler.getParent()).getUsableSpace();
		assertTrue(free <= left, "the disk is filled: " + free + " bytes free");
		return free;
	}

	/** The launcher of {@code product} started, as a user starts it; its output goes to two files. */
	private static Process start(UnpackedProduct product, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(product.launcher.toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("DISPLAY");
		builder.environment().remove("WAYLAND_DISPLAY");
		builder.environment().put("ORBIT_HOME", product.home.toString());
		String name = "started-" + System.nanoTime();
		Path folder = product.home.getParent();
		return builder.redirectOutput(folder.resolve(name + ".out").toFile())
				.redirectError(folder.resolve(name + ".err").toFile()).start();
	}

	/** SIGKILL to the process and everything it started, children first. */
	private static void killTree(Process process) throws InterruptedException {
		List<ProcessHandle> children = process.descendants().toList();
		children.forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed apply ended");
		for (ProcessHandle child : children) {
			try {
				child.onExit().get(30, TimeUnit.SECONDS);
			} catch (Exception e) {
				throw new AssertionError("a child of the killed apply lives on: " + child.pid(), e);
			}
		}
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

	private static boolean newJarPresent(Path install) {
		return Files.exists(install.resolve("plugins").resolve(BUNDLE + "_" + newer.newBundleVersion + ".jar"));
	}

	private static boolean bundlesInfoNew(Path install) {
		try {
			return Files.readString(install.resolve(BUNDLES_INFO), StandardCharsets.UTF_8)
					.contains(BUNDLE + "," + newer.newBundleVersion + ",");
		} catch (IOException e) {
			return false;
		}
	}

	private static boolean newestStateReadable(Path install) {
		try (Stream<Path> all = Files.list(install.resolve(PROFILE))) {
			Path newest = all.filter(p -> p.getFileName().toString().endsWith(".profile.gz"))
					.max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
			try (InputStream in = new GZIPInputStream(Files.newInputStream(newest))) {
				in.readAllBytes();
			}
			return true;
		} catch (IOException e) {
			return false;
		}
	}

	private static List<String> setAside(Path install) throws IOException {
		Path folder = install.resolve("p2/orbit.updates/set-aside");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> all = Files.list(folder)) {
			return all.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private static int profileStates(Path install) {
		try (Stream<Path> all = Files.list(install.resolve(PROFILE))) {
			return (int) all.filter(p -> p.getFileName().toString().endsWith(".profile.gz")).count();
		} catch (IOException e) {
			return -1;
		}
	}

	/** The files under plugins/ and features/, by name. */
	private static List<String> files(Path install) throws IOException {
		List<String> files = new ArrayList<>();
		for (String folder : List.of("plugins", "features")) {
			try (Stream<Path> all = Files.walk(install.resolve(folder))) {
				all.map(p -> install.relativize(p).toString()).sorted().forEach(files::add);
			}
		}
		return files;
	}

	/** The Deezer bundle's version in {@code orbit version --bundles}; there is exactly one. */
	private static String runningVersion(Run bundles) {
		List<String> lines = bundles.out().lines().filter(l -> l.trim().startsWith(BUNDLE + " ")).toList();
		assertEquals(1, lines.size(), "one " + BUNDLE + " runs:\n" + bundles.all());
		String[] words = lines.get(0).trim().split(" +");
		assertEquals(2, words.length, lines.get(0));
		return words[1];
	}

	private static List<String> others(Run bundles) {
		return bundles.out().lines().filter(l -> !l.trim().startsWith(BUNDLE + " ")).toList();
	}

	/** The error line: the last of stderr (a progress bar writes plain lines there before it when stderr is no terminal). */
	private static String error(Run run) {
		List<String> lines = run.err().strip().lines().toList();
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
	}

	private static void assertNoStackTrace(Run run) {
		for (String line : run.all().split("\\R")) {
			assertFalse(line.contains("Exception"), run.all());
			assertFalse(line.strip().startsWith("at "), run.all());
		}
	}
}
