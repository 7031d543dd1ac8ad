package orbit.library;

import java.time.Instant;

/** An imported playlist and its stats, which the database keeps equal to its rows. */
public record PlaylistSummary(long id, String sourceTitle, String sourceType, String sourceUrl, Instant createdAt,
		int totalTracks, int successfulCount, int failedCount, int missingCount) {
}
