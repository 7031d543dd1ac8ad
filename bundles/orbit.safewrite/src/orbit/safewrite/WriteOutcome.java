package orbit.safewrite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an atomic write did.
 *
 * @param lowSpace the volume had less than {@link SafeWriteService#LOW_SPACE_BYTES} free: the
 *                 user should be warned even though this write fitted
 * @param notes    what the user should know about what was written (a BPM an M4A file could only
 *                 take rounded, for instance); empty when it is exactly what was asked
 * @param tags     for a tag write, the fields ORBIT writes ("title", "artist", "album", "bpm",
 *                 "key", "comment", "isrc") as the file holds them once replaced, in that order,
 *                 read back while no other writer could touch it; empty for other writes
 */
public record WriteOutcome(Path target, long bytes, boolean replacedExisting, boolean lowSpace, List<String> notes,
		Map<String, String> tags) {

	public WriteOutcome {
		notes = List.copyOf(notes);
		tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
	}

	public WriteOutcome(Path target, long bytes, boolean replacedExisting, boolean lowSpace) {
		this(target, bytes, replacedExisting, lowSpace, List.of(), Map.of());
	}

	public WriteOutcome withNotes(List<String> more) {
		return new WriteOutcome(target, bytes, replacedExisting, lowSpace, more, tags);
	}

	public WriteOutcome withTags(Map<String, String> held) {
		return new WriteOutcome(target, bytes, replacedExisting, lowSpace, notes, held);
	}
}
