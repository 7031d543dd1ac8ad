package orbit.ui.internal.library;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Menu;

import jakarta.inject.Inject;
import orbit.library.DuplicateFile;
import orbit.library.Library;
import orbit.library.LibraryListing;

/**
 * Duplicates: what {@code orbit duplicates} prints, the files that are copies of a recording
 * another file stands for (the best copy: lossless, then bitrate, then where the music lives). The
 * selected copy is the workstation's selection, so the Track Inspector shows it; either file's
 * folder opens from the context menu.
 */
public class DuplicatesPart extends FileListPart<DuplicateFile> {

	/** The table's columns, in order. */
	public enum Column {
		COPY_ID, COPY, BEST_ID, BEST
	}

	@Inject
	ESelectionService selection;

	@Override
	Object[] columns() {
		return new Object[] { "#", 60, "Copy", 420, "Stands for #", 90, "Best copy", 420 };
	}

	@Override
	List<DuplicateFile> read(Library library) {
		return library.duplicates();
	}

	@Override
	String[] cells(DuplicateFile row) {
		return new String[] { Long.toString(row.copyId()), row.filePath(), Long.toString(row.entryId()), row.entryFilePath() };
	}

	@Override
	Path file(DuplicateFile row) {
		return Path.of(row.filePath());
	}

	@Override
	String counted(List<DuplicateFile> read) {
		return read.isEmpty() ? "No file is a copy of another."
				: String.format(Locale.ROOT, "%,d cop%s of recordings another file stands for", read.size(),
						read.size() == 1 ? "y" : "ies");
	}

	@Override
	void moreMenuItems(Menu menu) {
		item(menu, "Show the Best Copy in Folder", () -> {
			DuplicateFile row = selectedRow();
			if (row != null) {
				showInFolder(Path.of(row.entryFilePath()));
			}
		});
	}

	/** The copy's entry becomes the selection, read off the UI thread. */
	@Override
	void selected(DuplicateFile row) {
		if (row == null || library == null) {
			return;
		}
		Display display = table().getDisplay();
		Job read = Job.create("Reading the selected copy", monitor -> {
			List<LibraryListing> listing = library.listings(new long[] { row.copyId() });
			display.asyncExec(() -> {
				if (!table().isDisposed() && row.equals(selectedRow()) && !listing.isEmpty()) {
					selection.setSelection(listing.get(0));
				}
			});
			return Status.OK_STATUS;
		});
		read.setSystem(true);
		read.schedule();
	}
}
