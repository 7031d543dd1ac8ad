package orbit.safewrite;

import java.nio.file.Path;

/**
 * What an atomic write did.
 *
 * @param lowSpace the volume had less than {@link SafeWriteService#LOW_SPACE_BYTES} free: the
 *                 user should be warned even though this write fitted
 */
public record WriteOutcome(Path target, long bytes, boolean replacedExisting, boolean lowSpace) {
}
