package orbit.ui.internal.inspector;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import orbit.core.ActionableException;
import orbit.core.ErrorSentences;
import orbit.enrichment.Enrichment;
import orbit.library.EntryDetails;
import orbit.library.GoldRule;
import orbit.library.HistoryRecord;
import orbit.library.KeyNotation;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.LibraryListing;
import orbit.library.MusicalKey;
import orbit.library.OnlineAnswer;
import orbit.library.OnlineValues;
import orbit.library.Tempo;
import orbit.library.TrackState;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeLedger;
import orbit.library.UpgradeState;
import orbit.safewrite.TagWriter;
import orbit.safewrite.WriteOutcome;
import orbit.ui.internal.Cells;
import orbit.ui.internal.TagsToWrite;
import orbit.ui.internal.Tables;
import orbit.ui.internal.UiTopics;
import orbit.ui.internal.WorkstationPreferences;

/**
 * The Track Inspector: follows the selected entry and shows every source of BPM, key and
 * duration side by side with the resolved value and its source, the integrity level and what
 * keeps it from Gold, the providers' cached answers and the entry's history. It reads only the
 * local database, off the UI thread: a track with no online answer is queued for enrichment, the
 * view never waits on the network. The user sets BPM, key or Gold here and writes the resolved
 * values to the file through SafeWrite.
 */
public class InspectorPart {

	@Inject
	@Optional
	@Service
	Library library;

	@Inject
	@Optional
	@Service
	Enrichment enrichment;

	@Inject
	@Optional
	@Service
	TagWriter tagWriter;

	@Inject
	@Optional
	@Service
	UpgradeLedger ledger;

	@Inject
	IEventBroker events;

	/** An entry as read off the UI thread: its details and its upgrade history, newest first. */
	private record Reading(EntryDetails details, List<UpgradeCandidate> upgrades) {
	}

