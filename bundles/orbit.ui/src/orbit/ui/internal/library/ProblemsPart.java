package orbit.ui.internal.library;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import orbit.library.Library;
import orbit.library.ScanProblem;
import orbit.ui.internal.Cells;

/**
 * Problems: what {@code orbit problems} prints, the files scans could not read and why, in words
 * a user can act on, with when a scan first and last found each. A file leaves the list when a
 * scan reads it or no longer finds it.
 */
public class ProblemsPart extends FileListPart<ScanProblem> {

	/** The table's columns, in order. */
	public enum Column {
		FILE, WHY, SINCE, LAST_SEEN
	}

	@Override
	Object[] columns() {
		return new Object[] { "File", 460, "Why it cannot be read", 420, "Since", 150, "Last scan", 150 };
	}

	@Override
	List<ScanProblem> read(Library library) {
		return library.scanProblems();
	}

	@Override
	String[] cells(ScanProblem row) {
		return new String[] { row.file().toString(), Cells.text(row.reason()), Cells.time(row.firstSeen()),
				Cells.time(row.lastSeen()) };
	}

	@Override
	Path file(ScanProblem row) {
		return row.file();
	}

	@Override
	String counted(List<ScanProblem> read) {
		return read.isEmpty() ? "Every file the scans found was read."
				: String.format(Locale.ROOT, "%,d file(s) the scans could not read; nothing was changed in them", read.size());
	}
}
