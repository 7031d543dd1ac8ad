package orbit.recovery;

import java.time.Instant;

/**
 * An operation in progress, as the journal holds it.
 *
 * @param stateJson     what the operation's handler needs to finish or undo it
 * @param priority      user work (10) is recovered before background work (0)
 * @param failureCount  strikes: crashes during the operation or its recovery, failed recoveries
 * @param lastHeartbeat wall-clock time of the last sign of life, which ages are judged by
 * @param progress      the last journaled progress (bytes confirmed, for instance)
 * @param suspended     whether the application shut down cleanly while it was pending (no strike)
 */
public record Checkpoint(String id, String operationType, String targetPath, String stateJson, int priority,
		int failureCount, Instant lastHeartbeat, Instant createdAt, long progress, boolean suspended) {
}
