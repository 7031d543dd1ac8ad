package orbit.library;

import java.util.List;

/**
 * What a sweep of audio checks over a folder found: the entries it checked, those whose audio is
 * damaged (with the reason in {@link LibraryEntry#audio()}), and files it could not open.
 */
public record AudioCheckReport(int checked, List<LibraryEntry> damaged, List<ScanProblem> unreadable,
		boolean cancelled) {

	public AudioCheckReport {
		damaged = List.copyOf(damaged);
		unreadable = List.copyOf(unreadable);
	}
}
