package orbit.ui.internal.library;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import orbit.core.ErrorSentences;
import orbit.library.AudioState;
import orbit.library.EntryOrder;
import orbit.library.EntryQuery;
import orbit.library.IntegrityLevel;
import orbit.library.KeyNotation;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.LibraryListing;
import orbit.library.TrackState;
import orbit.ui.internal.Cells;
import orbit.ui.internal.UiTopics;
import orbit.ui.internal.WorkstationPreferences;

/**
 * The Library view: every entry in a virtual table, filtered by text and integrity level, sorted
 * by any column. The listing's ids are read off the UI thread; rows are filled from
 * {@link ListingPages} as they are shown, so the view stays quick at 100,000 entries. The
 * selection is the selected {@link LibraryListing}, which the inspector follows.
 */
public class LibraryPart {

	/** The table's columns, in order: header, width in pixels, alignment, the order it sorts by. */
	public enum Column {
		ID("#", 60, SWT.RIGHT, EntryOrder.ID), ARTIST("Artist", 180, SWT.LEFT, EntryOrder.ARTIST),
		TITLE("Title", 240, SWT.LEFT, EntryOrder.TITLE), ALBUM("Album", 170, SWT.LEFT, EntryOrder.ALBUM),
		BPM("BPM", 70, SWT.RIGHT, EntryOrder.BPM), KEY("Key", 60, SWT.LEFT, EntryOrder.KEY),
		DURATION("Time", 60, SWT.RIGHT, EntryOrder.DURATION), FORMAT("Format", 60, SWT.LEFT, EntryOrder.FORMAT),
		BITRATE("kbps", 60, SWT.RIGHT, EntryOrder.BITRATE), LEVEL("Integrity", 80, SWT.LEFT, EntryOrder.INTEGRITY),
		QUALITY("Quality", 80, SWT.LEFT, null), STATE("State", 360, SWT.LEFT, null),
		UPGRADED("Upgraded", 150, SWT.LEFT, null);

		final String header;
		final int width;
		final int alignment;
		final EntryOrder order;

		Column(String header, int width, int alignment, EntryOrder order) {
			this.header = header;
			this.width = width;
			this.alignment = alignment;
			this.order = order;
		}
	}

	private static final String ANY_LEVEL = "Any integrity";
	private static final String ANY_AUDIO = "Any audio";

	@Inject
	@Optional
	@Service
	Library library;

	@Inject
	ESelectionService selection;

