package orbit.library.internal;

import java.nio.file.Path;
import java.time.Instant;

import orbit.library.ScanProblem;

/** A row of {@code ScanProblems}, as MyBatis maps it. */
public class ScanProblemRow {
	public String filePath;
	public String reason;
	public long fileSize;
	public long fileModifiedAt;
	public String firstSeenAt;
	public String lastSeenAt;

	ScanProblem toProblem() {
		return new ScanProblem(Path.of(filePath), reason, Instant.parse(firstSeenAt), Instant.parse(lastSeenAt));
	}
}
