package orbit.ui.internal.library;

import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.core.ActionableException;
import orbit.library.Library;
import orbit.library.Track;

/**
 * The Library view: every track in a virtual table. Only the rows on screen are created,
 * filled from {@link TrackPages}, so the view opens and scrolls alike at 100,000 tracks.
 */
public class LibraryPart {

	/** The table's columns, in order: header, width in pixels, alignment. */
	enum Column {
		ID("#", 60, SWT.RIGHT), ARTIST("Artist", 200, SWT.LEFT), TITLE("Title", 260, SWT.LEFT),
		ALBUM("Album", 200, SWT.LEFT), BPM("BPM", 70, SWT.RIGHT), KEY("Key", 60, SWT.LEFT),
		DURATION("Time", 70, SWT.RIGHT), FORMAT("Format", 70, SWT.LEFT), BITRATE("kbps", 70, SWT.RIGHT);

		final String header;
		final int width;
		final int alignment;

		Column(String header, int width, int alignment) {
			this.header = header;
			this.width = width;
			this.alignment = alignment;
		}
	}

	@Inject
	@Optional
	@Service
	Library library;

	private Label status;
	private Table table;
	private TrackPages pages;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		table = new Table(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		for (Column column : Column.values()) {
			TableColumn tableColumn = new TableColumn(table, column.alignment);
			tableColumn.setText(column.header);
			tableColumn.setWidth(column.width);
		}
		table.addListener(SWT.SetData, event -> {
			TableItem item = (TableItem) event.item;
			Track track = pages.row(table.indexOf(item));
			if (track != null) {
				item.setText(cells(track));
			}
		});
		refresh();
	}

	/** Reloads the row count and drops cached rows. */
	public void refresh() {
		if (library == null) {
			status.setText("The library service is not available.");
			table.setItemCount(0);
			return;
		}
		pages = new TrackPages(library);
		try {
			long count = library.countTracks();
			table.setItemCount((int) Math.min(Integer.MAX_VALUE, count));
			table.clearAll();
			status.setText(String.format(Locale.ROOT, "%,d tracks  \u2014  %s", count, library.databaseFile()));
		} catch (ActionableException e) {
			table.setItemCount(0);
			status.setText(e.getMessage());
		}
		status.getParent().layout();
	}

	static String[] cells(Track track) {
		String[] cells = new String[Column.values().length];
		cells[Column.ID.ordinal()] = Long.toString(track.id());
		cells[Column.ARTIST.ordinal()] = text(track.artist());
		cells[Column.TITLE.ordinal()] = text(track.title());
		cells[Column.ALBUM.ordinal()] = text(track.album());
		cells[Column.BPM.ordinal()] = track.bpm() == null ? "" : String.format(Locale.ROOT, "%.1f", track.bpm());
		cells[Column.KEY.ordinal()] = text(track.musicalKey());
		cells[Column.DURATION.ordinal()] = duration(track.durationSeconds());
		cells[Column.FORMAT.ordinal()] = text(track.format());
		cells[Column.BITRATE.ordinal()] = track.bitrate() > 0 ? Integer.toString(track.bitrate()) : "";
		return cells;
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}

	static String duration(Integer seconds) {
		return seconds == null ? "" : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
	}

	/** The table, for tests and for views that follow its selection. */
	public Table table() {
		return table;
	}

	@Focus
	public void setFocus() {
		table.setFocus();
	}
}