	private Label status;
	private Text filter;
	private Combo level;
	private Combo audio;
	private Table table;
	private volatile ListingPages pages = new ListingPages(null, new long[0]);
	private KeyNotation notation = KeyNotation.CAMELOT;
	private EntryOrder order = EntryOrder.ID;
	private boolean descending;
	/** Numbers listing reads, so that only the newest one's answer is shown. */
	private final AtomicInteger generation = new AtomicInteger();
	/** The query of the listing shown, null before the first. */
	private EntryQuery shownQuery;
	private long selectedId = -1;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(4, false));
		filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
		filter.setMessage("Filter by title, artist, album or file name");
		filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
		((GridData) filter.getLayoutData()).widthHint = 280;
		// Typing waits for a pause before the listing is read again.
		filter.addModifyListener(e -> {
			int typed = generation.incrementAndGet();
			filter.getDisplay().timerExec(200, () -> {
				if (generation.get() == typed && !table.isDisposed()) {
					refresh();
				}
			});
		});
		level = new Combo(parent, SWT.READ_ONLY);
		level.add(ANY_LEVEL);
		for (IntegrityLevel l : IntegrityLevel.values()) {
			level.add(Cells.level(l));
		}
		level.select(0);
		level.addListener(SWT.Selection, e -> refresh());
		audio = new Combo(parent, SWT.READ_ONLY);
		audio.add(ANY_AUDIO);
		audio.add("Audio intact");
		audio.add("Audio damaged");
		audio.add("Audio not checked");
		audio.select(0);
		audio.addListener(SWT.Selection, e -> refresh());
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

		table = new Table(parent, SWT.VIRTUAL | SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		for (Column column : Column.values()) {
			TableColumn tableColumn = new TableColumn(table, column.alignment);
			tableColumn.setText(column.header);
			tableColumn.setWidth(column.width);
			tableColumn.setData(column);
			if (column.order != null) {
				tableColumn.addListener(SWT.Selection, e -> sortBy(tableColumn));
			} else if (column == Column.QUALITY) {
				tableColumn.setToolTipText("Measured from the decoded audio: a lossless file that is genuine, "
						+ "transcoded from a lossy one, or unknown");
			} else if (column == Column.UPGRADED) {
				tableColumn.setToolTipText("The file was replaced by a better copy: Auto (a Gold track) or Manual "
						+ "(approved by you), and when");
			} else {
				tableColumn.setToolTipText("Missing, unreadable, deferred (locked) and who held the file, or waiting "
						+ "for enrichment");
			}
		}
		table.setSortColumn(table.getColumn(0));
		table.setSortDirection(SWT.UP);
		table.addListener(SWT.SetData, event -> {
			TableItem item = (TableItem) event.item;
			LibraryListing listing = pages.row(table.indexOf(item));
			if (listing != null) {
				item.setText(cells(listing, notation));
				item.setData(listing);
			}
		});
		table.addListener(SWT.Selection, e -> select());
		refresh();
	}

	@Inject
	@Optional
	void notation(@Preference(nodePath = WorkstationPreferences.NODE, value = WorkstationPreferences.KEY_NOTATION) String stored) {
		notation = WorkstationPreferences.keyNotation(stored);
		if (table != null && !table.isDisposed()) {
			table.clearAll();
		}
	}

	@Inject
	@Optional
	void entryChanged(@UIEventTopic(UiTopics.ENTRY_CHANGED) Object changed) {
		if (table != null && !table.isDisposed()) {
			pages.clear();
			table.clearAll();
		}
	}

	@Inject
	@Optional
	void libraryChanged(@UIEventTopic(UiTopics.LIBRARY_CHANGED) Object changed) {
		if (table != null && !table.isDisposed()) {
			refresh();
		}
	}

	private void sortBy(TableColumn column) {
		EntryOrder clicked = ((Column) column.getData()).order;
		descending = clicked == order && !descending;
		order = clicked;
		table.setSortColumn(column);
		table.setSortDirection(descending ? SWT.DOWN : SWT.UP);
		refresh();
	}

	private void select() {
		int index = table.getSelectionIndex();
		LibraryListing listing = index < 0 ? null : pages.row(index);
		selectedId = listing == null ? -1 : listing.entry().id();
		selection.setSelection(listing);
	}

	/** The current query: filter text, integrity level and order. */
	public EntryQuery query() {
		int chosen = level.getSelectionIndex();
		int checked = audio.getSelectionIndex();
		return new EntryQuery(filter.getText(), chosen <= 0 ? null : IntegrityLevel.values()[chosen - 1],
				checked <= 0 ? null : AudioState.values()[checked - 1], order, descending);
	}

	/** Reads the listing again off the UI thread, then shows it (keeping the selected entry selected). */
	public void refresh() {
		if (library == null) {
			status.setText("The library service is not available.");
			table.setItemCount(0);
			return;
		}
		EntryQuery query = query();
		int reading = generation.incrementAndGet();
		Display display = table.getDisplay();
		Job read = Job.create("Reading the library listing", monitor -> {
			try {
				long[] ids = library.entryIds(query);
				long total = query.all() ? ids.length : library.countTracks();
				display.asyncExec(() -> show(reading, query, new ListingPages(library, ids), total));
			} catch (RuntimeException e) {
				String sentence = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				display.asyncExec(() -> {
					if (!status.isDisposed()) {
						status.setText(sentence);
					}
				});
			}
			return Status.OK_STATUS;
		});
		read.setSystem(true);
		read.setPriority(Job.INTERACTIVE);
		read.schedule();
	}

	private void show(int reading, EntryQuery query, ListingPages listing, long total) {
		if (table.isDisposed() || generation.get() != reading) {
			return;
		}
		// A new filter shows its first rows; the same one read again (a scan, an edit) stays where it was.
		boolean newFilter = shownQuery == null || !Objects.equals(shownQuery.text(), query.text())
				|| shownQuery.level() != query.level() || shownQuery.audio() != query.audio();
		shownQuery = query;
		pages = listing;
		table.setItemCount(listing.size());
		table.clearAll();
		int row = selectedId < 0 ? -1 : listing.rowOf(selectedId);
		if (row >= 0) {
			table.setSelection(row);
		} else {
			table.deselectAll();
		}
		if (newFilter && listing.size() > 0) {
			table.setTopIndex(0);
		}
		status.setText(listing.size() == total
				? String.format(Locale.ROOT, "%,d entries   %s set by you", total, Cells.PIN)
				: String.format(Locale.ROOT, "%,d of %,d entries   %s set by you", listing.size(), total, Cells.PIN));
		status.getParent().layout();
		table.setData("orbit.listing.generation", reading);
	}

	static String[] cells(LibraryListing listing, KeyNotation notation) {
		LibraryEntry e = listing.entry();
		String[] cells = new String[Column.values().length];
		cells[Column.ID.ordinal()] = Long.toString(e.id());
		cells[Column.ARTIST.ordinal()] = Cells.text(e.artist());
		cells[Column.TITLE.ordinal()] = e.displayTitle();
		cells[Column.ALBUM.ordinal()] = Cells.text(e.album());
		cells[Column.BPM.ordinal()] = Cells.resolvedBpm(e.resolvedBpm());
		cells[Column.KEY.ordinal()] = Cells.resolvedKey(e.resolvedKey(), notation);
		cells[Column.DURATION.ordinal()] = Cells.duration(e.durationSeconds());
		cells[Column.FORMAT.ordinal()] = Cells.text(e.format());
		cells[Column.BITRATE.ordinal()] = e.bitrate() > 0 ? Integer.toString(e.bitrate()) : "";
		cells[Column.LEVEL.ordinal()] = Cells.level(e.integrityLevel());
		cells[Column.QUALITY.ordinal()] = e.quality() == null ? "" : e.quality().label();
		cells[Column.STATE.ordinal()] = state(listing.state());
		cells[Column.UPGRADED.ordinal()] = upgraded(e);
		return cells;
	}

	/** The state's label; a deferred upgrade says until when and who held the file. */
	static String state(TrackState state) {
		if (state.deferredUntil() != null && state.missingSince() == null && state.unreadable() == null
				&& state.damagedAudio() == null) {
			return state.label() + " until " + Cells.shortTime(state.deferredUntil())
					+ (state.heldBy() == null || state.heldBy().isEmpty() ? "" : ": " + state.heldBy());
		}
		return state.label();
	}

	/** "\u21e7 Manual 18:05:00" (today) for an entry whose file an upgrade replaced; empty otherwise. */
	static String upgraded(LibraryEntry e) {
		return e.lastUpgradeAt() == null ? ""
				: UPGRADED_MARK + " " + Cells.text(e.upgradeSource()) + " " + Cells.shortTime(e.lastUpgradeAt());
	}

	/** Marks an entry whose file was replaced by a better copy. */
	public static final String UPGRADED_MARK = "\u21e7";

	/** The table, for tests and for views that follow its selection. */
	public Table table() {
		return table;
	}

	/** The rows shown now, for tests. */
	public ListingPages pages() {
		return pages;
	}

	/** Sets the filter text and reads the listing again now (for tests and the command palette). */
	public void filter(String text) {
		filter.setText(text);
		refresh();
	}

	@Focus
	public void setFocus() {
		table.setFocus();
	}

	@PreDestroy
	void dispose() {
		generation.incrementAndGet();
	}
}
