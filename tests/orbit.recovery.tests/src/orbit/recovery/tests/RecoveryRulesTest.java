package orbit.recovery.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.DeadLetter;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;
import orbit.recovery.RecoveryReport;
import orbit.recovery.StartupRecovery;
import orbit.recovery.internal.RecoveryRunner;
import orbit.recovery.internal.SqliteJournal;
import orbit.tests.support.OsgiServices;

/** The rules of recovery, each on a real journal file. */
class RecoveryRulesTest {

	@TempDir
	Path dir;

	final List<String> calls = new ArrayList<>();

	/** A handler whose outcome the test chooses, recording every call. */
	RecoveryHandler handler(String type, String name, Function<Checkpoint, RecoveryOutcome> outcome) {
		return new RecoveryHandler() {
			@Override
			public String operationType() {
				return type;
			}

			@Override
			public String displayName() {
				return name;
			}

			@Override
			public RecoveryOutcome recover(Checkpoint checkpoint) {
				calls.add("recover " + checkpoint.targetPath());
				return outcome.apply(checkpoint);
			}

			@Override
			public RecoveryOutcome abandon(Checkpoint checkpoint) {
				calls.add("abandon " + checkpoint.targetPath());
				return outcome.apply(checkpoint);
			}
		};
	}

	SqliteJournal journal(Clock clock) {
		return new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"), clock);
	}

	static RecoveryReport run(SqliteJournal journal, RecoveryHandler... handlers) {
		Map<String, RecoveryHandler> byType = new java.util.HashMap<>();
		for (RecoveryHandler h : handlers) {
			byType.put(h.operationType(), h);
		}
		return new RecoveryRunner(journal, byType::get, Duration.ofHours(24), Clock.systemUTC()).run();
	}

	@Test
	void userWorkIsRecoveredBeforeBackgroundWork() {
		SqliteJournal journal = journal(Clock.systemUTC());
		journal.log("Download", dir.resolve("background-1"), "{}", 0);
		journal.log("Download", dir.resolve("user-1"), "{}", 10);
		journal.log("Download", dir.resolve("background-2"), "{}", 0);
		journal.log("Download", dir.resolve("user-2"), "{}", 10);
		run(journal, handler("Download", "download", c -> RecoveryOutcome.recovered("done")));
		assertEquals(List.of("recover " + dir.resolve("user-1"), "recover " + dir.resolve("user-2"),
				"recover " + dir.resolve("background-1"), "recover " + dir.resolve("background-2")), calls);
		journal.close();
	}

