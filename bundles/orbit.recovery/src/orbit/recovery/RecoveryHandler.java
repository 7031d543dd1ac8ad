package orbit.recovery;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finishes or undoes the operations of one type after a crash: a whiteboard service registered
 * by the bundle that owns the operation (tag writes, downloads, upgrades, moves...). The
 * journal knows handlers only by {@link #operationType()}. Handlers must be idempotent: running
 * recovery twice changes nothing the second time.
 */
@ConsumerType
public interface RecoveryHandler {

	/** The operation type of the checkpoints this handler recovers, e.g. "TagWrite". */
	String operationType();

	/** How the user reads it in a notification: "tag write" (plural: + "s"). */
	String displayName();

	/** Finishes or undoes an interrupted operation. */
	RecoveryOutcome recover(Checkpoint checkpoint);

	/**
	 * A checkpoint too old to resume (stale): clean up what can be cleaned safely and say
	 * {@link RecoveryOutcome.Kind#RECOVERED}, or say {@link RecoveryOutcome.Kind#DATA_AT_RISK}
	 * when its files hold the only copy of the user's data.
	 */
	RecoveryOutcome abandon(Checkpoint checkpoint);
}
