package orbit.ui.internal.upgrades;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.core.ActionableException;
import orbit.core.ErrorSentences;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProgress;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;
import orbit.ui.internal.Cells;
import orbit.ui.internal.Tables;
import orbit.ui.internal.UiTopics;
import orbit.upgrade.RunOutcome;
import orbit.upgrade.Upgrades;

/**
 * Upgrades: the better copies found for library tracks, newest first, each with its verdict and
 * where it stands (ready, deferred and who held the track, done, rejected and why), the offset
 * cue points move by and how sure the audio comparison is. Finding, running, approving,
 * rejecting and undoing run as Jobs; what the service says, good or bad, is shown under the
 * buttons.
 */
public class UpgradesPart {

	/** The table's columns, in order. */
	public enum Column {
		ID("#", 40), TRACK("Track", 170), GAIN("Gain", 200), OFFSET("Offset", 70), CONFIDENCE("Confidence", 90),
		STATE("State", 400), VERDICT("Verdict", 420), FILE("Candidate file", 420), FOUND("Found", 160);

		final String header;
		final int width;

		Column(String header, int width) {
			this.header = header;
			this.width = width;
		}
	}

	/** A candidate with the library track it was matched to (null when none or gone). */
	public record Row(UpgradeCandidate candidate, LibraryEntry entry) {

		boolean runnable() {
			UpgradeState s = candidate.state();
			return s == UpgradeState.READY || s == UpgradeState.DEFERRED
					|| s == UpgradeState.FAILED && candidate.confidence() != null;
		}

		boolean gold() {
			return entry != null && entry.integrityLevel() == IntegrityLevel.GOLD;
		}
	}

	@Inject
	@Optional
	@Service
	Upgrades upgrades;

	@Inject
	@Optional
	@Service
	Library library;

	@Inject
	UISynchronize sync;

	@Inject
	IEventBroker events;

