package orbit.ui.internal;

import orbit.library.KeyNotation;
import orbit.library.LibraryEntry;
import orbit.library.MusicalKey;
import orbit.safewrite.TagChanges;

/**
 * The resolved BPM and key of an entry that its file's tags do not already hold: what "write BPM
 * and key to the file" writes. A key read from the file keeps its own text ("F# major" does not
 * become "2B"); a key to write is written in the chosen notation.
 *
 * @param bpm the BPM to write; null when the file holds it or there is none
 * @param key the key to write; null when the file holds it or there is none
 */
public record TagsToWrite(String bpm, String key) {

	public static TagsToWrite of(LibraryEntry e, KeyNotation notation) {
		String bpm = e.resolvedBpm().value().filter(v -> e.bpm() == null || Math.abs(v - e.bpm()) >= 0.005)
				.map(Cells::bpm).orElse(null);
		String key = e.resolvedKey().value().filter(k -> MusicalKey.parse(e.musicalKey()).filter(k::equals).isEmpty())
				.map(k -> k.format(notation)).orElse(null);
		return new TagsToWrite(bpm, key);
	}

	/** Whether the file already holds all there is. */
	public boolean none() {
		return bpm == null && key == null;
	}

	public TagChanges changes() {
		return new TagChanges(null, null, null, bpm, key, null, null);
	}
}
