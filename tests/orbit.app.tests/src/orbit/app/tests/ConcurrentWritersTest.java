package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.ProductProcess;
import orbit.tests.support.ProductProcess.Run;

/**
 * Two {@code orbit tag} processes write different tags to one FLAC file at the same moment, 50
 * times, through the product's launcher and with the same data directory. Each either writes its
 * tag, and "Tagged" shows what the file held at that moment (so exactly one of the two saw the
 * other's new value), or is refused in one line naming the process that held the file; no update
 * is lost silently. metaflac, not ORBIT, reads the file after each round.
 */
class ConcurrentWritersTest {

	static final int ROUNDS = 50;

	/** Quicker to start on a busy machine: the product's JVM compiles less and runs one GC thread. */
	static final Map<String, String> QUICK_START = Map.of("ORBIT_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

	private static final Pattern TAGGED = Pattern.compile("(?m)^Tagged (.+) \\(\\d+ bytes, audio verified unchanged\\): (.*)$");
	private static final Pattern BUSY = Pattern.compile(
			"orbit: (.+) is being written by ORBIT process \\d+ \\(orbit tag\\) for more than [0-9.]+ s; try again when it has finished");

	@TempDir
	Path temp;

	/** One thread per process of a round: the common pool has a single thread on two cores. */
	private final ExecutorService launchers = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopLaunchers() {
		launchers.shutdownNow();
	}

	/** What one process printed: its exit, and the tags its "Tagged" line says the file held. */
	record Outcome(Run run, Map<String, String> held) {

		boolean tagged() {
			return run.exitCode() == 0;
		}
	}

	@Test
	void twoProcessesTaggingOneFileTakeTurnsAndLoseNoUpdate() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path wav = temp.resolve("tone.wav");
		Path flac = temp.resolve("tone.flac");
		ProductLauncherTest.tool("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "1", "sine", "440");
		ProductLauncherTest.tool("flac", "--silent", "-T", "TITLE=Tone", "-T", "BPM=100", "-T", "INITIALKEY=1A", "-o",
				flac.toString(), wav.toString());
		String bpm = "100";
		String key = "1A";
		int successes = 0;
		int refusals = 0;
		int bpmFirst = 0;
		int together = 0;
		long start = System.nanoTime();
		for (int round = 1; round <= ROUNDS; round++) {
			String newBpm = Integer.toString(100 + round);
			String newKey = (round % 12 + 1) + (round % 2 == 0 ? "A" : "B");
			// Each starts first in turn, so that neither is always ahead.
			CompletableFuture<Timed> bpmRun;
			CompletableFuture<Timed> keyRun;
			if (round % 2 == 0) {
				bpmRun = orbitAsync("tag", flac.toString(), "--bpm", newBpm);
				keyRun = orbitAsync("tag", flac.toString(), "--key", newKey);
			} else {
				keyRun = orbitAsync("tag", flac.toString(), "--key", newKey);
				bpmRun = orbitAsync("tag", flac.toString(), "--bpm", newBpm);
			}
			Timed bpmTimed = join(bpmRun);
			Timed keyTimed = join(keyRun);
			if (bpmTimed.started() < keyTimed.ended() && keyTimed.started() < bpmTimed.ended()) {
				together++;
			}
			Outcome byBpm = outcome(bpmTimed.run(), flac, round);
			Outcome byKey = outcome(keyTimed.run(), flac, round);
			String where = "round " + round + " (bpm " + bpm + " -> " + newBpm + ", key " + key + " -> " + newKey + "): ";

			if (byBpm.tagged()) {
				assertEquals(newBpm, byBpm.held().get("bpm"), where + byBpm.run().out());
				assertTrue(byBpm.held().get("key").equals(key) || byKey.tagged() && byBpm.held().get("key").equals(newKey),
						where + "the bpm writer's 'Tagged' shows the key the file held: " + byBpm.run().out());
				assertEquals("Tone", byBpm.held().get("title"), where + "untouched tags stay");
			}
			if (byKey.tagged()) {
				assertEquals(newKey, byKey.held().get("key"), where + byKey.run().out());
				assertTrue(byKey.held().get("bpm").equals(bpm) || byBpm.tagged() && byKey.held().get("bpm").equals(newBpm),
						where + "the key writer's 'Tagged' shows the bpm the file held: " + byKey.run().out());
				assertEquals("Tone", byKey.held().get("title"), where + "untouched tags stay");
			}
			if (byBpm.tagged() && byKey.tagged()) {
				boolean keyFirst = byBpm.held().get("key").equals(newKey);
				boolean bpmWasFirst = byKey.held().get("bpm").equals(newBpm);
				assertNotEquals(keyFirst, bpmWasFirst, where + "one write came wholly after the other: "
						+ byBpm.run().out() + " / " + byKey.run().out());
				bpmFirst += bpmWasFirst ? 1 : 0;
			}

			Map<String, List<String>> file = exportedTags(flac);
			String expectedBpm = byBpm.tagged() ? newBpm : bpm;
			String expectedKey = byKey.tagged() ? newKey : key;
			assertEquals(List.of(expectedBpm), file.get("BPM"), where + "the bpm is the one reported: " + file);
			assertEquals(List.of(expectedKey), file.get("INITIALKEY"), where + "the key is the one reported: " + file);
			assertEquals(List.of("Tone"), file.get("TITLE"), where + file);
			bpm = expectedBpm;
			key = expectedKey;
			successes += (byBpm.tagged() ? 1 : 0) + (byKey.tagged() ? 1 : 0);
			refusals += (byBpm.tagged() ? 0 : 1) + (byKey.tagged() ? 0 : 1);
		}
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
		// The product logs each wait for another process: the rounds where the two really met at the lock.
		long waits = Files.readAllLines(home.resolve("logs").resolve("orbit.log")).stream()
				.filter(line -> line.contains("Waited ") && line.contains("(orbit tag) to finish writing " + flac)).count();
		System.out.printf("Concurrent tag writers: %d rounds of two 'orbit tag' processes (running at once in %d), %d tagged "
				+ "(the bpm writer first %d times), %d refused, %d waits at the lock for the other process, %d s (%.1f s a "
				+ "round)%n", ROUNDS, together, successes, bpmFirst, refusals, waits, seconds, seconds / (double) ROUNDS);
		// Whether they also met at the lock depends on their start-up times (a write holds it for a
		// fraction of a second): the waits are reported; the unit tests make writers meet every time.
		assertEquals(ROUNDS, together, "each round's two processes ran at the same time");
		assertTrue(successes > ROUNDS, "most writes waited for each other rather than being refused");
		try (Stream<Path> files = Files.list(temp)) {
			assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
					"no temp file remains");
		}
		Path locks = home.resolve("locks");
		if (Files.isDirectory(locks)) {
			try (Stream<Path> files = Files.list(locks)) {
				assertEquals(List.of(), files.toList(), "every holder deleted its lock file on release");
			}
		}
	}

