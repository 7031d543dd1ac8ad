package orbit.recovery.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.recovery.Checkpoint;
import orbit.recovery.DeadLetter;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;
import orbit.recovery.RecoveryReport;

/**
 * One recovery run over the journal: stale checkpoints are abandoned through their handler,
 * the others recovered in priority order; a strike is written before each attempt, so a
 * handler that kills the process still counts, and three strikes make a dead letter.
 */
public final class RecoveryRunner {

	public static final int STRIKES = 3;
	public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(24);

	private static final Logger LOG = LoggerFactory.getLogger(RecoveryRunner.class);

	private final SqliteJournal journal;
	private final Function<String, RecoveryHandler> handlers;
	private final Duration staleAfter;
	private final Clock clock;

	public RecoveryRunner(SqliteJournal journal, Function<String, RecoveryHandler> handlers, Duration staleAfter,
			Clock clock) {
		this.journal = journal;
		this.handlers = handlers;
		this.staleAfter = staleAfter;
		this.clock = clock;
	}

	/** Completions are written in batches: a handler is idempotent, so redoing one after a crash is harmless. */
	static final int COMPLETION_BATCH = 256;

	/**
	 * Told how many checkpoints a run works through, then of each as it is taken up: the Job's
	 * progress in the workstation. (Plain interfaces: recovery also runs outside OSGi.)
	 */
	public interface Steps {
		Steps NONE = new Steps() {
		};

		default void total(int checkpoints) {
		}

		default void next() {
		}
	}

	public RecoveryReport run() {
		return run(Steps.NONE);
	}

	public RecoveryReport run(Steps steps) {
		Map<String, Integer> recovered = new TreeMap<>();
		Map<String, Integer> resumed = new TreeMap<>();
		List<DeadLetter> dead = new ArrayList<>();
		List<String> completed = new ArrayList<>();
		int pending = 0;
		List<Checkpoint> active = journal.active();
		steps.total(active.size());
		List<Checkpoint> fresh = new ArrayList<>();
		for (Checkpoint checkpoint : active) {
			RecoveryHandler handler = handlers.apply(checkpoint.operationType());
			boolean stale = Duration.between(checkpoint.lastHeartbeat(), clock.instant()).compareTo(staleAfter) > 0;
			if (!stale || handler == null) {
				fresh.add(checkpoint);
				continue;
			}
			steps.next();
			RecoveryOutcome outcome = attempt(() -> handler.abandon(checkpoint));
			switch (outcome.kind()) {
			case RECOVERED, NOTHING_TO_DO -> {
				completed.add(checkpoint.id());
				LOG.info("Abandoned stale {} of {}: {}", checkpoint.operationType(), checkpoint.targetPath(),
						outcome.detail());
			}
			case DATA_AT_RISK, FAILED, RESUMED -> dead.add(journal.deadLetter(checkpoint,
					"stale for more than " + staleAfter.toHours() + " h and " + outcome.detail()));
			}
		}
		// Written before any attempt, in one transaction: a handler that kills the process still counts.
		Map<String, Integer> strikes = journal.takeOver(fresh);
		for (Checkpoint checkpoint : fresh) {
			steps.next();
			int count = strikes.get(checkpoint.id());
			if (count >= STRIKES) {
				String why = journal.lastError(checkpoint.id());
				dead.add(journal.deadLetter(withStrikes(checkpoint, count),
						count + " strikes" + (why == null ? "" : "; last: " + why)));
				continue;
			}
			RecoveryHandler handler = handlers.apply(checkpoint.operationType());
			if (handler == null) {
				int now = journal.fail(checkpoint.id(),
						"no recovery handler for " + checkpoint.operationType() + " is installed");
				if (now >= STRIKES) {
					dead.add(journal.deadLetter(withStrikes(checkpoint, now), now + " strikes; no recovery handler for "
							+ checkpoint.operationType() + " is installed"));
				} else {
					pending++;
				}
				continue;
			}
			RecoveryOutcome outcome = attempt(() -> handler.recover(checkpoint));
			switch (outcome.kind()) {
			case RECOVERED -> {
				completed.add(checkpoint.id());
				recovered.merge(handler.displayName(), 1, Integer::sum);
			}
			case NOTHING_TO_DO -> completed.add(checkpoint.id());
			case RESUMED -> {
				journal.clearStrikes(checkpoint.id());
				resumed.merge(handler.displayName(), 1, Integer::sum);
			}
			case DATA_AT_RISK -> dead.add(journal.deadLetter(checkpoint, "data at risk: " + outcome.detail()));
			case FAILED -> {
				int now = journal.fail(checkpoint.id(), outcome.detail());
				if (now >= STRIKES) {
					dead.add(journal.deadLetter(withStrikes(checkpoint, now), now + " strikes; last: " + outcome.detail()));
				} else {
					pending++;
				}
			}
			}
			if (completed.size() >= COMPLETION_BATCH) {
				journal.completeAll(completed);
				completed.clear();
			}
		}
		journal.completeAll(completed);
		return new RecoveryReport(recovered, resumed, dead, pending);
	}

	private static Checkpoint withStrikes(Checkpoint c, int strikes) {
		return new Checkpoint(c.id(), c.operationType(), c.targetPath(), c.stateJson(), c.priority(), strikes,
				c.lastHeartbeat(), c.createdAt(), c.progress(), false);
	}

	private static RecoveryOutcome attempt(java.util.function.Supplier<RecoveryOutcome> work) {
		try {
			RecoveryOutcome outcome = work.get();
			return outcome == null ? RecoveryOutcome.failed("the handler gave no outcome") : outcome;
		} catch (RuntimeException e) {
			return RecoveryOutcome.failed(e.toString());
		}
	}
}
