package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryReport;
import orbit.recovery.internal.RecoveryRunner;
import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TagChanges;
import orbit.safewrite.internal.AtomicFiles;
import orbit.safewrite.internal.AudioRegions;
import orbit.safewrite.internal.SafeWriteRecovery;
import orbit.tests.support.JavaProcess;

/**
 * A child JVM writes tags in a loop on a real FLAC and a real MP3; it is SIGKILLed at random
 * moments, recovery runs, and every file must decode, keep bit-identical audio, and carry
 * exactly the old or exactly the new set of tags, with no temp file and an empty journal.
 */
class TagWriteCrashCampaignTest {

	static final int KILLS = 300;

	@TempDir
	Path dir;

	/** Two lanes, each with its own files and journal, run side by side: one per core. */
	static final int LANES = 2;
	/** What the child needs besides its own bundle. */
	static final List<Class<?>> CHILD_CLASS_PATH = List.of(AtomicFiles.class, SqliteJournal.class, org.sqlite.JDBC.class,
			com.google.gson.Gson.class, orbit.core.ActionableException.class, org.slf4j.LoggerFactory.class,
			AudioFileIO.class, org.jflac.FLACDecoder.class);

	@Test
	void threeHundredKillsDuringTagWritesLoseNothing() throws Exception {
		long seed = Long.getLong("orbit.crash.seed", System.nanoTime());
		System.out.println("Tag-write crash campaign seed: " + seed + " (rerun with -Dorbit.crash.seed=" + seed + ")");
		// The children start from the JVM's ahead-of-time cache, made by one child on files of its own.
		Path training = Files.createDirectories(dir.resolve("training"));
		AudioFixtures.flac(training, "track", 2, "TITLE=Original");
		AudioFixtures.mp3(training, "track", 2);
		JavaProcess.train(TagWriteChild.class, CHILD_CLASS_PATH, "ready", training.toString());
		java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(LANES);
		try {
			List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
			for (int lane = 0; lane < LANES; lane++) {
				Path laneDir = Files.createDirectories(dir.resolve("lane-" + lane));
				long laneSeed = seed + lane;
				results.add(lanes.submit(() -> lane(laneDir, new Random(laneSeed), KILLS / LANES)));
			}
			int recovered = 0;
			for (java.util.concurrent.Future<Integer> result : results) {
				try {
					recovered += result.get();
				} catch (java.util.concurrent.ExecutionException e) {
					if (e.getCause() instanceof AssertionError failure) {
						throw failure;
					}
					throw e;
				}
			}
			System.out.printf("Tag-write crash campaign: %d kills, %d interrupted tag writes recovered%n", KILLS, recovered);
			assertTrue(recovered > 0, "some kills landed inside a tag write");
		} finally {
			lanes.shutdownNow();
		}
	}

	/** One lane of the campaign; returns how many interrupted tag writes recovery completed. */
	static int lane(Path dir, Random random, int kills) throws Exception {
		Path flac = AudioFixtures.flac(dir, "track", 2, "TITLE=Original");
		Path mp3 = AudioFixtures.mp3(dir, "track", 2);
		Path pristineFlac = Files.copy(flac, dir.resolveSibling(dir.getFileName() + "-pristine.flac"));
		Path pristineMp3 = Files.copy(mp3, dir.resolveSibling(dir.getFileName() + "-pristine.mp3"));
		int recovered = 0;
		for (int kill = 1; kill <= kills; kill++) {
			Process child = JavaProcess.builder(TagWriteChild.class, CHILD_CLASS_PATH, dir.toString())
					.redirectError(ProcessBuilder.Redirect.DISCARD).start();
			BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			assertEquals("ready", out.readLine(), "kill " + kill + ": the child started");
			Thread.sleep(random.nextInt(120));
			child.destroyForcibly();
			assertTrue(child.waitFor(30, TimeUnit.SECONDS));

			SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"),
					Clock.systemUTC());
			try {
				Map<String, RecoveryHandler> handlers = Map.of(SafeWriteService.TAG_WRITE,
						SafeWriteRecovery.of(SafeWriteService.TAG_WRITE, journal));
				RecoveryReport report = new RecoveryRunner(journal, handlers::get, Duration.ofHours(24), Clock.systemUTC())
						.run();
				recovered += report.recovered().getOrDefault("tag write", 0);
				assertEquals(List.of(), journal.active(), "kill " + kill + ": the journal is empty");
				assertEquals(List.of(), journal.deadLetters(), "kill " + kill + ": nothing dead-lettered");
			} finally {
				journal.close();
			}
			try (Stream<Path> files = Files.list(dir)) {
				List<Path> temps = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
				assertEquals(List.of(), temps, "kill " + kill + ": no temp file remains");
			}
			for (Path[] file : new Path[][] { { flac, pristineFlac }, { mp3, pristineMp3 } }) {
				String format = AudioRegions.format(file[0]);
				assertEquals(-1, AudioRegions.firstDifference(file[1], AudioRegions.audio(file[1], format), file[0],
						AudioRegions.audio(file[0], format)), "kill " + kill + ": " + format + " audio bit-identical");
				assertOneWholeTagSet(file[0], kill);
			}
			Commands.run("flac", "-t", "--silent", flac.toString());
			AudioFixtures.decodes(mp3);
		}
		return recovered;
	}

	static void assertOneWholeTagSet(Path file, int kill) throws Exception {
		Tag tag = AudioFileIO.read(file.toFile()).getTag();
		String title = tag == null ? "" : tag.getFirst(FieldKey.TITLE);
		TagChanges expected = title.equals(TagWriteChild.SET_A.title()) ? TagWriteChild.SET_A
				: title.equals(TagWriteChild.SET_B.title()) ? TagWriteChild.SET_B : null;
		if (expected == null) {
			assertTrue(title.equals("Original") || title.equals("Original Title"),
					"kill " + kill + ": " + file.getFileName() + " has title '" + title + "'");
			return;
		}
		assertEquals(expected.artist(), tag.getFirst(FieldKey.ARTIST), "kill " + kill + ": one whole set");
		assertEquals(expected.bpm(), tag.getFirst(FieldKey.BPM), "kill " + kill + ": one whole set");
		// A FLAC's key is in INITIALKEY, which jaudiotagger's KEY does not read.
		String key = file.getFileName().toString().endsWith(".flac") ? tag.getFirst("INITIALKEY") : tag.getFirst(FieldKey.KEY);
		assertEquals(expected.key(), key, "kill " + kill + ": one whole set");
		assertEquals(expected.comment().strip(), tag.getFirst(FieldKey.COMMENT), "kill " + kill + ": one whole set");
	}
}
