package orbit.safewrite;

import java.nio.file.Path;
import java.util.List;

/**
 * What an atomic write did.
 *
 * @param lowSpace the volume had less than {@link SafeWriteService#LOW_SPACE_BYTES} free: the
 *                 user should be warned even though this write fitted
 * @param notes    what the user should know about what was written (a BPM an M4A file could only
 *                 take rounded, for instance); empty when it is exactly what was asked
 */
public record WriteOutcome(Path target, long bytes, boolean replacedExisting, boolean lowSpace, List<String> notes) {

	public WriteOutcome {
		notes = List.copyOf(notes);
	}

	public WriteOutcome(Path target, long bytes, boolean replacedExisting, boolean lowSpace) {
		this(target, bytes, replacedExisting, lowSpace, List.of());
	}

	public WriteOutcome withNotes(List<String> more) {
		return new WriteOutcome(target, bytes, replacedExisting, lowSpace, more);
	}
}
