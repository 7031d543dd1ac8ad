package orbit.library.internal;

import java.time.Instant;

import orbit.library.PlaylistSummary;

/** A {@code PlaylistJobs} row as MyBatis maps it. */
public class PlaylistRow {
	public long id;
	public String sourceTitle;
	public String sourceType;
	public String sourceUrl;
	public String createdAt;
	public int totalTracks;
	public int successfulCount;
	public int failedCount;
	public int missingCount;

	PlaylistSummary toSummary() {
		return new PlaylistSummary(id, sourceTitle, sourceType, sourceUrl, Instant.parse(createdAt), totalTracks,
				successfulCount, failedCount, missingCount);
	}
}
