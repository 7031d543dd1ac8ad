package orbit.ui.internal.library;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
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
import orbit.library.MusicalKey;
import orbit.library.PlaylistSummary;
import orbit.library.Tempo;
import orbit.library.TrackState;
import orbit.safewrite.AudioIntegrity;
import orbit.safewrite.AudioReport;
import orbit.safewrite.TagWriter;
import orbit.ui.internal.Cells;
import orbit.ui.internal.Folders;
import orbit.ui.internal.SaidJob;
import orbit.ui.internal.TagsToWrite;
import orbit.ui.internal.UiTopics;
import orbit.ui.internal.WorkstationPreferences;
import orbit.ui.internal.upgrades.UpgradesPart;

/**
 * The Library view: every entry in a virtual table, filtered by text, integrity level, format, audio
 * check, BPM range and key (with the keys that mix), sorted by any column, the columns arranged as
 * the DJ left them ({@link LibraryColumns}). The listing's ids are read off the UI thread; rows are
 * filled from {@link ListingPages} as they are shown, so the view stays quick at 100,000 entries.
 * The selection's first entry is the selected {@link LibraryListing}, which the inspector follows;
 * the rows' context menu acts on all of it, each command one Job.
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
		UPGRADED("Upgraded", 150, SWT.LEFT, null), ADDED("Added", 150, SWT.LEFT, EntryOrder.ADDED);

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
	private static final String ANY_FORMAT = "Any format";

	@Inject
	@Optional
	@Service
	Library library;

	@Inject
	@Optional
	@Service
	TagWriter tagWriter;

	@Inject
	@Optional
	@Service
	AudioIntegrity audioIntegrity;

	@Inject
	ESelectionService selection;

	@Inject
	EPartService parts;

	@Inject
	IEventBroker events;

	private Label status;
	private Text filter;
	private Combo level;
	private Combo audio;
	private Combo format;
	private Text bpmRange;
	private Text keyFilter;
	private Button compatible;
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
	private LibraryColumns columns;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(8, false));
		filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
		filter.setMessage("Filter by title, artist, album or file name");
		filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
		((GridData) filter.getLayoutData()).widthHint = 200;
		filter.addModifyListener(e -> refreshAfterTyping());
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
		format = new Combo(parent, SWT.READ_ONLY);
		format.add(ANY_FORMAT);
		EntryQuery.FORMATS.forEach(f -> format.add(f.toUpperCase(Locale.ROOT)));
		format.select(0);
		format.addListener(SWT.Selection, e -> refresh());
		bpmRange = new Text(parent, SWT.SINGLE | SWT.BORDER);
		bpmRange.setMessage("BPM 120-128");
		bpmRange.setToolTipText("Only tracks whose BPM is in this range: 120-128, 124, 120- or -128");
		applyWidth(bpmRange, 90);
		bpmRange.addModifyListener(e -> refreshAfterTyping());
		keyFilter = new Text(parent, SWT.SINGLE | SWT.BORDER);
		keyFilter.setMessage("Key 8A");
		keyFilter.setToolTipText("Only tracks in this key (Camelot, Open Key or standard notation)");
		applyWidth(keyFilter, 70);
		keyFilter.addModifyListener(e -> refreshAfterTyping());
		compatible = new Button(parent, SWT.CHECK);
		compatible.setText("+ mixing");
		compatible.setToolTipText("Also the keys that mix harmonically with it: the same number, \u00b11, and the relative major or minor");
		compatible.addListener(SWT.Selection, e -> refresh());
		// The count and what the last command said get a row of their own: the filters fill the first.
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 8, 1));

		table = new Table(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 8, 1));
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
				item.setBackground(Column.KEY.ordinal(), KeyColours.of(listing.entry().resolvedKey().value().orElse(null)));
			}
		});
		table.addListener(SWT.Selection, e -> select());
		columns = new LibraryColumns(table);
		columns.restore();
		EntryOrder restored = columns.sortOrder();
		if (restored != null) {
			order = restored;
			descending = columns.sortDescending();
		}
		Menu rowsMenu = rowsMenu();
		Menu headerMenu = columns.chooser();
		// One menu for the header (the column chooser), another for the rows.
		table.addListener(SWT.MenuDetect, e -> {
			Point at = table.getDisplay().map(null, table, new Point(e.x, e.y));
			Rectangle area = table.getClientArea();
			boolean header = at.y >= area.y && at.y < area.y + table.getHeaderHeight();
			table.setMenu(header ? headerMenu : rowsMenu);
		});
		table.setMenu(rowsMenu);
		refresh();
	}

	/** Typing waits for a pause before the listing is read again. */
	private void refreshAfterTyping() {
		int typed = generation.incrementAndGet();
		filter.getDisplay().timerExec(200, () -> {
			if (generation.get() == typed && !table.isDisposed()) {
				refresh();
			}
		});
	}

	private static void applyWidth(Text text, int width) {
		GridData data = new GridData(SWT.LEFT, SWT.CENTER, false, false);
		data.widthHint = width;
		text.setLayoutData(data);
	}

	/** The rows' context menu: Inspect, Write BPM and Key to the Files, Verify Audio, Show in Folder, Upgrade, Add to Playlist. */
	private Menu rowsMenu() {
		Menu menu = new Menu(table);
		item(menu, "Inspect", this::inspect);
		item(menu, "Write BPM and Key to the Files", this::writeTagsOfSelection);
		item(menu, "Verify Audio", this::verifySelection);
		item(menu, "Show in Folder", this::showInFolder);
		item(menu, "Upgrade\u2026", this::upgradeSelection);
		MenuItem add = new MenuItem(menu, SWT.CASCADE);
		add.setText("Add to Playlist");
		Menu playlists = new Menu(add);
		add.setMenu(playlists);
		playlists.addListener(SWT.Show, e -> {
			for (MenuItem old : playlists.getItems()) {
				old.dispose();
			}
			item(playlists, "New Playlist\u2026", () -> {
				InputDialog ask = new InputDialog(table.getShell(), "New Playlist", "The playlist's name:", "", text -> text.isBlank()
						? "Give the playlist a name" : null);
				if (ask.open() == Window.OK) {
					addToPlaylist(ask.getValue().strip());
				}
			});
			if (library != null) {
				new MenuItem(playlists, SWT.SEPARATOR);
				for (PlaylistSummary p : library.playlists()) {
					item(playlists, p.sourceTitle(), () -> addToPlaylist(p.sourceTitle()));
				}
			}
		});
		menu.addListener(SWT.Show, e -> {
			for (MenuItem item : menu.getItems()) {
				item.setEnabled(table.getSelectionCount() > 0);
			}
		});
		return menu;
	}

	private static void item(Menu menu, String text, Runnable action) {
		MenuItem item = new MenuItem(menu, SWT.PUSH);
		item.setText(text);
		item.addListener(SWT.Selection, e -> action.run());
	}

	/** The selected rows' entries, in the table's order. */
	public List<LibraryListing> selectedListings() {
		List<LibraryListing> chosen = new ArrayList<>();
		for (int index : table.getSelectionIndices()) {
			LibraryListing listing = pages.row(index);
			if (listing != null) {
				chosen.add(listing);
			}
		}
		return chosen;
	}

	/** Shows the Track Inspector on the selected track. */
	public void inspect() {
		select();
		parts.showPart("orbit.ui.part.inspector", PartState.ACTIVATE);
	}

	/** Opens the selected track's folder in the desktop's file manager, or says where it is. */
	public void showInFolder() {
		List<LibraryListing> chosen = selectedListings();
		if (chosen.isEmpty()) {
			return;
		}
		String failed = Folders.show(Path.of(chosen.get(0).entry().filePath()));
		if (failed != null) {
			say(failed);
		}
	}

	/**
	 * Shows the Upgrades view with the better copies found for the selected tracks selected, to run
	 * or approve there (where each one's verdict is shown first).
	 */
	public void upgradeSelection() {
		Set<Long> chosen = new LinkedHashSet<>();
		selectedListings().forEach(listing -> chosen.add(listing.entry().id()));
		if (chosen.isEmpty()) {
			return;
		}
		MPart upgrades = parts.showPart("orbit.ui.part.upgrades", PartState.ACTIVATE);
		if (upgrades != null && upgrades.getObject() instanceof UpgradesPart view) {
			view.showCandidatesOf(chosen);
		} else {
			say("The Upgrades view is not available.");
		}
	}

	/**
	 * Writes each selected track's resolved BPM and key into its file's tags through SafeWrite, the
	 * ones the file does not already hold, as one Job with a progress bar; says how many were
	 * written, already held theirs, or failed (and the first failure).
	 */
	public Job writeTagsOfSelection() {
		List<LibraryListing> chosen = selectedListings();
		if (chosen.isEmpty() || tagWriter == null) {
			say(tagWriter == null ? "Tag writes are not available." : "Select the tracks to write first.");
			return null;
		}
		KeyNotation keys = notation;
		return batch("Writing BPM and key to " + chosen.size() + " file(s)", chosen, (listing, outcome) -> {
			TagsToWrite tags = TagsToWrite.of(listing.entry(), keys);
			if (tags.none()) {
				outcome.unchanged++;
				return;
			}
			tagWriter.write(Path.of(listing.entry().filePath()), tags.changes());
			outcome.done++;
		}, outcome -> String.format(Locale.ROOT, "Wrote BPM and key to %d file(s); %d already held theirs", outcome.done,
				outcome.unchanged));
	}

	/** Decodes each selected track's audio to check it, records the verdict, as one Job with a progress bar. */
	public Job verifySelection() {
		List<LibraryListing> chosen = selectedListings();
		if (chosen.isEmpty() || audioIntegrity == null) {
			say(audioIntegrity == null ? "Audio checks are not available." : "Select the tracks to verify first.");
			return null;
		}
		return batch("Verifying the audio of " + chosen.size() + " file(s)", chosen, (listing, outcome) -> {
			Path file = Path.of(listing.entry().filePath());
			AudioReport report = audioIntegrity.verify(file);
			library.recordAudioCheck(file, report.intact(), report.detail(), true);
			if (report.intact()) {
				outcome.done++;
			} else {
				outcome.damaged++;
				outcome.firstFailure = outcome.firstFailure != null ? outcome.firstFailure : file.getFileName() + ": "
						+ report.detail();
			}
		}, outcome -> String.format(Locale.ROOT, "Verified %d file(s): %d intact, %d with damaged audio", outcome.done
				+ outcome.damaged, outcome.done, outcome.damaged));
	}

	/** Appends the selected tracks to a playlist (made when there is none of that name). */
	public Job addToPlaylist(String name) {
		List<LibraryListing> chosen = selectedListings();
		if (chosen.isEmpty() || library == null) {
			return null;
		}
		long[] ids = chosen.stream().mapToLong(l -> l.entry().id()).toArray();
		return SaidJob.schedule("Adding " + ids.length + " track(s) to " + name, table.getDisplay(), null, monitor -> {
			PlaylistSummary p = library.addToPlaylist(name, ids);
			return String.format(Locale.ROOT, "Added %d track(s) to %s (%d now)", ids.length, p.sourceTitle(), p.totalTracks());
		}, this::say);
	}

	/** What a batch over the selection counted. */
	private static final class Outcome {
		int done;
		/** Files the step had nothing to do to (they already held their tags). */
		int unchanged;
		/** Files whose audio check found damage (checked and recorded: not a failure of the step). */
		int damaged;
		int failed;
		String firstFailure;
	}

	private interface Step {
		void run(LibraryListing listing, Outcome outcome) throws Exception;
	}

	/**
	 * Runs {@code step} on each listing as one user Job with a progress bar; one failure never stops
	 * the batch. Says what was done, the failures and the first one's sentence, then reads the
	 * changed entries again.
	 */
	private Job batch(String name, List<LibraryListing> chosen, Step step, java.util.function.Function<Outcome, String> said) {
		Display display = table.getDisplay();
		Job job = Job.create(name, monitor -> {
			SubMonitor progress = SubMonitor.convert(monitor, chosen.size());
			Outcome outcome = new Outcome();
			IStatus result = Status.OK_STATUS;
			for (LibraryListing listing : chosen) {
				if (progress.isCanceled()) {
					result = Status.CANCEL_STATUS;
					break;
				}
				progress.subTask(Path.of(listing.entry().filePath()).getFileName().toString());
				try {
					step.run(listing, outcome);
				} catch (Exception e) {
					outcome.failed++;
					if (outcome.firstFailure == null) {
						outcome.firstFailure = ErrorSentences.sentence(e, Path.of(listing.entry().filePath()),
								ErrorSentences.LOG_HINT);
					}
				}
				progress.worked(1);
			}
			String sentence = said.apply(outcome) + (outcome.failed == 0 ? "." : String.format(Locale.ROOT,
					"; %d failed: %s", outcome.failed, outcome.firstFailure))
					+ (outcome.failed == 0 && outcome.firstFailure != null ? " " + outcome.firstFailure : "");
			display.asyncExec(() -> {
				say(sentence);
				for (LibraryListing listing : chosen) {
					events.post(UiTopics.ENTRY_CHANGED, listing.entry().id());
				}
			});
			return result;
		});
		job.setUser(true);
		job.schedule();
		return job;
	}

	/**
	 * Says what a command on the selection did, after the listing's count; it stays there while the
	 * listing is read again (the command's own changes do that) until the filter changes.
	 */
	private void say(String sentence) {
		said = sentence;
		render();
	}

	/** The listing's count (and a filter that cannot be read), then what the last command did. */
	private void render() {
		if (!status.isDisposed()) {
			status.setText(counted + (said == null ? "" : (counted.isEmpty() ? "" : "   ") + said));
			status.getParent().layout();
		}
	}

	/** The listing's count as last shown. */
	private String counted = "";
	/** What the last command on the selection did; null once the filter changed. */
	private String said;

	/** Shows or hides a column, as the header's context menu does; the choice is kept across restarts. */
	public void showColumn(Column column, boolean shown) {
		columns.show(column, shown);
	}

	public boolean columnHidden(Column column) {
		return columns.hidden(column);
	}

	/** The last sentence the view said. */
	public String status() {
		return status.getText();
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
		columns.saveSort((Column) column.getData(), descending);
		refresh();
	}

	private void select() {
		int index = table.getSelectionIndex();
		LibraryListing listing = index < 0 ? null : pages.row(index);
		selectedId = listing == null ? -1 : listing.entry().id();
		selection.setSelection(listing);
	}

	/**
	 * The current query: filter text, integrity level, audio check, BPM range, key (and the keys
	 * that mix with it) and order. A range or key that cannot be read filters nothing and says why.
	 */
	public EntryQuery query() {
		int chosen = level.getSelectionIndex();
		int checked = audio.getSelectionIndex();
		EntryQuery query = new EntryQuery(filter.getText(), chosen <= 0 ? null : IntegrityLevel.values()[chosen - 1],
				checked <= 0 ? null : AudioState.values()[checked - 1], order, descending);
		if (format.getSelectionIndex() > 0) {
			query = query.withFormat(EntryQuery.FORMATS.get(format.getSelectionIndex() - 1));
		}
		unreadableFilter = null;
		try {
			Double[] range = Tempo.range(bpmRange.getText());
			query = query.withBpm(range[0], range[1]);
		} catch (IllegalArgumentException e) {
			unreadableFilter = "BPM " + e.getMessage();
		}
		if (!keyFilter.getText().isBlank()) {
			java.util.Optional<MusicalKey> key = MusicalKey.parse(keyFilter.getText().strip());
			if (key.isPresent()) {
				query = query.withKeys(compatible.getSelection() ? key.get().compatible() : List.of(key.get()));
			} else {
				unreadableFilter = "'" + keyFilter.getText().strip() + "' is not a key (8A, 1m, Am, F# major)";
			}
		}
		return query;
	}

	/** Why the BPM or key filter is not applied; null when both are. */
	private String unreadableFilter;

	/** Keeps only files of a format ({@link EntryQuery#FORMATS}; null: any) and reads the listing again (for tests). */
	public void formatFilter(String only) {
		format.select(only == null ? 0 : EntryQuery.FORMATS.indexOf(only) + 1);
		refresh();
	}

	/** Sets the BPM range, key and "keys that mix" filters and reads the listing again (for tests). */
	public void tempoAndKey(String range, String key, boolean mixing) {
		bpmRange.setText(range);
		keyFilter.setText(key);
		compatible.setSelection(mixing);
		refresh();
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
				|| shownQuery.level() != query.level() || shownQuery.audio() != query.audio()
				|| !Objects.equals(shownQuery.bpmFrom(), query.bpmFrom()) || !Objects.equals(shownQuery.bpmTo(), query.bpmTo())
				|| !Objects.equals(shownQuery.keys(), query.keys());
		if (newFilter) {
			said = null;
		}
		shownQuery = query;
		pages = listing;
		if (listing.size() < table.getItemCount()) {
			// GTK removes a shrinking multi-selection table's rows one by one, each a walk of the
			// selection: 90,000 rows took minutes. Emptied at once, then refilled, it takes no time.
			table.removeAll();
		}
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
		counted = (listing.size() == total
				? String.format(Locale.ROOT, "%,d entries   %s set by you", total, Cells.PIN)
				: String.format(Locale.ROOT, "%,d of %,d entries   %s set by you", listing.size(), total, Cells.PIN))
				+ (unreadableFilter == null ? "" : "   " + unreadableFilter);
		render();
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
		cells[Column.ADDED.ordinal()] = Cells.time(e.addedAt());
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
