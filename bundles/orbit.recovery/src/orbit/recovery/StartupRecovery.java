package orbit.recovery;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Recovery of what the journal holds: stale checkpoints abandoned safely, the others handed to
 * their handlers in priority order, three strikes and they become dead letters. The workstation
 * schedules it as a background Job; the {@code recover} command runs it in the foreground. When
 * it did work it posts {@value #TOPIC_DONE} with the report's summary.
 */
@ProviderType
public interface StartupRecovery {

	/** Event topic posted after a recovery that did work; property "summary". */
	String TOPIC_DONE = "orbit/recovery/DONE";

	/** Runs recovery now, on the calling thread. */
	RecoveryReport recover();

	/** Schedules recovery as a low-priority background Job. */
	void schedule();
}