	@Test
	void aFileAnotherProcessHoldsIsRefusedNamingItAfterTheConfiguredWait() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path wav = temp.resolve("held.wav");
		Path flac = temp.resolve("held.flac");
		ProductLauncherTest.tool("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "1", "sine", "440");
		ProductLauncherTest.tool("flac", "--silent", "-T", "TITLE=Held", "-o", flac.toString(), wav.toString());
		byte[] before = Files.readAllBytes(flac);
		// This JVM holds the file as an ORBIT writer does: the OS lock on <data>/locks/<sha-256 of its path>.lock.
		Path locks = Files.createDirectories(home.resolve("locks"));
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		String name = HexFormat.of().formatHex(sha.digest(flac.toString().getBytes(StandardCharsets.UTF_8)));
		long pid = ProcessHandle.current().pid();
		try (FileChannel channel = FileChannel.open(locks.resolve(name + ".lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock held = channel.lock()) {
			channel.write(ByteBuffer.wrap(("pid=" + pid + "\ncommand=orbit scan\ntarget=" + flac + "\ntoken=test\n")
					.getBytes(StandardCharsets.UTF_8)));
			long start = System.nanoTime();
			Run run = ProductProcess.run(temp, home, Map.of("ORBIT_JAVA_OPTIONS", QUICK_START.get("ORBIT_JAVA_OPTIONS")
					+ " -Dorbit.safewrite.lock-wait-ms=1500"), "tag", flac.toString(), "--bpm", "128");
			long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			System.out.printf("'orbit tag' on a held file was refused after %d ms (wait 1500 ms): %s%n", took, run.err().strip());
			assertEquals(2, run.exitCode(), run.all());
			assertEquals("orbit: " + flac + " is being written by ORBIT process " + pid + " (orbit scan) for more than 1.5 s; "
					+ "try again when it has finished", run.err().strip());
			assertEquals("", run.out());
		}
		assertTrue(Arrays.equals(before, Files.readAllBytes(flac)), "nothing was written");
	}

	/** A run and when it started and ended, to show that a round's two processes ran at once. */
	record Timed(Run run, long started, long ended) {
	}

	private CompletableFuture<Timed> orbitAsync(String... args) {
		Path home = temp.resolve("home");
		return CompletableFuture.supplyAsync(() -> {
			try {
				long started = System.nanoTime();
				Run run = ProductProcess.run(temp, home, QUICK_START, args);
				return new Timed(run, started, System.nanoTime());
			} catch (IOException | InterruptedException e) {
				throw new CompletionException(e);
			}
		}, launchers);
	}

	private static Timed join(CompletableFuture<Timed> run) throws Exception {
		return run.get(180, TimeUnit.SECONDS);
	}

	/** Tagged with what the file held, or refused in one line naming the holder; anything else fails. */
	private static Outcome outcome(Run run, Path flac, int round) {
		if (run.exitCode() == 0) {
			Matcher tagged = TAGGED.matcher(run.out());
			assertTrue(tagged.find(), "round " + round + ": 'Tagged' line: " + run.all());
			assertEquals(flac.toString(), tagged.group(1));
			Map<String, String> held = new HashMap<>();
			for (String field : tagged.group(2).split(", ")) {
				int space = field.indexOf(' ');
				held.put(field.substring(0, space), field.substring(space + 1));
			}
			return new Outcome(run, held);
		}
		assertEquals(2, run.exitCode(), "round " + round + ": refused as a failure the user can act on: " + run.all());
		String message = run.err().strip();
		assertEquals(1, message.lines().count(), "round " + round + ": one line: " + message);
		Matcher busy = BUSY.matcher(message);
		if (!busy.matches()) {
			fail("round " + round + ": refused only because the other process held the file: " + message);
		}
		assertEquals(flac.toString(), busy.group(1));
		return new Outcome(run, Map.of());
	}

	/** The file's Vorbis comments as metaflac reads them, by name. */
	private static Map<String, List<String>> exportedTags(Path flac) throws IOException, InterruptedException {
		Map<String, List<String>> tags = new HashMap<>();
		Process metaflac = new ProcessBuilder("metaflac", "--export-tags-to=-", flac.toString()).redirectErrorStream(true)
				.start();
		String output = new String(metaflac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(metaflac.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, metaflac.exitValue(), output);
		for (String line : output.lines().toList()) {
			int equals = line.indexOf('=');
			tags.computeIfAbsent(line.substring(0, equals).toUpperCase(Locale.ROOT), k -> new ArrayList<>())
					.add(line.substring(equals + 1));
		}
		return tags;
	}
}