	@Test
	void staleCheckpointsAreAbandonedSafelyButNeverDroppedWhenDataIsAtRisk() {
		Clock dayAndAHalfAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(36)), ZoneOffset.UTC);
		SqliteJournal old = journal(dayAndAHalfAgo);
		old.log("TagWrite", dir.resolve("safe.flac"), "{}", 0);
		old.log("TagWrite", dir.resolve("only-copy.flac"), "{}", 0);
		old.close();
		SqliteJournal journal = journal(Clock.systemUTC());
		journal.log("TagWrite", dir.resolve("fresh.flac"), "{}", 0);
		RecoveryReport report = run(journal, handler("TagWrite", "tag write",
				c -> c.targetPath().endsWith("only-copy.flac") ? RecoveryOutcome.dataAtRisk("the original is gone; the temp holds the audio")
						: RecoveryOutcome.recovered("temp removed")));
		assertTrue(calls.contains("abandon " + dir.resolve("safe.flac")), calls.toString());
		assertTrue(calls.contains("abandon " + dir.resolve("only-copy.flac")), calls.toString());
		assertTrue(calls.contains("recover " + dir.resolve("fresh.flac")), "a fresh checkpoint is recovered, not abandoned");
		List<DeadLetter> dead = journal.deadLetters();
		assertEquals(1, dead.size());
		assertTrue(dead.get(0).targetPath().endsWith("only-copy.flac"));
		assertTrue(dead.get(0).lastError().contains("the temp holds the audio"), dead.get(0).lastError());
		assertEquals(List.of(), journal.active());
		assertEquals(1, report.deadLettered().size());
		journal.close();
	}

	@Test
	void threeStrikesMakeADeadLetterInTheTableAndTheLog() throws Exception {
		SqliteJournal journal = journal(Clock.systemUTC());
		journal.log("Upgrade", dir.resolve("locked.mp3"), "{\"from\":\"a\"}", 0);
		RecoveryHandler stubborn = handler("Upgrade", "upgrade", c -> RecoveryOutcome.failed("file locked by the DJ software"));
		RecoveryReport first = run(journal, stubborn);
		assertEquals(1, first.pending(), "crash strike + failed attempt: 2 strikes, still queued");
		assertEquals(2, journal.active().get(0).failureCount());
		RecoveryReport second = run(journal, stubborn);
		assertEquals(1, second.deadLettered().size());
		assertEquals(List.of(), journal.active());
		DeadLetter letter = journal.deadLetters().get(0);
		assertEquals(3, letter.failureCount());
		assertTrue(letter.lastError().contains("file locked by the DJ software"), letter.lastError());
		List<String> log = Files.readAllLines(dir.resolve("dead_letters.log"));
		assertEquals(1, log.size());
		com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(log.get(0)).getAsJsonObject();
		assertEquals("Upgrade", json.get("operationType").getAsString());
		assertEquals(3, json.get("failureCount").getAsInt());
		assertTrue(second.summary().startsWith("Warning: 1 operation was set aside"), second.summary());
		journal.close();
	}

	@Test
	void aRetriedDeadLetterReturnsWithNoStrikesAndIsRecovered() {
		SqliteJournal journal = journal(Clock.systemUTC());
		journal.log("Upgrade", dir.resolve("was-locked.mp3"), "{}", 0);
		RecoveryHandler failing = handler("Upgrade", "upgrade", c -> RecoveryOutcome.failed("locked"));
		run(journal, failing);
		run(journal, failing);
		String id = journal.deadLetters().get(0).id();
		journal.retry(id);
		assertEquals(List.of(), journal.deadLetters());
		Checkpoint back = journal.active().get(0);
		assertEquals(0, back.failureCount());
		assertTrue(back.suspended(), "a retried operation counts no crash strike");
		RecoveryReport report = run(journal, handler("Upgrade", "upgrade", c -> RecoveryOutcome.recovered("unlocked now")));
		assertEquals("Recovered 1 upgrade", report.summary());
		assertEquals(List.of(), journal.active());
		journal.close();
	}

	@Test
	void theNotificationAppearsOnlyWhenRecoveryDidWork() {
		SqliteJournal journal = journal(Clock.systemUTC());
		RecoveryReport idle = run(journal);
		assertFalse(idle.didWork());
		assertEquals("", idle.summary());
		for (int i = 0; i < 3; i++) {
			journal.log("Download", dir.resolve("d" + i), "{}", 10);
		}
		journal.log("TagWrite", dir.resolve("t"), "{}", 0);
		journal.log("TagWrite", dir.resolve("clean"), "{}", 0);
		RecoveryReport busy = run(journal, handler("Download", "download", c -> RecoveryOutcome.recovered("resumed")),
				handler("TagWrite", "tag write", c -> c.targetPath().endsWith("clean")
						? RecoveryOutcome.nothingToDo("already swapped") : RecoveryOutcome.recovered("rolled forward")));
		assertTrue(busy.didWork());
		assertEquals("Recovered 3 downloads, 1 tag write", busy.summary());
		RecoveryReport again = run(journal);
		assertFalse(again.didWork(), "recovery is idempotent: a second run finds nothing");
		journal.close();
	}

	@Test
	void heartbeatsAreSkippedBelowOneKilobyteAndBatched() {
		SqliteJournal journal = journal(Clock.systemUTC());
		String a = journal.log("Download", dir.resolve("a"), "{}", 10);
		String b = journal.log("Download", dir.resolve("b"), "{}", 10);
		long before = journal.writes();
		for (int beat = 0; beat < 240; beat++) {
			// A 60 s stall at 250 ms beats: the same confirmed bytes every time.
			journal.heartbeat(a, 0);
			journal.flush();
		}
		assertEquals(before, journal.writes(), "a stall writes nothing");
		journal.heartbeat(a, 1000);
		journal.flush();
		assertEquals(before, journal.writes(), "less than 1 KB of progress is not written");
		journal.heartbeat(a, 5000);
		journal.heartbeat(b, 9000);
		journal.flush();
		assertEquals(before + 1, journal.writes(), "two downloads' progress, one transaction");
		assertEquals(5000, journal.active().stream().filter(c -> c.id().equals(a)).findFirst().orElseThrow().progress());
		journal.close();
	}

	@Test
	void aCleanCloseLeavesNoWalFileAndCountsNoStrike() {
		SqliteJournal journal = journal(Clock.systemUTC());
		journal.log("Download", dir.resolve("pending"), "{}", 10);
		journal.close();
		assertFalse(Files.exists(dir.resolve("journal.db-wal")));
		assertFalse(Files.exists(dir.resolve("journal.db-shm")));
		SqliteJournal reopened = journal(Clock.systemUTC());
		run(reopened, handler("Download", "download", c -> RecoveryOutcome.resumed("re-queued")));
		assertEquals(0, reopened.active().get(0).failureCount(), "a clean shutdown is not a crash");
		reopened.close();
	}

	@Test
	void theServicesRecoverThroughWhiteboardHandlers() throws Exception {
		Path home = dir.resolve("home");
		var registration = OsgiServices.context().registerService(RecoveryHandler.class,
				handler("Whiteboard", "whiteboard operation", c -> RecoveryOutcome.recovered("ok")), null);
		try {
			OsgiServices.withHome(home, CrashRecoveryJournal.class,
					journal -> journal.log("Whiteboard", home.resolve("x"), "{}", 0));
			RecoveryReport report = OsgiServices.withHome(home, StartupRecovery.class, StartupRecovery::recover);
			assertEquals("Recovered 1 whiteboard operation", report.summary());
		} finally {
			registration.unregister();
		}
	}
}
