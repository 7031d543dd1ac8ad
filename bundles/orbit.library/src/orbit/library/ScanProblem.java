package orbit.library;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file the scan could not read, and why, in words a user can act on.
 *
 * @param firstSeen when a scan first found it unreadable (null in a report of a scan that kept no record)
 * @param lastSeen  the last scan that found it unreadable
 */
public record ScanProblem(Path file, String reason, Instant firstSeen, Instant lastSeen) {

	public ScanProblem(Path file, String reason) {
		this(file, reason, null, null);
	}
}
