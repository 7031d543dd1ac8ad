package orbit.recovery.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.recovery.RecoveryReport;
import orbit.recovery.internal.RecoveryRunner;
import orbit.recovery.internal.SqliteJournal;
import orbit.tests.support.JavaProcess;

/**
 * Real processes killed with SIGKILL in the middle of journaled file operations; after each
 * kill recovery runs, and the journal, the dead letters and the files must agree.
 */
class CrashCampaignTest {

	static final int KILLS = 200;

	@TempDir
	Path dir;

	/** What the child needs besides its own bundle. */
	static final List<Class<?>> CHILD_CLASS_PATH = List.of(SqliteJournal.class, org.sqlite.JDBC.class,
			com.google.gson.JsonObject.class, orbit.core.ActionableException.class, org.slf4j.LoggerFactory.class);

	static ProcessBuilder child(String... args) {
		return JavaProcess.builder(CrashChild.class, CHILD_CLASS_PATH, args);
	}

	static SqliteJournal journal(Path dir) {
		return new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"), Clock.systemUTC());
	}

	/** Two lanes, each with its own ledger and journal, run side by side: one per core. */
	static final int LANES = 2;

	@Test
	void twoHundredKillsAtRandomPointsLeaveAConsistentLedgerAndAnEmptyJournal() throws Exception {
		long seed = Long.getLong("orbit.crash.seed", System.nanoTime());
		System.out.println("Crash campaign seed: " + seed + " (rerun with -Dorbit.crash.seed=" + seed + ")");
		// The children start from the JVM's ahead-of-time cache, made by one child in a folder of its own.
		JavaProcess.train(CrashChild.class, CHILD_CLASS_PATH, "ready", "work",
				Files.createDirectories(dir.resolve("training")).toString());
		java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(LANES);
		try {
			List<java.util.concurrent.Future<int[]>> results = new java.util.ArrayList<>();
			for (int lane = 0; lane < LANES; lane++) {
				Path laneDir = Files.createDirectories(dir.resolve("lane-" + lane));
				long laneSeed = seed + lane;
				results.add(lanes.submit(() -> lane(laneDir, new Random(laneSeed), KILLS / LANES)));
			}
			int entries = 0;
			int recovered = 0;
			for (java.util.concurrent.Future<int[]> result : results) {
				try {
					int[] lane = result.get();
					entries += lane[0];
					recovered += lane[1];
				} catch (java.util.concurrent.ExecutionException e) {
					if (e.getCause() instanceof AssertionError failure) {
						throw failure;
					}
					throw e;
				}
			}
			System.out.printf("Crash campaign: %d kills, %d ledger entries, %d interrupted operations recovered%n", KILLS,
					entries, recovered);
			assertTrue(entries > 0, "the children completed operations between kills");
			assertTrue(recovered > 0, "some kills landed inside an operation");
		} finally {
			lanes.shutdownNow();
		}
	}

	/** One lane: returns its ledger entries and the interrupted operations recovery completed. */
	static int[] lane(Path dir, Random random, int kills) throws Exception {
		int recoveredOperations = 0;
		int lastEntries = 0;
		for (int kill = 1; kill <= kills; kill++) {
			Process child = child("work", dir.toString())
					.redirectError(ProcessBuilder.Redirect.DISCARD).start();
			BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			String ready = out.readLine();
			assertEquals("ready", ready, "kill " + kill + ": the child started");
			// Anywhere in the loop of log, write, fsync, update, rename, fsync, complete.
			Thread.sleep(random.nextInt(150));
			child.destroyForcibly();
			assertTrue(child.waitFor(30, TimeUnit.SECONDS));

			SqliteJournal journal = journal(dir);
			try {
				RecoveryReport report = new RecoveryRunner(journal, Map.of(Ledger.TYPE, new Ledger.Handler())::get,
						Duration.ofHours(24), Clock.systemUTC()).run();
				recoveredOperations += report.recovered().getOrDefault("ledger append", 0);
				assertEquals(List.of(), journal.active(), "kill " + kill + ": the journal is empty after recovery");
				assertEquals(List.of(), journal.deadLetters(), "kill " + kill + ": nothing was dead-lettered");
			} finally {
				journal.close();
			}
			assertFalse(Files.exists(Ledger.temp(dir)), "kill " + kill + ": no temp file is left");
			List<String> lines = Ledger.lines(dir);
			for (int i = 0; i < lines.size(); i++) {
				assertEquals("entry " + (i + 1), lines.get(i), "kill " + kill + ": the ledger is whole");
			}
			assertTrue(lines.size() >= lastEntries, "kill " + kill + ": no completed entry was lost");
			lastEntries = lines.size();
		}
		return new int[] { lastEntries, recoveredOperations };
	}

	@Test
	void aHandlerThatHaltsTheJvmIsADeadLetterAfterThreeStartsAndTheFourthIsClean() throws Exception {
		Process crashed = child("log-and-halt", dir.toString()).start();
		assertTrue(crashed.waitFor(30, TimeUnit.SECONDS));
		assertEquals(9, crashed.exitValue(), "the operation's process died");
		for (int start = 1; start <= 2; start++) {
			Process recovery = child("recover-halting", dir.toString()).start();
			assertTrue(recovery.waitFor(30, TimeUnit.SECONDS));
			assertEquals(7, recovery.exitValue(), "start " + start + " dies in the handler");
		}
		Process third = child("recover-halting", dir.toString()).redirectErrorStream(true).start();
		String thirdOutput = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(third.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, third.exitValue(), "the third start survives: " + thirdOutput);
		assertTrue(thirdOutput.contains("1 operation was set aside"), thirdOutput);

		Process fourth = child("recover-halting", dir.toString()).redirectErrorStream(true).start();
		String fourthOutput = new String(fourth.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(fourth.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, fourth.exitValue());
		assertTrue(fourthOutput.contains("Nothing to recover."), fourthOutput);

		SqliteJournal journal = journal(dir);
		try {
			assertEquals(List.of(), journal.active());
			assertEquals(1, journal.deadLetters().size());
			assertEquals(3, journal.deadLetters().get(0).failureCount());
		} finally {
			journal.close();
		}
		List<String> log = Files.readAllLines(dir.resolve("dead_letters.log"));
		assertEquals(1, log.size());
		assertTrue(log.get(0).contains("\"operationType\":\"Halting\""), log.get(0));
	}
}
