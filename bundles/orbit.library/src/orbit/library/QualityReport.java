package orbit.library;

import java.util.List;

/**
 * What a quality measurement of a folder found.
 *
 * @param measured    entries measured
 * @param transcoded  lossless entries whose audio was decoded from a lossy file
 * @param unreadable  files that could not be decoded, with the decoder's reason
 * @param cancelled   whether it was stopped before the end (what it measured is kept)
 */
public record QualityReport(int measured, List<LibraryEntry> transcoded, List<ScanProblem> unreadable,
		boolean cancelled) {

	public QualityReport {
		transcoded = List.copyOf(transcoded);
		unreadable = List.copyOf(unreadable);
	}
}
