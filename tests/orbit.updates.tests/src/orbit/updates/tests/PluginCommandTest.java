package orbit.updates.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.ProductProcess.Run;

/**
 * {@code orbit plugins} on a real installation with a real third-party plugin: the GetSongBPM
 * example built from {@code examples/getsongbpm-plugin} by Maven, offline, against the ORBIT site
 * this build made, as its author would; the product unpacked from its archive; the installation's
 * own launcher started as processes; GetSongBPM faked on loopback. In order: the failures (nothing
 * may change), the install and the enrichment it brings, an update of ORBIT that keeps it, the removal.
 */
@TestMethodOrder(OrderAnnotation.class)
class PluginCommandTest {

	private static final String PROVIDER = "getsongbpm";

	@TempDir
	static Path temp;
	static UnpackedProduct product;
	static Path pluginSite;
	static FakeGetSongBpm getSongBpm;

	@BeforeAll
	static void buildThePluginAndInstallOrbit() throws Exception {
		pluginSite = PluginSites.buildExample(Files.createDirectories(temp.resolve("author")));
		product = UnpackedProduct.unpack(temp);
		getSongBpm = new FakeGetSongBpm();
		getSongBpm.song("gsb-1", "Tester", "First Tone", "128", "Am");
		getSongBpm.song("gsb-2", "Tester", "Second Tone", "124", "F#");
	}

	@AfterAll
	static void stopServer() {
		if (getSongBpm != null) {
			getSongBpm.close();
		}
	}

	private static Run orbit(String... args) throws Exception {
		return product.orbit(args);
	}

	/** GetSongBPM at the fake, with its key, for one launch. */
	private static Run orbitWithGetSongBpm(String... args) throws Exception {
		return product.orbit(Map.of("ORBIT_JAVA_OPTIONS",
				"-Dgetsongbpm.url=" + getSongBpm.uri() + " -Dgetsongbpm.api-key=" + FakeGetSongBpm.API_KEY), args);
	}

	private static String error(Run run) {
		List<String> lines = run.err().strip().lines().toList();
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
	}

	private static void assertOneErrorLine(Run run) {
		assertEquals(2, run.exitCode(), run.all());
		assertEquals(1, run.err().lines().filter(l -> l.startsWith("orbit:")).count(), "one line:\n" + run.err());
		assertFalse(run.err().contains("Exception"), run.err());
	}

	private static boolean listsProvider(Run providers) {
		return providers.out().lines().anyMatch(l -> l.matches("\\d+\\. " + PROVIDER + " .*"));
	}

	/**
	 * First: p2's first run in an unpacked installation records where it now is (a profile state of
	 * its own), which the failures after it must not count as a change.
	 */
	@Test
	@Order(1)
	void theSiteSaysWhatItOffersAndNothingIsInstalledYet() throws Exception {
		Run none = orbit("plugins", "list");
		assertEquals(0, none.exitCode(), none.all());
		assertEquals("No plugins are installed.", none.out().strip());

		Run offered = orbit("plugins", "install", pluginSite.toString());
		assertEquals(0, offered.exitCode(), offered.all());
		assertTrue(offered.out().lines().anyMatch(l -> l.startsWith(PluginSites.EXAMPLE_FEATURE + " ")
				&& l.contains("GetSongBPM for ORBIT") && l.contains("Example Plugins")), offered.out());
		assertFalse(offered.out().contains("orbit.") && offered.out().contains("orbit.library"), offered.out());

		Run providers = orbit("providers");
		assertEquals(0, providers.exitCode(), providers.all());
		assertFalse(listsProvider(providers), providers.out());
	}

	@Test
	@Order(2)
	void anUnreachableSiteIsAClearErrorAndChangesNothing() throws Exception {
		String before = product.state();
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		String site = "http://127.0.0.1:" + closedPort + "/";
		Run install = orbit("plugins", "install", site, PluginSites.EXAMPLE_FEATURE);
		assertOneErrorLine(install);
		assertTrue(error(install).startsWith("orbit: Plugin site " + site + " cannot be read"), install.err());
		assertTrue(error(install).contains("the installation is unchanged"), install.err());
		Run missing = orbit("plugins", "install", temp.resolve("no-such-site").toString());
		assertOneErrorLine(missing);
		assertTrue(error(missing).contains("cannot be read"), missing.err());
		assertEquals(before, product.state());
	}

