package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import orbit.tests.support.ProductProcess;
import orbit.tests.support.ProductProcess.Run;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The materialized product, started through its launcher script as a user starts it: a
 * separate JVM, no display, the command line's output and exit code.
 */
class ProductLauncherTest {

	@TempDir
	Path temp;

	@BeforeAll
	static void findProduct() {
		ProductProcess.launcher();
	}

	Run orbit(String... args) throws IOException, InterruptedException {
		return orbit(java.util.Map.of(), args);
	}

	Run orbit(java.util.Map<String, String> environment, String... args) throws IOException, InterruptedException {
		return ProductProcess.run(temp, temp.resolve("env-home"), environment, args);
	}

	@Test
	void doctorWithoutADisplayPrintsAHealthReportAndExitsZero() throws Exception {
		Run run = orbit("doctor");
		assertEquals(0, run.exitCode(), run.out() + run.err());
		assertTrue(run.out().contains("health report"), run.out());
		assertEquals("", run.err(), "nothing but the report is printed");
		assertTrue(run.out().contains("($ORBIT_HOME, writable)"), run.out());
		assertTrue(run.out().contains(temp.resolve("env-home").toString()), "ORBIT_HOME is the data directory");
		assertTrue(Files.exists(temp.resolve("env-home/library.db")));
		assertTrue(Files.exists(temp.resolve("env-home/logs/orbit.log")), "the log is in the data directory");
		assertFalse(Files.exists(temp.resolve("env-home/library.db-wal")), "the library was closed cleanly at exit");
		assertFalse(Files.exists(temp.resolve("env-home/library.db-shm")), "the library was closed cleanly at exit");
	}

