/**
 * Crash recovery: a durable journal of intent and the recovery that reads it at start-up.
 *
 * <p>An operation that can destroy data logs a {@link orbit.recovery.Checkpoint} in the
 * {@link orbit.recovery.CrashRecoveryJournal} before its first destructive step (the write is on
 * disk when {@code log} returns), updates it as it goes, and completes it at the end. At
 * start-up {@link orbit.recovery.StartupRecovery} hands every checkpoint left behind to the
 * {@link orbit.recovery.RecoveryHandler} registered for its operation type (a whiteboard
 * service), highest priority first. A checkpoint that crashed or failed three times becomes a
 * {@link orbit.recovery.DeadLetter}, so no operation can keep the application from starting; the
 * user can retry it.
 */
package orbit.recovery;
