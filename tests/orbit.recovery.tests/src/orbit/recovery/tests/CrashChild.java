package orbit.recovery.tests;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import orbit.recovery.Checkpoint;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;
import orbit.recovery.RecoveryReport;
import orbit.recovery.internal.RecoveryRunner;
import orbit.recovery.internal.SqliteJournal;

/** The process the crash tests kill: {@code work DIR}, {@code log-and-halt DIR}, {@code recover-halting DIR}. */
public final class CrashChild {

	static final String HALTING = "Halting";

	private CrashChild() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[1]);
		SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"),
				Clock.systemUTC());
		switch (args[0]) {
		case "work" -> {
			System.out.println("ready");
			System.out.flush();
			while (true) {
				Ledger.append(journal, dir);
			}
		}
		case "log-and-halt" -> {
			journal.log(HALTING, dir.resolve("victim.flac"), "{}", 0);
			Runtime.getRuntime().halt(9);
		}
		case "recover-halting" -> {
			RecoveryHandler halting = new RecoveryHandler() {
				@Override
				public String operationType() {
					return HALTING;
				}

				@Override
				public String displayName() {
					return "halting operation";
				}

				@Override
				public RecoveryOutcome recover(Checkpoint checkpoint) {
					Runtime.getRuntime().halt(7);
					return null;
				}

				@Override
				public RecoveryOutcome abandon(Checkpoint checkpoint) {
					return recover(checkpoint);
				}
			};
			RecoveryReport report = new RecoveryRunner(journal, Map.of(HALTING, halting)::get, Duration.ofHours(24),
					Clock.systemUTC()).run();
			journal.close();
			System.out.println(report.didWork() ? report.summary() : "Nothing to recover.");
		}
		default -> throw new IllegalArgumentException(args[0]);
		}
	}
}