	@Test
	void helpListsTheCommands() throws Exception {
		Run run = orbit("--help");
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("doctor"), run.out());
	}

	@Test
	void aCorruptLibraryUnderHomeIsOneLineAndNothingIsOverwritten() throws Exception {
		Path home = Files.createDirectories(temp.resolve("bad-home"));
		byte[] garbage = new byte[4096];
		new Random(3).nextBytes(garbage);
		Files.write(home.resolve("library.db"), garbage);
		Run run = orbit("--home", home.toString(), "doctor");
		assertEquals(1, run.exitCode(), run.out() + run.err());
		assertTrue(run.out().contains("is not a readable ORBIT library"), run.out());
		assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
		assertArrayEquals(garbage, Files.readAllBytes(home.resolve("library.db")));
	}

	static String tool(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
		assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
		return output;
	}

	@Test
	void tagThenVerifyAFlacFileFromTheCommandLine() throws Exception {
		Path wav = temp.resolve("tone.wav");
		Path flac = temp.resolve("tone.flac");
		tool("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "2", "sine", "440");
		tool("flac", "--silent", "-T", "TITLE=Tone", "-o", flac.toString(), wav.toString());
		String md5 = tool("metaflac", "--show-md5sum", flac.toString()).strip();

		Run tagged = orbit("tag", flac.toString(), "--bpm", "128", "--key", "8A");
		assertEquals(0, tagged.exitCode(), tagged.out() + tagged.err());
		assertTrue(tagged.out().contains("audio verified unchanged"), tagged.out());
		assertEquals("BPM=128", tool("metaflac", "--show-tag=BPM", flac.toString()).strip());
		assertEquals("TITLE=Tone", tool("metaflac", "--show-tag=TITLE", flac.toString()).strip(), "other tags kept");

		Run verified = orbit("verify", flac.toString());
		assertEquals(0, verified.exitCode(), verified.out() + verified.err());
		assertTrue(verified.out().startsWith("ok"), verified.out());
		assertTrue(verified.out().contains(md5), verified.out());

		Run bad = orbit("tag", flac.toString(), "--bpm", "fast");
		assertEquals(2, bad.exitCode());
		assertEquals("orbit: 'fast' is not a tempo. Give the BPM as a number above 0 and below 1000, e.g. 128",
				bad.err().strip());
	}

	@Test
	void tagWritesOnlyTheFieldsAskedAndTheKeyInTheNotationAsked() throws Exception {
		Path wav = temp.resolve("tone.wav");
		Path flac = temp.resolve("tone.flac");
		tool("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "2", "sine", "440");
		tool("flac", "--silent", "-T", "TITLE=Tone", "-T", "INITIALKEY=F# major", "-T", "BPM=120", "-o", flac.toString(),
				wav.toString());

		Run bpm = orbit("tag", flac.toString(), "--bpm", "127.5");
		assertEquals(0, bpm.exitCode(), bpm.out() + bpm.err());
		assertEquals("TITLE=Tone\nINITIALKEY=F# major\nBPM=127.5", tool("metaflac", "--export-tags-to=-", flac.toString()).strip(),
				"the BPM alone changed, the key kept its text");

		Run openKey = orbit("tag", flac.toString(), "--key", "F#", "--notation", "OPEN_KEY");
		assertEquals(0, openKey.exitCode(), openKey.out() + openKey.err());
		assertEquals("TITLE=Tone\nINITIALKEY=7d\nBPM=127.5", tool("metaflac", "--export-tags-to=-", flac.toString()).strip());
		Run asGiven = orbit("tag", flac.toString(), "--key", "F# major");
		assertEquals(0, asGiven.exitCode(), asGiven.out() + asGiven.err());
		assertEquals("INITIALKEY=F# major", tool("metaflac", "--show-tag=INITIALKEY", flac.toString()).strip(),
				"without --notation the key is written as given");

		Path m4a = temp.resolve("tone.m4a");
		tool("ffmpeg", "-v", "error", "-i", wav.toString(), "-c:a", "aac", m4a.toString());
		Run rounded = orbit("tag", m4a.toString(), "--bpm", "127.5");
		assertEquals(0, rounded.exitCode(), rounded.out() + rounded.err());
		assertTrue(rounded.out().contains("Note: M4A keeps BPM as a whole number: 127.5 was written as 128"), rounded.out());
	}

	@Test
	void tagALibraryEntryByIdUpdatesTheLibrary() throws Exception {
		Path music = Files.createDirectories(temp.resolve("music"));
		Path wav = temp.resolve("tone.wav");
		Path flac = music.resolve("tone.flac");
		tool("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "2", "sine", "440");
		tool("flac", "--silent", "-T", "ARTIST=Tester", "-T", "TITLE=Tone", "-T", "BPM=120", "-o", flac.toString(),
				wav.toString());
		Run scanned = orbit("scan", music.toString());
		assertEquals(0, scanned.exitCode(), scanned.out() + scanned.err());

		Run tagged = orbit("tag", "1", "--bpm", "126", "--key", "A minor", "--notation", "CAMELOT");
		assertEquals(0, tagged.exitCode(), tagged.out() + tagged.err());
		assertTrue(tagged.out().contains("Library entry 1 updated"), tagged.out());
		assertEquals("INITIALKEY=8A", tool("metaflac", "--show-tag=INITIALKEY", flac.toString()).strip(),
				"the key DJ programs read");
		assertEquals("", tool("metaflac", "--show-tag=KEY", flac.toString()).strip(), "and no second key field");

		Run inspected = orbit("inspect", "1");
		assertTrue(inspected.out().contains("126"), inspected.out());
		assertTrue(inspected.out().lines().anyMatch(l -> l.matches("duration\\s+-\\s+0:02\\s+-\\s+0:02 \\(file tags\\)\\s*")),
				"the duration of each source and the resolved one: " + inspected.out());
		Run noSuch = orbit("tag", "999", "--bpm", "126");
		assertEquals(2, noSuch.exitCode());
		assertTrue(noSuch.err().contains("No library entry has id 999"), noSuch.err());
		Run badKey = orbit("tag", "1", "--key", "H major");
		assertEquals(2, badKey.exitCode());
		assertTrue(badKey.err().contains("'H major' is not a musical key"), badKey.err());
	}

	/** No network: Deezer at a loopback port nobody listens on, Spotify at a name that does not resolve. */
	@Test
	void enrichWithoutANetworkEndsPromptlyAndSaysWhy() throws Exception {
		Path music = Files.createDirectories(temp.resolve("offline"));
		Path wav = temp.resolve("offline.wav");
		tool("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "2", "sine", "550");
		tool("flac", "--silent", "-T", "ARTIST=Offline", "-T", "TITLE=Tone", "-o", music.resolve("a.flac").toString(),
				wav.toString());
		assertEquals(0, orbit("scan", music.toString()).exitCode());
		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		java.util.Map<String, String> offline = java.util.Map.of("ORBIT_JAVA_OPTIONS",
				"-Dorbit.deezer.url=http://127.0.0.1:" + closed + " -Dorbit.spotify.api-url=http://orbit-offline.invalid"
						+ " -Dorbit.spotify.accounts-url=http://orbit-offline.invalid",
				"ORBIT_SPOTIFY_CLIENT_ID", "test-client", "ORBIT_SPOTIFY_CLIENT_SECRET", "test-secret");
		long started = System.nanoTime();
		Run enrich = orbit(offline, "enrich", "--queue", "1");
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf(java.util.Locale.ROOT, "enrich without a network ended in %.1f s: %s%n", seconds,
				enrich.out().strip().replace('\n', '|'));
		assertTrue(seconds < 15, "ended in " + seconds + " s");
		assertEquals(1, enrich.exitCode(), enrich.out() + enrich.err());
		assertTrue(enrich.out().contains("no network: orbit-offline.invalid cannot be resolved"), enrich.out());
		assertTrue(enrich.out().contains("127.0.0.1 refused the connection"), enrich.out());
		assertTrue(enrich.out().contains("1 track(s) still queued"), enrich.out());
		for (String line : (enrich.out() + enrich.err()).lines().toList()) {
			assertFalse(line.contains("Exception") || line.contains("null") || line.contains("at orbit."), line);
		}
		Run providers = orbit(java.util.Map.of(), "providers");
		assertTrue(providers.out().lines().anyMatch(l -> l.contains("spotify") && l.contains("needs credentials")),
				"without credentials Spotify says so: " + providers.out());
		assertTrue(providers.out().contains("1 track(s) queued"), providers.out());
	}

	@Test
	void theProductCarriesTheEnrichmentProviders() throws Exception {
		Run providers = orbit("providers");
		assertEquals(0, providers.exitCode(), providers.out() + providers.err());
		assertTrue(providers.out().contains("deezer") && providers.out().contains("spotify"), providers.out());
		assertTrue(providers.out().contains("0 track(s) queued for enrichment"), providers.out());
	}
}