	/** One reader thread: selections are read in order, and a newer one makes older answers moot. */
	private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "Track inspector reader");
		thread.setDaemon(true);
		return thread;
	});
	/**
	 * Entries shown with nothing fresh cached, queued for enrichment in one write every
	 * {@value #QUEUE_EVERY_MILLIS} ms on their own thread: no read waits behind a write, and a DJ
	 * flicking through a crate costs one transaction, not one per track.
	 */
	private final Set<Long> misses = ConcurrentHashMap.newKeySet();
	private static final long QUEUE_EVERY_MILLIS = 500;
	private static final long WAIT_FOR_READ_MILLIS = 25;
	private final ScheduledExecutorService queuer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "Track inspector enrichment queue");
		thread.setDaemon(true);
		return thread;
	});
	private final AtomicLong wanted = new AtomicLong(-1);
	private volatile long shown = -1;
	private volatile long fills;
	private volatile long lastReadNanos;
	/** When the last read and fill began (System.nanoTime), for the benchmark's breakdown of slow selections. */
	public volatile long readStartedAt;
	public volatile long fillStartedAt;
	public volatile long filledAt;
	private volatile long lastFillNanos;

	private KeyNotation notation = KeyNotation.CAMELOT;
	private boolean packed;
	private EntryDetails snapshot;
	private List<UpgradeCandidate> upgradesShown = List.of();

	private Composite body;
	private Label heading;
	private Label details;
	/** The file's embedded picture, read from the file after the entry is shown; hidden when there is none. */
	private Label artwork;
	private Image artworkImage;
	private final ExecutorService artworkReader = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "Track inspector artwork");
		thread.setDaemon(true);
		return thread;
	});
	private Label audio;
	private Label state;
	private Table sources;
	private Label integrity;
	private Label goldFailures;
	private Table answers;
	private Text manualBpm;
	private Text manualKey;
	private Button gold;
	private Button apply;
	private Button writeTags;
	private ProgressBar progress;
	private Label message;
	private Table history;
	private Table upgrades;
	private Label upgradesHeading;
	private Font headingFont;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(1, false));
		ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
		scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		scroll.setExpandHorizontal(true);
		scroll.setExpandVertical(true);
		body = new Composite(scroll, SWT.NONE);
		body.setLayout(new GridLayout(1, false));
		scroll.setContent(body);

		Composite top = new Composite(body, SWT.NONE);
		top.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		GridLayout topLayout = new GridLayout(2, false);
		topLayout.marginWidth = 0;
		topLayout.marginHeight = 0;
		top.setLayout(topLayout);
		heading = new Label(top, SWT.WRAP);
		heading.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		artwork = new Label(top, SWT.NONE);
		GridData artworkData = new GridData(SWT.END, SWT.TOP, false, false);
		artworkData.exclude = true;
		artwork.setLayoutData(artworkData);
		artwork.setVisible(false);
		FontData[] data = heading.getFont().getFontData();
		for (FontData d : data) {
			d.setHeight(d.getHeight() + 3);
			d.setStyle(SWT.BOLD);
		}
		headingFont = new Font(parent.getDisplay(), data);
		heading.setFont(headingFont);
		heading.setText("Select a track in the library");
		details = label(body);
		audio = label(body);
		state = label(body);

		sources = table(body, 5, "", "You", "File tags", "Online", "Resolved (source)");
		integrity = label(body);
		goldFailures = label(body);

		Group edit = new Group(body, SWT.NONE);
		edit.setText("Set by you");
		edit.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		edit.setLayout(new GridLayout(4, false));
		new Label(edit, SWT.NONE).setText("BPM");
		manualBpm = new Text(edit, SWT.BORDER);
		manualBpm.setLayoutData(new GridData(70, SWT.DEFAULT));
		new Label(edit, SWT.NONE).setText("Key");
		manualKey = new Text(edit, SWT.BORDER);
		manualKey.setLayoutData(new GridData(70, SWT.DEFAULT));
		manualKey.setMessage("8A, Am, 1m");
		gold = new Button(edit, SWT.CHECK);
		gold.setText("Verified Gold");
		gold.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
		apply = new Button(edit, SWT.PUSH);
		apply.setText("Apply");
		apply.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false, 2, 1));
		apply.addListener(SWT.Selection, e -> applyOverrides());
		writeTags = new Button(edit, SWT.PUSH);
		writeTags.setText("Write BPM and key to the file");
		writeTags.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 2, 1));
		writeTags.addListener(SWT.Selection, e -> writeTags());
		progress = new ProgressBar(edit, SWT.INDETERMINATE);
		progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		progress.setVisible(false);
		message = new Label(edit, SWT.WRAP);
		GridData messageLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1);
		messageLayout.widthHint = 300;
		message.setLayoutData(messageLayout);

		new Label(body, SWT.NONE).setText("Online providers, in the provider order (each one's latest answer)");
		answers = table(body, 4, "Provider", "BPM", "Key", "Time", "ISRC", "Fetched", "Fresh until");
		new Label(body, SWT.NONE).setText("History");
		history = table(body, 8, "When", "Field", "Old", "New", "Source");
		upgradesHeading = new Label(body, SWT.NONE);
		upgradesHeading.setText("Upgrades (newest first; move cue points by the offset)");
		upgrades = table(body, 4, "When", "State", "Source", "Offset", "From", "To", "Original kept at");
		upgrades.setToolTipText("Files by their folder and name; the entry's full path is under its title");
		// Wrap to the view's width; scroll vertically.
		scroll.addListener(SWT.Resize,
				e -> scroll.setMinSize(body.computeSize(Math.max(320, scroll.getClientArea().width), SWT.DEFAULT, false)));
		setEnabled(false);
		queuer.scheduleWithFixedDelay(this::queueMisses, QUEUE_EVERY_MILLIS, QUEUE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
	}

	private static Label label(Composite parent) {
		Label label = new Label(parent, SWT.WRAP);
		label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		return label;
	}

	private static Table table(Composite parent, int rows, String... headers) {
		Object[] columns = new Object[headers.length * 2];
		for (int i = 0; i < headers.length; i++) {
			columns[2 * i] = headers[i];
			columns[2 * i + 1] = headers[i].isEmpty() ? 70 : Math.max(80, headers[i].length() * 9);
		}
		Table table = Tables.create(parent, SWT.SINGLE, columns);
		GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
		layout.heightHint = table.getItemHeight() * rows + table.getHeaderHeight();
		table.setLayoutData(layout);
		return table;
	}

	@Inject
	@Optional
	void notation(@Preference(nodePath = WorkstationPreferences.NODE, value = WorkstationPreferences.KEY_NOTATION) String stored) {
		notation = WorkstationPreferences.keyNotation(stored);
		if (snapshot != null && !body.isDisposed()) {
			fill(snapshot);
		}
	}

	/** Follows the library's selection; a part without one (the inspector itself) changes nothing. */
	@Inject
	@Optional
	void selected(@Named(IServiceConstants.ACTIVE_SELECTION) LibraryListing listing) {
		if (listing != null) {
			show(listing.entry().id());
		}
	}

	@Inject
	@Optional
	void entryChanged(@UIEventTopic(UiTopics.ENTRY_CHANGED) Object changed) {
		long current = wanted.get();
		if (current >= 0 && (changed == null || changed.equals(current))) {
			show(current);
		}
	}

	/**
	 * Reads an entry off the UI thread and fills the view with it. The read takes about a
	 * millisecond, so the UI thread waits for it up to {@value #WAIT_FOR_READ_MILLIS} ms and fills at
	 * once; a slower read (a busy disk) fills when it is done, and the window stays responsive.
	 * Handing every read back through the event loop would cost more than the read: an idle GTK loop
	 * picks up another thread's work tens of milliseconds late.
	 */
	public void show(long entryId) {
		if (library == null) {
			return;
		}
		wanted.set(entryId);
		Display display = body.getDisplay();
		CompletableFuture<Reading> reading = CompletableFuture.supplyAsync(() -> {
			if (wanted.get() != entryId) {
				return null;
			}
			long started = System.nanoTime();
			readStartedAt = started;
			EntryDetails read = read(entryId);
			lastReadNanos = System.nanoTime() - started;
			// Cache-first: nothing fresh cached means the entry is queued (later, in a batch), never looked up here.
			if (read != null && enrichment != null && !read.state().enrichmentQueued()
					&& read.answers().stream().noneMatch(a -> a.isFresh(Instant.now()))) {
				misses.add(entryId);
			}
			return new Reading(read, read == null || ledger == null ? List.of() : ledger.candidatesFor(entryId));
		}, reader);
		try {
			Reading read = reading.get(WAIT_FOR_READ_MILLIS, TimeUnit.MILLISECONDS);
			if (wanted.get() == entryId) {
				fill(read);
			}
		} catch (TimeoutException slow) {
			reading.whenComplete((read, error) -> display.asyncExec(() -> {
				if (!body.isDisposed() && wanted.get() == entryId) {
					if (error != null) {
						showProblem(error);
					} else {
						fill(read);
					}
				}
			}));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (ExecutionException e) {
			showProblem(e.getCause());
		}
	}

	/** Queues the misses seen since the last time, in one transaction. */
	private void queueMisses() {
		if (misses.isEmpty() || enrichment == null) {
			return;
		}
		List<Long> batch = List.copyOf(misses);
		misses.removeAll(batch);
		try {
			enrichment.queue(batch);
			if (WorkstationPreferences.backgroundEnrichment()) {
				enrichment.schedule();
			}
		} catch (ActionableException e) {
			return; // the next selection of these entries tries again
		}
		if (body.isDisposed()) {
			return;
		}
		body.getDisplay().asyncExec(() -> {
			EntryDetails shownNow = snapshot;
			if (!body.isDisposed() && shownNow != null && batch.contains(shownNow.entry().id())) {
				snapshot = new EntryDetails(shownNow.entry(), shownNow.state().queued(), shownNow.answers(), shownNow.gold(),
						shownNow.history());
				state.setText(snapshot.state().describe());
			}
		});
	}

	/** The entry as the database has it; null when it is no longer in the library. */
	private EntryDetails read(long entryId) {
		return library.details(entryId).orElse(null);
	}

	/** The database could not be read: the user learns why, and the view holds no stale entry. */
	private void showProblem(Throwable error) {
		Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
				? error.getCause() : error;
		snapshot = null;
		heading.setText("This entry cannot be read");
		state.setText(ErrorSentences.sentence(cause, null, ErrorSentences.LOG_HINT));
		setEnabled(false);
		shown = -1;
		fills++;
	}

	private void fill(Reading read) {
		if (read == null) {
			return; // a newer selection came first
		}
		upgradesShown = read.upgrades();
		fill(read.details());
	}

	private void fill(EntryDetails s) {
		long started = System.nanoTime();
		fillStartedAt = started;
		try {
			show(s);
		} finally {
			filledAt = System.nanoTime();
			lastFillNanos = filledAt - started;
		}
	}

	private void show(EntryDetails s) {
		snapshot = s;
		if (s == null) {
			heading.setText("This entry is no longer in the library");
			setEnabled(false);
			shown = -1;
			fills++;
			return;
		}
		LibraryEntry e = s.entry();
		showArtwork(e);
		List<Control> changed = new ArrayList<>();
		text(heading, Cells.text(e.artist()) + " \u2013 " + e.displayTitle(), changed);
		text(details, String.format(Locale.ROOT, "%s   \u00b7   %s, %s kbps, %s   \u00b7   #%d%n%s", Cells.text(e.album()),
				Cells.text(e.format()), e.bitrate(), Cells.duration(e.durationSeconds()), e.id(), e.filePath()), changed);
		text(audio, "Audio: " + Cells.audio(e.audio()), changed);
		text(state, s.state().describe(), changed);

		sources.removeAll();
		OnlineValues online = e.online();
		var bpm = e.resolvedBpm();
		row(sources, "BPM", Cells.bpm(e.manualBpm()), Cells.bpm(e.bpm()), from(Cells.bpm(online.bpm()), online.bpmProvider()),
				bpm.value().map(Cells::bpm).map(v -> v + "  (" + bpm.origin() + ")").orElse("\u2014")
						+ (bpm.userOverride() ? "  " + Cells.PIN : ""));
		var key = e.resolvedKey();
		row(sources, "Key", Cells.key(e.manualKey(), notation), Cells.key(e.musicalKey(), notation),
				from(Cells.key(online.musicalKey(), notation), online.keyProvider()),
				key.value().map(k -> k.format(notation) + "  (" + key.origin() + ")").orElse("\u2014")
						+ (key.userOverride() ? "  " + Cells.PIN : ""));
		var duration = e.resolvedDuration();
		row(sources, "Duration", "", Cells.duration(e.durationSeconds()),
				from(Cells.duration(online.durationSeconds()), online.durationProvider()),
				duration.value().map(Cells::duration).map(v -> v + "  (" + duration.origin() + ")").orElse("\u2014"));

		GoldRule.Evaluation evaluation = s.gold();
		text(integrity, "Integrity: " + Cells.level(e.integrityLevel())
				+ (evaluation.userVerified() ? " (verified by you)" : ""), changed);
		text(goldFailures, evaluation.failures().isEmpty() ? "Every source agrees."
				: (evaluation.gold() ? "Sources disagree:\n" : "Not Gold because:\n")
						+ String.join("\n", evaluation.failures().stream().map(f -> "  \u2022 " + f).toList()), changed);

		answers.removeAll();
		for (OnlineAnswer a : s.answers()) {
			if (a.found()) {
				row(answers, a.provider(), Cells.bpm(a.bpm()), Cells.key(a.musicalKey(), notation),
						Cells.duration(a.durationSeconds()), Cells.text(a.isrc()), Cells.time(a.fetchedAt()),
						Cells.time(a.expiresAt()));
			} else {
				row(answers, a.provider(), "not found", "", "", "", Cells.time(a.fetchedAt()), Cells.time(a.expiresAt()));
			}
		}
		if (s.answers().isEmpty()) {
			row(answers, s.state().enrichmentQueued() ? "(nothing cached yet: queued)" : "(nothing cached)");
		}

		history.removeAll();
		for (HistoryRecord h : s.history().reversed()) {
			row(history, Cells.time(h.changedAt()), h.field(), Cells.text(h.oldValue()), Cells.text(h.newValue()),
					h.origin());
		}
		showUpgrades(e);
		if (!packed) {
			// Columns fit the first entry shown; re-measuring them on every selection costs more than it gives.
			packed = true;
			for (Table t : List.of(sources, answers, history)) {
				for (TableColumn column : t.getColumns()) {
					column.pack();
					column.setWidth(Math.max(column.getWidth() + 12, 70));
				}
			}
		}
		manualBpm.setText(e.manualBpm() == null ? "" : Cells.bpm(e.manualBpm()));
		manualKey.setText(Cells.key(e.manualKey(), notation));
		gold.setSelection(e.userVerifiedGold());
		setEnabled(true);
		// Only the labels change size; the tables keep theirs (re-measuring them is what costs).
		changed.add(message);
		body.layout(changed.toArray(Control[]::new));
		body.getParent().notifyListeners(SWT.Resize, null);
		shown = e.id();
		fills++;
	}

	/** The entry's upgrade history: when, from which file to which, Auto or Manual, the offset, where the original is. */
	private void showUpgrades(LibraryEntry e) {
		upgrades.removeAll();
		for (UpgradeCandidate c : upgradesShown) {
			boolean swapped = c.state() == UpgradeState.DONE || c.state() == UpgradeState.UNDONE;
			Path from = c.replacedFile() != null ? c.replacedFile() : Path.of(e.filePath());
			// A done upgrade's file is the entry's now; the record keeps where the copy was found.
			Path to = c.state() == UpgradeState.DONE ? Path.of(e.filePath()) : c.file();
			String kept = c.keptOriginal() != null ? Cells.folderAndName(c.keptOriginal())
					: c.state() == UpgradeState.DONE ? "purged" : c.state() == UpgradeState.UNDONE ? "restored" : "";
			row(upgrades, Cells.shortTime(swapped && c.upgradedAt() != null ? c.upgradedAt() : c.foundAt()),
					Cells.upgradeLabel(c), Cells.text(c.upgradeSource()), Cells.offset(c.offsetMillis()),
					Cells.folderAndName(from), Cells.folderAndName(to), kept);
		}
		if (upgradesShown.isEmpty()) {
			row(upgrades, "(none yet)");
		} else {
			for (TableColumn column : upgrades.getColumns()) {
				column.pack();
				column.setWidth(Math.max(column.getWidth() + 12, 70));
			}
		}
	}

	/** Sets a label's text; one whose text is new is laid out again (most selections change only some). */
	private static void text(Label label, String text, List<Control> changed) {
		if (!text.equals(label.getText())) {
			label.setText(text);
			changed.add(label);
		}
	}

	/** An online value and the provider it came from. */
	private static String from(String value, String provider) {
		return provider == null || value.isEmpty() ? value : value + "  (" + provider + ")";
	}

	private static void row(Table table, String... cells) {
		new TableItem(table, SWT.NONE).setText(cells);
	}

	private void setEnabled(boolean enabled) {
		for (var control : List.of(manualBpm, manualKey, gold, apply)) {
			control.setEnabled(enabled);
		}
		writeTags.setEnabled(enabled && tagWriter != null && snapshot != null && snapshot.entry().missingSince() == null);
	}

	/** Applies the BPM, key and Gold fields as user overrides (recorded in the history). */
	public void applyOverrides() {
		if (snapshot == null) {
			return;
		}
		long id = snapshot.entry().id();
		Double bpm;
		MusicalKey key;
		try {
			bpm = manualBpm.getText().isBlank() ? null : Tempo.parseOrFail(manualBpm.getText());
			key = manualKey.getText().isBlank() ? null : MusicalKey.parseOrFail(manualKey.getText());
		} catch (ActionableException e) {
			message.setText(e.getMessage());
			return;
		}
		boolean verified = gold.getSelection();
		run("Setting BPM and key of #" + id, monitor -> {
			library.override(id, bpm, key, verified);
			return "Saved. Your values win over the file's tags and the online providers.";
		}, id);
	}

	/**
	 * Writes the resolved BPM and key into the file's tags through SafeWrite, as a Job with progress:
	 * only those the file does not already hold (a key read from the file keeps its own text, "F#
	 * major" does not become "2B"); the key in the chosen notation.
	 */
	public void writeTags() {
		if (snapshot == null || tagWriter == null) {
			return;
		}
		LibraryEntry e = snapshot.entry();
		TagsToWrite tags = TagsToWrite.of(e, notation);
		if (tags.none()) {
			message.setText(e.resolvedBpm().value().isEmpty() && e.resolvedKey().value().isEmpty()
					? "There is no BPM or key to write." : "The file's tags already hold this BPM and key.");
			return;
		}
		Path file = Path.of(e.filePath());
		run("Writing tags to " + file.getFileName(), monitor -> {
			WriteOutcome outcome = tagWriter.write(file, tags.changes());
			return "Written to the file (" + String.format(Locale.ROOT, "%,d", outcome.bytes())
					+ " bytes, audio verified unchanged)." + outcome.notes().stream().map(n -> " " + n + ".")
							.collect(java.util.stream.Collectors.joining())
					+ (outcome.lowSpace() ? " Warning: the disk is almost full." : "");
		}, e.id());
	}

	private interface Work {
		String run(IProgressMonitor monitor);
	}

	private void run(String name, Work work, long entryId) {
		Display display = body.getDisplay();
		apply.setEnabled(false);
		writeTags.setEnabled(false);
		progress.setVisible(true);
		message.setText(name + "\u2026");
		Job job = Job.create(name, monitor -> {
			String outcome;
			IStatus status = Status.OK_STATUS;
			try {
				outcome = work.run(monitor);
			} catch (ActionableException e) {
				outcome = e.getMessage();
				status = Status.warning(outcome);
			} catch (RuntimeException e) {
				outcome = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				status = Status.error(outcome, e);
			}
			String text = outcome;
			display.asyncExec(() -> {
				if (body.isDisposed()) {
					return;
				}
				progress.setVisible(false);
				message.setText(text);
				setEnabled(snapshot != null);
				events.post(UiTopics.ENTRY_CHANGED, entryId);
			});
			return status;
		});
		job.setUser(true);
		job.schedule();
	}

	/** The id of the entry on screen (-1: none), and how many times the view was filled: for tests and benchmarks. */
	public long shownEntryId() {
		return shown;
	}

	/** How long the last entry took to read from the database, and to show: for the benchmark. */
	public long lastReadNanos() {
		return lastReadNanos;
	}

	public long lastFillNanos() {
		return lastFillNanos;
	}

	public long fills() {
		return fills;
	}

	public String message() {
		return message.getText();
	}

	/** Test access to the fields a user types into. */
	public void type(String bpm, String key, boolean verifiedGold) {
		manualBpm.setText(bpm);
		manualKey.setText(key);
		gold.setSelection(verifiedGold);
	}

	public Table sourcesTable() {
		return sources;
	}

	public Table historyTable() {
		return history;
	}

	/** Scrolls the view to its upgrade history. */
	public void revealUpgrades() {
		ScrolledComposite scroll = (ScrolledComposite) body.getParent();
		scroll.setOrigin(0, upgradesHeading.getLocation().y);
	}

	public Table upgradesTable() {
		return upgrades;
	}

	public Table answersTable() {
		return answers;
	}

	/** What the inspector says of Gold: every source agrees, or why not. */
	public String goldVerdict() {
		return goldFailures.getText();
	}

	/**
	 * Reads the file's picture off the UI thread (jaudiotagger reads the tags again: a few
	 * milliseconds to tens of them) and shows it, scaled to {@value #ARTWORK_SIZE} pixels; a
	 * selection that moved on in the meantime drops it.
	 */
	private void showArtwork(LibraryEntry e) {
		long id = e.id();
		if (artwork.getData() instanceof Long shownFor && shownFor == id) {
			return;
		}
		artwork.setData(id);
		setArtwork(null);
		Display display = body.getDisplay();
		Path file = Path.of(e.filePath());
		CompletableFuture.supplyAsync(() -> library.artwork(file).map(bytes -> {
			try {
				return new ImageData(new java.io.ByteArrayInputStream(bytes));
			} catch (RuntimeException unreadable) {
				return null; // a picture SWT cannot decode is not shown
			}
		}).orElse(null), artworkReader).thenAccept(data -> display.asyncExec(() -> {
			if (!artwork.isDisposed() && data != null && Long.valueOf(id).equals(artwork.getData()) && wanted.get() == id) {
				double scale = ARTWORK_SIZE / (double) Math.max(data.width, data.height);
				setArtwork(new Image(display, data.scaledTo(Math.max(1, (int) (data.width * scale)),
						Math.max(1, (int) (data.height * scale)))));
			}
		}));
	}

	private void setArtwork(Image image) {
		if (artworkImage != null) {
			artworkImage.dispose();
		}
		artworkImage = image;
		artwork.setImage(image);
		artwork.setVisible(image != null);
		GridData data = (GridData) artwork.getLayoutData();
		data.exclude = image == null;
		data.widthHint = image == null ? SWT.DEFAULT : image.getBounds().width;
		data.heightHint = image == null ? SWT.DEFAULT : image.getBounds().height;
		// the heading's row grows or shrinks with the picture: the body and its scrolling follow
		body.layout(new Control[] { artwork, heading });
		ScrolledComposite scroll = (ScrolledComposite) body.getParent();
		scroll.setMinSize(body.computeSize(Math.max(320, scroll.getClientArea().width), SWT.DEFAULT, false));
	}

	/** Whether the shown track's picture is shown, for tests. */
	public boolean showsArtwork() {
		return artworkImage != null && artwork.isVisible();
	}

	static final int ARTWORK_SIZE = 120;

	@PreDestroy
	void dispose() {
		artworkReader.shutdownNow();
		if (artworkImage != null) {
			artworkImage.dispose();
		}
		reader.shutdownNow();
		queuer.shutdown();
		queueMisses();
		if (headingFont != null) {
			headingFont.dispose();
		}
	}
}