	private Table table;
	private Label status;
	private Label message;
	private ProgressBar progress;
	private Button find;
	private Button run;
	private Button approve;
	private Button reject;
	private Button undo;
	private List<Row> rows = List.of();
	private boolean packed;
	/** Work in progress: the buttons wait until it is done. */
	private boolean busy;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(8, false));
		find = button(parent, "Find in Folder\u2026", "Look for better copies of library tracks in a folder",
				this::chooseFolder);
		run = button(parent, "Run", "Upgrade the selected candidates, or every ready one when none is selected; "
				+ "only Gold tracks unless approved", () -> runSelected(false));
		approve = button(parent, "Approve", "Upgrade the selected candidates whose tracks are not Gold (recorded as Manual)",
				() -> runSelected(true));
		reject = button(parent, "Reject", "Never use the selected candidates; a later find leaves them rejected",
				this::rejectSelected);
		undo = button(parent, "Undo", "Put the selected done upgrades' originals back, bit-identical", this::undoSelected);
		button(parent, "Refresh", "Read the candidates again", this::refresh);
		progress = new ProgressBar(parent, SWT.SMOOTH);
		GridData progressLayout = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
		progressLayout.widthHint = 160;
		progress.setLayoutData(progressLayout);
		progress.setVisible(false);
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		message = new Label(parent, SWT.WRAP);
		GridData messageLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 8, 1);
		messageLayout.widthHint = 400;
		message.setLayoutData(messageLayout);

		Object[] columns = new Object[Column.values().length * 2];
		for (Column column : Column.values()) {
			columns[2 * column.ordinal()] = column.header;
			columns[2 * column.ordinal() + 1] = column.width;
		}
		table = Tables.create(parent, SWT.MULTI, columns);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 8, 1));
		table.getColumn(Column.ID.ordinal()).setAlignment(SWT.RIGHT);
		table.getColumn(Column.OFFSET.ordinal()).setAlignment(SWT.RIGHT);
		table.getColumn(Column.CONFIDENCE.ordinal()).setAlignment(SWT.RIGHT);
		table.getColumn(Column.OFFSET.ordinal()).setToolTipText("How much later the recording starts in the candidate: "
				+ "cue points move by this much");
		table.getColumn(Column.CONFIDENCE.ordinal()).setToolTipText("How sure the audio comparison is that the candidate "
				+ "holds the track's recording");
		table.addListener(SWT.Selection, e -> enable());
		// A row's whole story on hover: cells cut short at the column's width are readable here.
		table.addListener(SWT.MouseHover, e -> {
			TableItem item = table.getItem(new Point(e.x, e.y));
			table.setToolTipText(item == null ? null : tooltip((Row) item.getData()));
		});
		enable();
		refresh();
	}

	private static Button button(Composite parent, String text, String tooltip, Runnable action) {
		Button button = new Button(parent, SWT.PUSH);
		button.setText(text);
		button.setToolTipText(tooltip);
		button.addListener(SWT.Selection, e -> action.run());
		return button;
	}

	/** Reads the candidates (and their tracks) off the UI thread and shows them. */
	public void refresh() {
		if (upgrades == null) {
			status.setText("The upgrade service is not available.");
			enable();
			return;
		}
		Job read = Job.create("Reading upgrade candidates", monitor -> {
			try {
				List<Row> candidates = read();
				sync.asyncExec(() -> show(candidates));
			} catch (RuntimeException e) {
				String sentence = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				sync.asyncExec(() -> say(sentence));
			}
			return Status.OK_STATUS;
		});
		read.setSystem(true);
		read.setPriority(Job.INTERACTIVE);
		read.schedule();
	}

	private List<Row> read() {
		List<UpgradeCandidate> candidates = upgrades.list();
		Map<Long, LibraryEntry> entries = new HashMap<>();
		List<Row> read = new ArrayList<>(candidates.size());
		for (UpgradeCandidate c : candidates) {
			LibraryEntry entry = null;
			if (c.entryId() != null && library != null) {
				entry = entries.computeIfAbsent(c.entryId(), id -> library.entry(id).orElse(null));
			}
			read.add(new Row(c, entry));
		}
		return read;
	}

	private void show(List<Row> read) {
		if (table.isDisposed()) {
			return;
		}
		Set<Long> entries = wantedEntries;
		wantedEntries = null;
		Set<Long> selected = entries != null ? read.stream()
				.filter(r -> r.candidate().entryId() != null && entries.contains(r.candidate().entryId()))
				.map(r -> r.candidate().id()).collect(java.util.stream.Collectors.toSet()) : Set.copyOf(selectedIds(r -> true));
		rows = read;
		table.setRedraw(false);
		try {
			table.removeAll();
			List<Integer> reselect = new ArrayList<>();
			for (Row row : read) {
				TableItem item = new TableItem(table, SWT.NONE);
				item.setText(cells(row));
				item.setData(row);
				if (selected.contains(row.candidate().id())) {
					reselect.add(table.indexOf(item));
				}
			}
			table.setSelection(reselect.stream().mapToInt(Integer::intValue).toArray());
			if (!packed && !read.isEmpty()) {
				// Columns fit the first candidates shown; later the user's widths stay.
				packed = true;
				packColumns();
			}
		} finally {
			table.setRedraw(true);
		}
		long ready = read.stream().filter(r -> r.candidate().state() == UpgradeState.READY).count();
		long deferred = read.stream().filter(r -> r.candidate().state() == UpgradeState.DEFERRED).count();
		long done = read.stream().filter(r -> r.candidate().state() == UpgradeState.DONE).count();
		status.setText(read.isEmpty() ? "No candidates yet: look for better copies with Find in Folder\u2026"
				: String.format(Locale.ROOT, "%,d candidate(s): %,d ready, %,d deferred, %,d done", read.size(), ready,
						deferred, done));
		status.getParent().layout();
		enable();
		if (entries != null) {
			say(selected.isEmpty() ? "No better copy of the " + tracks(entries.size())
					+ " is known: Find in Folder\u2026 looks for some in a folder of downloads or rips."
					: selected.size() + " candidate(s) for the " + tracks(entries.size())
							+ " selected: Run upgrades the Gold ones, Approve the others.");
			table.showSelection();
		}
	}

	private static String tracks(int count) {
		return count == 1 ? "track" : count + " tracks";
	}

	/**
	 * Shows the candidates found for the given library entries, selected, ready to run or approve
	 * (the Library view's "Upgrade" does this); says so when none is known yet.
	 */
	public void showCandidatesOf(Set<Long> entryIds) {
		wantedEntries = Set.copyOf(entryIds);
		refresh();
	}

	/** Entries whose candidates the next read selects (null: the selection is kept). */
	private Set<Long> wantedEntries;

	/** The cells of one row, as the table shows them. */
	public static String[] cells(Row row) {
		UpgradeCandidate c = row.candidate();
		LibraryEntry e = row.entry();
		String[] cells = new String[Column.values().length];
		cells[Column.ID.ordinal()] = Long.toString(c.id());
		cells[Column.TRACK.ordinal()] = e == null ? (c.entryId() == null ? "(no library track)" : "#" + c.entryId())
				: Cells.text(e.artist()) + " \u2013 " + e.displayTitle();
		cells[Column.FILE.ordinal()] = c.file().toString();
		cells[Column.GAIN.ordinal()] = gain(c, e);
		cells[Column.VERDICT.ordinal()] = Cells.text(c.reason());
		cells[Column.STATE.ordinal()] = Cells.upgradeState(c);
		cells[Column.OFFSET.ordinal()] = Cells.offset(c.offsetMillis());
		cells[Column.CONFIDENCE.ordinal()] = c.confidence() == null ? ""
				: String.format(Locale.ROOT, "%.0f %%", c.confidence() * 100);
		cells[Column.FOUND.ordinal()] = Cells.time(c.foundAt());
		return cells;
	}

	/**
	 * "MP3 192 kbps \u2192 FLAC 16/44.1": what the candidate would replace (the track now) or replaced
	 * (a done or undone one: the old file's format) and the candidate's quality; a rejected one's
	 * quality alone, since the track may have changed since (its verdict says what it was measured
	 * against).
	 */
	static String gain(UpgradeCandidate c, LibraryEntry e) {
		String to = quality(c.format(), c.bitrate(), c.bitsPerSample(), c.sampleRate());
		String from;
		if ((c.state() == UpgradeState.DONE || c.state() == UpgradeState.UNDONE) && c.replacedFile() != null) {
			String name = c.replacedFile().getFileName().toString();
			from = name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
		} else if (e != null && c.state() != UpgradeState.REJECTED) {
			from = quality(e.format(), e.bitrate(), 0, 0);
		} else {
			return to;
		}
		return from + " \u2192 " + to;
	}

	private static String quality(String format, int bitrate, int bits, int rate) {
		String name = format == null ? "?" : format.toUpperCase(Locale.ROOT);
		if (bits > 0 && rate > 0) {
			return String.format(Locale.ROOT, "%s %d/%s", name, bits, new java.text.DecimalFormat("0.#",
					java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)).format(rate / 1000.0));
		}
		return bitrate > 0 ? String.format(Locale.ROOT, "%s %d kbps", name, bitrate) : name;
	}

	/** The row's state, verdict and files in full. */
	static String tooltip(Row row) {
		UpgradeCandidate c = row.candidate();
		String text = Cells.upgradeState(c) + "\n" + Cells.text(c.reason()) + "\n" + c.file();
		if (c.replacedFile() != null) {
			text += "\nreplaced " + c.replacedFile()
					+ (c.keptOriginal() == null ? "" : ", original kept at " + c.keptOriginal());
		}
		return text;
	}

	private List<Long> selectedIds(Predicate<Row> which) {
		return Arrays.stream(table.getSelection()).map(i -> (Row) i.getData()).filter(which)
				.map(r -> r.candidate().id()).toList();
	}

	private List<Row> selectedRows() {
		return Arrays.stream(table.getSelection()).map(i -> (Row) i.getData()).toList();
	}

	private void enable() {
		boolean available = upgrades != null && !busy;
		List<Row> chosen = selectedRows();
		find.setEnabled(available);
		run.setEnabled(available && (chosen.isEmpty() ? rows.stream().anyMatch(Row::runnable)
				: chosen.stream().anyMatch(Row::runnable)));
		approve.setEnabled(available && chosen.stream().anyMatch(r -> r.runnable() && !r.gold()));
		reject.setEnabled(available && !chosen.isEmpty() && chosen.stream()
				.allMatch(r -> r.candidate().state() != UpgradeState.DONE && !r.candidate().rejectedByUser()));
		undo.setEnabled(available && !chosen.isEmpty()
				&& chosen.stream().allMatch(r -> r.candidate().state() == UpgradeState.DONE));
	}

	/** Asks for a folder, then looks in it. */
	private void chooseFolder() {
		DirectoryDialog dialog = new DirectoryDialog(table.getShell());
		dialog.setText("Find better copies");
		dialog.setMessage("Choose a folder of better copies of your tracks (downloads, an incoming folder)");
		String chosen = dialog.open();
		if (chosen != null) {
			find(Path.of(chosen));
		}
	}

	/** Looks for better copies under a folder, as a Job with progress, and shows the verdicts. */
	public void find(Path folder) {
		work("Looking for better copies in " + folder, (monitor, touched) -> {
			SubMonitor sub = SubMonitor.convert(monitor, "Looking for better copies in " + folder, 100);
			List<UpgradeCandidate> found = upgrades.find(List.of(folder), new ScanProgress() {
				@Override
				public void filesFound(int total) {
					sub.setWorkRemaining(total);
				}

				@Override
				public void fileDone(int done, int total) {
					sub.worked(1);
					sub.subTask(String.format(Locale.ROOT, "%,d/%,d judged", done, total));
					sync.asyncExec(() -> {
						if (!progress.isDisposed()) {
							progress.setMaximum(total);
							progress.setSelection(done);
						}
					});
				}

				@Override
				public boolean isCancelled() {
					return monitor.isCanceled();
				}
			});
			found.stream().map(UpgradeCandidate::entryId).filter(java.util.Objects::nonNull).forEach(touched::add);
			long ready = found.stream().filter(c -> c.state() == UpgradeState.READY).count();
			return String.format(Locale.ROOT, "%,d file(s) judged in %s: %,d ready, %,d rejected%s.", found.size(), folder,
					ready, found.size() - ready, monitor.isCanceled() ? " (cancelled)" : "");
		});
	}

	/**
	 * Runs the selected candidates (every ready and due one when none is selected). With approval,
	 * the selected candidates of tracks that are not Gold are run approved (Manual); Gold ones run
	 * as they would without it (Auto).
	 */
	public void runSelected(boolean approved) {
		List<Row> chosen = selectedRows();
		List<Long> plain = new ArrayList<>();
		List<Long> withApproval = new ArrayList<>();
		for (Row row : chosen) {
			if (!row.runnable()) {
				continue;
			}
			(approved && !row.gold() ? withApproval : plain).add(row.candidate().id());
		}
		if (approved && withApproval.isEmpty()) {
			say("Select the candidates of tracks that are not Gold to approve them.");
			return;
		}
		if (!chosen.isEmpty() && plain.isEmpty() && withApproval.isEmpty()) {
			say("None of the selected candidates can run: only ready, deferred or failed ones can.");
			return;
		}
		String name = approved ? "Upgrading " + withApproval.size() + " approved track(s)"
				: chosen.isEmpty() ? "Upgrading every ready track" : "Upgrading " + plain.size() + " track(s)";
		work(name, (monitor, touched) -> {
			SubMonitor sub = SubMonitor.convert(monitor, name, 2);
			List<RunOutcome> outcomes = new ArrayList<>();
			if (!withApproval.isEmpty()) {
				outcomes.addAll(upgrades.run(withApproval, false, true));
			}
			sub.worked(1);
			if (!plain.isEmpty() || chosen.isEmpty()) {
				outcomes.addAll(upgrades.run(plain, false, false));
			}
			sub.worked(1);
			outcomes.stream().map(o -> o.candidate().entryId()).filter(java.util.Objects::nonNull).forEach(touched::add);
			return outcomes.isEmpty() ? "Nothing to upgrade: no candidate is ready or due."
					: String.join("\n", outcomes.stream().map(UpgradesPart::said).toList());
		});
	}

	/** What a run did with one candidate, as the view says it: a deferral with its local time. */
	static String said(RunOutcome outcome) {
		UpgradeCandidate c = outcome.candidate();
		return "#" + c.id() + " " + (outcome.kind() == RunOutcome.Kind.DEFERRED ? Cells.upgradeState(c) : outcome.detail());
	}

	/** Rejects the selected candidates: they are never run. */
	public void rejectSelected() {
		List<Long> chosen = selectedIds(r -> true);
		if (chosen.isEmpty()) {
			return;
		}
		work("Rejecting " + chosen.size() + " candidate(s)", (monitor, touched) -> {
			for (long id : chosen) {
				Long entry = upgrades.reject(id).entryId();
				if (entry != null) {
					touched.add(entry);
				}
			}
			return chosen.size() + " candidate(s) rejected; a later find leaves them rejected.";
		});
	}

	/** Puts the selected done upgrades' originals back. */
	public void undoSelected() {
		List<Long> chosen = selectedIds(r -> r.candidate().state() == UpgradeState.DONE);
		if (chosen.isEmpty()) {
			return;
		}
		work("Undoing " + chosen.size() + " upgrade(s)", (monitor, touched) -> {
			SubMonitor sub = SubMonitor.convert(monitor, chosen.size());
			List<String> said = new ArrayList<>();
			for (long id : chosen) {
				RunOutcome undone = upgrades.undo(id);
				touched.add(undone.candidate().entryId());
				said.add("#" + id + " " + undone.detail());
				sub.worked(1);
			}
			return String.join("\n", said);
		});
	}

	private interface Work {
		/** Does the work; adds the library entries it changed (or judged candidates for) to {@code touched}. */
		String run(IProgressMonitor monitor, Set<Long> touched);
	}

	/**
	 * Runs work as a user Job: the buttons wait, the progress shows, and what the service said (its
	 * refusal or error too) is shown; then the candidates and the library's views are read again.
	 */
	private void work(String name, Work work) {
		if (upgrades == null || busy) {
			return;
		}
		busy = true;
		enable();
		progress.setSelection(0);
		progress.setVisible(true);
		say(name + "\u2026");
		Set<Long> touched = ConcurrentHashMap.newKeySet();
		Job job = Job.create(name, monitor -> {
			String outcome;
			IStatus result = Status.OK_STATUS;
			try {
				outcome = work.run(monitor, touched);
			} catch (ActionableException e) {
				outcome = e.getMessage();
				result = Status.warning(outcome);
			} catch (RuntimeException e) {
				outcome = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				result = Status.error(outcome, e);
			}
			String text = outcome;
			sync.asyncExec(() -> {
				if (table.isDisposed()) {
					return;
				}
				busy = false;
				progress.setVisible(false);
				say(text);
				refresh();
				// The Library view and the inspector read the changed entries again.
				for (Long entry : touched) {
					events.post(UiTopics.ENTRY_CHANGED, entry);
				}
			});
			return result;
		});
		job.setUser(true);
		job.schedule();
	}

	private void say(String text) {
		if (message.isDisposed()) {
			return;
		}
		message.setText(text);
		message.getParent().layout();
	}

	/** The table, for tests. */
	public Table table() {
		return table;
	}

	/** The rows shown now, for tests. */
	public List<Row> rows() {
		return rows;
	}

	/** The last thing the view said (an outcome or an error), for tests. */
	public String message() {
		return message.getText();
	}

	/** Whether work is running, for tests. */
	public boolean busy() {
		return busy;
	}

	/** Selects the rows of the given candidates, as a click would. */
	public void select(long... candidateIds) {
		List<Integer> indices = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			for (long id : candidateIds) {
				if (rows.get(i).candidate().id() == id) {
					indices.add(i);
				}
			}
		}
		table.setSelection(indices.stream().mapToInt(Integer::intValue).toArray());
		enable();
	}

	/**
	 * Sizes the columns to their contents, within each one's width at most: the offset and the
	 * confidence stay in sight; the whole of a long state or verdict is in the row's tooltip.
	 */
	public void packColumns() {
		for (Column c : Column.values()) {
			TableColumn column = table.getColumn(c.ordinal());
			column.pack();
			column.setWidth(Math.min(Math.max(column.getWidth() + 12, 60), Math.max(c.width, 100)));
		}
	}

	@Focus
	public void setFocus() {
		table.setFocus();
	}
}
