package orbit.library;

import java.util.List;

/**
 * What a folder scan did. {@code unchanged} files had the same size and modification time as
 * last time and were not read again; {@code missing} entries are kept, marked missing.
 */
public record ScanReport(int audioFiles, int added, int updated, int unchanged, int duplicates, int missing,
		List<ScanProblem> problems, boolean cancelled) {
	public ScanReport {
		problems = List.copyOf(problems);
	}
}
