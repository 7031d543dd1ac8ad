package orbit.library;

import java.nio.file.Path;

/** A file the scan could not read, and why, in words a user can act on. */
public record ScanProblem(Path file, String reason) {
}
