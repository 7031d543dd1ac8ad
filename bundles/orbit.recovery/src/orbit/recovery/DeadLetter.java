package orbit.recovery;

import java.time.Instant;

/** An operation set aside after three strikes, or because recovering it would put data at risk. */
public record DeadLetter(String id, String operationType, String targetPath, String stateJson, int priority,
		int failureCount, String lastError, Instant createdAt, Instant deadAt) {
}
