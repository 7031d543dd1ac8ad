package orbit.recovery.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import orbit.recovery.Checkpoint;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;
import orbit.recovery.RecoveryReport;
import orbit.recovery.internal.RecoveryRunner;
import orbit.recovery.internal.SqliteJournal;

/**
 * The journal's costs, beside the floor a durable write cannot go under: a bare prepared
 * statement on SQLite in WAL mode with synchronous=FULL, on the same disk, interleaved.
 */
class JournalBenchmark {

	static final int SAMPLES = 400;

	@TempDir
	Path dir;

	static double percentile(long[] nanos, double p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1e6;
	}

	@Test
	void checkpointLatencyStallWritesStartupAndBulkRecovery() throws Exception {
		SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead.log"), Clock.systemUTC());
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
		long[] log = new long[SAMPLES];
		long[] complete = new long[SAMPLES];
		long[] both = new long[SAMPLES];
		long[] insert = new long[SAMPLES];
		long[] delete = new long[SAMPLES];
		long[] floorBoth = new long[SAMPLES];
		try (Connection bare = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("floor.db"), config.toProperties())) {
			try (Statement s = bare.createStatement()) {
				s.execute("CREATE TABLE T (Id TEXT PRIMARY KEY, OperationType TEXT, TargetPath TEXT, StateJson TEXT, "
						+ "Priority INTEGER, LastHeartbeat INTEGER, CreatedAt TEXT)");
			}
			PreparedStatement ins = bare.prepareStatement("INSERT INTO T VALUES (?, 'TagWrite', ?, '{}', 0, ?, ?)");
			PreparedStatement del = bare.prepareStatement("DELETE FROM T WHERE Id = ?");
			for (int i = 0; i < SAMPLES; i++) {
				long t0 = System.nanoTime();
				String id = journal.log("TagWrite", dir.resolve("track-" + i + ".flac"), "{\"phase\":\"writing\"}", 0);
				long t1 = System.nanoTime();
				journal.complete(id);
				long t2 = System.nanoTime();
				ins.setString(1, "id-" + i);
				ins.setString(2, dir.resolve("track-" + i + ".flac").toString());
				ins.setLong(3, System.currentTimeMillis());
				ins.setString(4, java.time.Instant.now().toString());
				ins.executeUpdate();
				long t3 = System.nanoTime();
				del.setString(1, "id-" + i);
				del.executeUpdate();
				long t4 = System.nanoTime();
				log[i] = t1 - t0;
				complete[i] = t2 - t1;
				both[i] = t2 - t0;
				insert[i] = t3 - t2;
				delete[i] = t4 - t3;
				floorBoth[i] = t4 - t2;
			}
		}

		String stalled = journal.log("Download", dir.resolve("stalled.flac"), "{}", 10);
		journal.heartbeat(stalled, 5_000_000);
		journal.flush();
		long before = journal.writes();
		for (int beat = 0; beat < 60_000 / 250; beat++) {
			journal.heartbeat(stalled, 5_000_000);
			journal.flush();
		}
		long stallWrites = journal.writes() - before;
		journal.complete(stalled);
		journal.close();

		// Start-up cost with an empty journal: open it and run recovery.
		Path empty = dir.resolve("empty");
		java.nio.file.Files.createDirectories(empty);
		long[] startup = new long[15];
		for (int i = 0; i < startup.length; i++) {
			long t0 = System.nanoTime();
			SqliteJournal j = new SqliteJournal(empty.resolve("journal.db"), empty.resolve("dead.log"), Clock.systemUTC());
			new RecoveryRunner(j, type -> null, Duration.ofHours(24), Clock.systemUTC()).run();
			startup[i] = System.nanoTime() - t0;
			j.close();
		}

		// 10,000 checkpoints a crash left behind.
		Path bulk = dir.resolve("bulk");
		java.nio.file.Files.createDirectories(bulk);
		SqliteJournal crashed = new SqliteJournal(bulk.resolve("journal.db"), bulk.resolve("dead.log"), Clock.systemUTC());
		RecoveryHandler quick = new RecoveryHandler() {
			@Override
			public String operationType() {
				return "TagWrite";
			}

			@Override
			public String displayName() {
				return "tag write";
			}

			@Override
			public RecoveryOutcome recover(Checkpoint checkpoint) {
				return RecoveryOutcome.recovered("temp removed");
			}

			@Override
			public RecoveryOutcome abandon(Checkpoint checkpoint) {
				return recover(checkpoint);
			}
		};
		for (int i = 0; i < 10_000; i++) {
			crashed.log("TagWrite", bulk.resolve("t" + i + ".flac"), "{}", i % 2 == 0 ? 10 : 0);
		}
		long t0 = System.nanoTime();
		RecoveryReport report = new RecoveryRunner(crashed, Map.of("TagWrite", quick)::get, Duration.ofHours(24),
				Clock.systemUTC()).run();
		double bulkSeconds = (System.nanoTime() - t0) / 1e9;
		int left = crashed.active().size();
		crashed.close();

		StringBuilder t = new StringBuilder();
		t.append("=== Recovery journal (WAL, synchronous=FULL), ").append(SAMPLES).append(" samples, ms ===\n");
		t.append(String.format(Locale.ROOT, "%-34s %8s %8s %8s%n", "", "p50", "p99", "p50 ratio"));
		row(t, "journal log (checkpoint)", log, insert);
		row(t, "bare prepared INSERT (floor)", insert, insert);
		row(t, "journal complete", complete, delete);
		row(t, "bare prepared DELETE (floor)", delete, delete);
		row(t, "journal log + complete", both, floorBoth);
		row(t, "bare INSERT + DELETE (floor)", floorBoth, floorBoth);
		t.append(String.format(Locale.ROOT, "heartbeat writes during a 60 s stall (240 beats): %d (goal 0)%n", stallWrites));
		t.append(String.format(Locale.ROOT, "start-up added by recovery, empty journal: p50 %.1f ms (goal < 50 ms)%n",
				percentile(startup, 0.5)));
		t.append(String.format(Locale.ROOT, "recovery of 10,000 pending checkpoints: %.2f s, %d recovered, %d left (goal < 2 s)%n",
				bulkSeconds, report.recovered().getOrDefault("tag write", 0), left));
		t.append("=== end\n");
		System.out.print(t);
	}

	static void row(StringBuilder t, String name, long[] values, long[] floor) {
		t.append(String.format(Locale.ROOT, "%-34s %8.3f %8.3f %8.2fx%n", name, percentile(values, 0.5),
				percentile(values, 0.99), percentile(values, 0.5) / percentile(floor, 0.5)));
	}
}