	@Test
	@Order(3)
	void aPluginWhoseRequirementsNothingProvidesIsRefusedWhole() throws Exception {
		Path site = PluginSites.unresolvable(temp.resolve("unresolvable-work"), temp.resolve("unresolvable-site"));
		String before = product.state();
		Run install = orbit("plugins", "install", site.toString(), PluginSites.UNRESOLVABLE_FEATURE);
		assertOneErrorLine(install);
		assertTrue(error(install).startsWith("orbit: The plugin " + PluginSites.UNRESOLVABLE_FEATURE + " from "), install.err());
		assertTrue(error(install).contains(PluginSites.MISSING_PACKAGE), "names what is missing: " + install.err());
		assertTrue(error(install).endsWith("The installation is unchanged"), install.err());
		assertEquals(before, product.state());
	}

	@Test
	@Order(4)
	void anInstalledPluginEnrichesAfterARestart() throws Exception {
		Path music = Files.createDirectories(temp.resolve("music"));
		tone(music.resolve("first.flac"), "First Tone", 440);
		tone(music.resolve("second.flac"), "Second Tone", 550);
		Run scan = orbit("scan", music.toString());
		assertEquals(0, scan.exitCode(), scan.all());

		// Its author did not sign it: refused, nothing installed, unless the user says --trust.
		String before = product.state();
		Run refused = orbit("plugins", "install", pluginSite.toString(), PluginSites.EXAMPLE_FEATURE);
		assertOneErrorLine(refused);
		assertTrue(error(refused).startsWith("orbit: " + pluginSite.toAbsolutePath().normalize().toUri() + " offers what this installation does not trust: "),
				refused.err());
		assertTrue(error(refused).contains("not signed (" ) && error(refused).contains(PluginSites.EXAMPLE_BUNDLE + " "),
				"names the unsigned artifacts: " + refused.err());
		assertTrue(error(refused).contains("Nothing was installed; if you trust where it comes from, install it with --trust"),
				refused.err());
		assertEquals(before, product.state());

		Run install = orbit("plugins", "install", "--trust", pluginSite.toString(), PluginSites.EXAMPLE_FEATURE);
		assertEquals(0, install.exitCode(), install.all());
		assertTrue(install.out().contains("added    feature " + PluginSites.EXAMPLE_FEATURE + " "), install.out());
		assertTrue(install.out().contains("added    bundle  " + PluginSites.EXAMPLE_BUNDLE + " "), install.out());
		assertTrue(install.out().contains("Restart ORBIT"), install.out());

		Run list = orbit("plugins", "list");
		assertEquals(0, list.exitCode(), list.all());
		assertTrue(list.out().lines().anyMatch(l -> l.startsWith(PluginSites.EXAMPLE_FEATURE + " ")
				&& l.contains("Example Plugins")), list.out());
		Run providers = orbit("providers");
		assertTrue(listsProvider(providers), "the next start runs the plugin:\n" + providers.all());

		Run enrich = orbitWithGetSongBpm("enrich", "--provider", PROVIDER, "--queue", "1");
		assertEquals(0, enrich.exitCode(), enrich.all());
		assertTrue(enrich.out().startsWith("1 found"), enrich.out());
		assertEquals(0, getSongBpm.refusedKeys.get(), "the key is sent");
		Run inspect = orbit("inspect", "1");
		assertTrue(inspect.out().lines().anyMatch(l -> l.matches("\\s+" + PROVIDER + "\\s+128\\.0\\s+8A\\s.*gsb-1.*")),
				"GetSongBPM's own answer, its BPM and Am as 8A:\n" + inspect.out());
		assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith("BPM") && l.contains("128.0 " + PROVIDER)),
				"the online BPM is GetSongBPM's:\n" + inspect.out());

		// Over its rate limit GetSongBPM answers 429: the breaker opens, nothing more is asked.
		getSongBpm.limit(0, 3_600_000);
		int asked = getSongBpm.requests.get();
		Run limited = orbitWithGetSongBpm("enrich", "--provider", PROVIDER, "--queue", "2");
		assertEquals(1, getSongBpm.tooMany.get(), limited.all());
		assertEquals(asked + 1, getSongBpm.requests.get(), "one request, then the breaker: " + limited.all());
		Run open = orbitWithGetSongBpm("providers");
		assertTrue(open.out().lines().anyMatch(l -> l.matches("\\d+\\. " + PROVIDER + " +DEGRADED +open until .*")),
				"open for the hour GetSongBPM blocks a key:\n" + open.out());
		getSongBpm.limit(Integer.MAX_VALUE, 1);
	}

	@Test
	@Order(5)
	void anUpdateOfOrbitKeepsThePlugin() throws Exception {
		NewerSite newer = NewerSite.publish(product.install, "orbit.enrichment.deezer.feature", "orbit.enrichment.deezer",
				temp.resolve("newer-work"), temp.resolve("newer-site"));
		Run apply = orbit("update", "apply", "--site", newer.site.toString());
		assertEquals(0, apply.exitCode(), apply.all());
		assertTrue(apply.out().contains("changed  feature orbit.enrichment.deezer.feature"), apply.out());
		assertFalse(apply.out().contains(PluginSites.EXAMPLE_BUNDLE), "the plugin is not touched:\n" + apply.out());

		Run list = orbit("plugins", "list");
		assertTrue(list.out().lines().anyMatch(l -> l.startsWith(PluginSites.EXAMPLE_FEATURE + " ")), list.all());
		assertTrue(listsProvider(orbit("providers")), "still runs after the update");
	}

	@Test
	@Order(6)
	void removeTakesThePluginOutAndKeepsTheLibrary() throws Exception {
		Run own = orbit("plugins", "remove", "orbit.library.feature");
		assertOneErrorLine(own);
		assertTrue(error(own).startsWith("orbit: orbit.library.feature is part of ORBIT, not a plugin"), own.err());

		Run remove = orbit("plugins", "remove", PluginSites.EXAMPLE_FEATURE);
		assertEquals(0, remove.exitCode(), remove.all());
		assertTrue(remove.out().contains("removed  feature " + PluginSites.EXAMPLE_FEATURE + " "), remove.out());
		assertTrue(remove.out().contains("removed  bundle  " + PluginSites.EXAMPLE_BUNDLE + " "), remove.out());

		Run providers = orbit("providers");
		assertEquals(0, providers.exitCode(), providers.all());
		assertFalse(listsProvider(providers), providers.out());
		assertEquals("No plugins are installed.", orbit("plugins", "list").out().strip());
		Run tracks = orbit("tracks");
		assertEquals(0, tracks.exitCode(), tracks.all());
		assertTrue(tracks.out().contains("First Tone") && tracks.out().contains("Second Tone"), tracks.out());
		Run again = orbit("plugins", "remove", PluginSites.EXAMPLE_FEATURE);
		assertOneErrorLine(again);
		assertTrue(error(again).startsWith("orbit: No plugin " + PluginSites.EXAMPLE_FEATURE + " is installed"), again.err());

		// Reverting the update now would bring the plugin back with it: refused.
		Run revert = orbit("update", "revert");
		assertOneErrorLine(revert);
		assertTrue(error(revert).startsWith("orbit: There is no update to revert: plugins were installed or removed since "
				+ "the last update"), revert.err());
	}

	private static void tone(Path flac, String title, int hertz) throws Exception {
		Path wav = temp.resolve(flac.getFileName() + ".wav");
		run("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "2", "sine", Integer.toString(hertz));
		run("flac", "--silent", "-T", "ARTIST=Tester", "-T", "TITLE=" + title, "-o", flac.toString(), wav.toString());
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
	}
}
