package orbit.safewrite;

import java.nio.file.Path;

/** What an atomic move did: a rename on one volume, or a verified copy then delete across volumes. */
public record MoveOutcome(Path source, Path target, long bytes, boolean crossVolume) {
}
