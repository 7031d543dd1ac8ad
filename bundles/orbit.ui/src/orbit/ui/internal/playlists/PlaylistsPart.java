package orbit.ui.internal.playlists;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.core.ErrorSentences;
import orbit.library.KeyNotation;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.PlaylistFormat;
import orbit.library.PlaylistSummary;
import orbit.library.PlaylistTrack;
import orbit.library.ScanProgress;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TempVerifier;
import orbit.safewrite.WriteMode;
import orbit.ui.internal.Cells;
import orbit.ui.internal.SaidJob;
import orbit.ui.internal.Tables;
import orbit.ui.internal.WorkstationPreferences;

/**
 * Playlists: the imported playlists with their stats, and the chosen one's tracks in order with
 * their state (found, file missing, not in library), BPM and key, the DJ's rating and like, and
 * plays (the Preview Deck counts them). Import… reads a CSV or M3U (a file imported before
 * updates its playlist); Export writes the found tracks as M3U8 or Rekordbox XML through
 * SafeWrite; the tracks' context menu rates and likes them. Reads and writes run as Jobs.
 */
public class PlaylistsPart {

	/** The tracks table's columns, in order. */
	public enum Column {
		POSITION("#", 35), STATE("State", 100), TRACK("Track", 200), BPM("BPM", 65), KEY("Key", 45), RATING("Rating", 70),
		LIKED("\u2665", 30), PLAYS("Plays", 50), LAST_PLAYED("Last played", 140);

		final String title;
		final int width;

		Column(String title, int width) {
			this.title = title;
			this.width = width;
		}
	}

	@Inject
	@Optional
	@Service
	Library library;

	@Inject
	@Optional
	@Service
	SafeWriteService safeWrite;

	private KeyNotation notation = KeyNotation.CAMELOT;

	private Table playlists;
	private Table tracks;
	private Label status;
	private Button exportM3u8;
	private Button exportRekordbox;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(5, false));
		Button importButton = new Button(parent, SWT.PUSH);
		importButton.setText("Import\u2026");
		importButton.setToolTipText("Import a CSV (also a Spotify export), M3U or M3U8 playlist; one imported before is updated");
		importButton.addListener(SWT.Selection, e -> chooseAndImport());
		exportM3u8 = new Button(parent, SWT.PUSH);
		exportM3u8.setText("Export M3U8\u2026");
		exportM3u8.setToolTipText("The found tracks, in order, as an M3U8 playlist every player and DJ application reads");
		exportM3u8.addListener(SWT.Selection, e -> chooseAndExport(PlaylistFormat.M3U8));
		exportRekordbox = new Button(parent, SWT.PUSH);
		exportRekordbox.setText("Export Rekordbox XML\u2026");
		exportRekordbox.setToolTipText("The found tracks with BPM, key, rating and plays, for File \u203a Import Collection");
		exportRekordbox.addListener(SWT.Selection, e -> chooseAndExport(PlaylistFormat.REKORDBOX));
		Button refresh = new Button(parent, SWT.PUSH);
		refresh.setText("Refresh");
		refresh.addListener(SWT.Selection, e -> refresh());
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

		SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
		sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
		playlists = Tables.create(sash, SWT.SINGLE, "Playlist", 150, "Tracks", 55, "Found", 55, "Not in library", 95);
		playlists.addListener(SWT.Selection, e -> showTracks());
		Object[] columns = new Object[Column.values().length * 2];
		for (Column column : Column.values()) {
			columns[column.ordinal() * 2] = column.title;
			columns[column.ordinal() * 2 + 1] = column.width;
		}
		tracks = Tables.create(sash, SWT.MULTI, columns);
		tracks.setMenu(marks(tracks));
		sash.setWeights(25, 75);
		refresh();
	}

	@Inject
	@Optional
	void notation(@Preference(nodePath = WorkstationPreferences.NODE, value = WorkstationPreferences.KEY_NOTATION) String stored) {
		notation = WorkstationPreferences.keyNotation(stored);
		if (tracks != null && !tracks.isDisposed()) {
			showTracks();
		}
	}

	/** The context menu of the tracks: a rating of 1 to 5 stars or none, like and unlike. */
	private Menu marks(Table table) {
		Menu menu = new Menu(table);
		for (int stars = 5; stars >= 0; stars--) {
			int rating = stars;
			MenuItem item = new MenuItem(menu, SWT.PUSH);
			item.setText(stars == 0 ? "No Rating" : "Rate " + "\u2605".repeat(stars));
			item.addListener(SWT.Selection, e -> mark(rating, null));
		}
		new MenuItem(menu, SWT.SEPARATOR);
		MenuItem like = new MenuItem(menu, SWT.PUSH);
		like.setText("Like");
		like.addListener(SWT.Selection, e -> mark(null, Boolean.TRUE));
		MenuItem unlike = new MenuItem(menu, SWT.PUSH);
		unlike.setText("Unlike");
		unlike.addListener(SWT.Selection, e -> mark(null, Boolean.FALSE));
		menu.addListener(SWT.Show, e -> {
			for (MenuItem item : menu.getItems()) {
				item.setEnabled(table.getSelectionCount() > 0);
			}
		});
		return menu;
	}

	/** Reads the playlists off the UI thread and shows them, keeping the chosen one. */
	public void refresh() {
		if (library == null) {
			status.setText("The library is not available.");
			return;
		}
		Display display = playlists.getDisplay();
		Job read = Job.create("Reading playlists", monitor -> {
			try {
				List<PlaylistSummary> all = library.playlists();
				display.asyncExec(() -> showPlaylists(all));
			} catch (RuntimeException e) {
				String sentence = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				display.asyncExec(() -> say(sentence));
			}
			return Status.OK_STATUS;
		});
		read.setSystem(true);
		read.schedule();
	}

	private void showPlaylists(List<PlaylistSummary> all) {
		if (playlists.isDisposed()) {
			return;
		}
		PlaylistSummary chosen = chosen();
		playlists.removeAll();
		int select = all.isEmpty() ? -1 : 0;
		for (PlaylistSummary p : all) {
			TableItem item = new TableItem(playlists, SWT.NONE);
			item.setText(new String[] { p.sourceTitle(), Integer.toString(p.totalTracks()), Integer.toString(p.successfulCount()),
					Integer.toString(p.missingCount()) });
			item.setData(p);
			if (chosen != null && chosen.id() == p.id()) {
				select = playlists.getItemCount() - 1;
			}
		}
		if (select >= 0) {
			playlists.setSelection(select);
		}
		if (all.isEmpty()) {
			status.setText("No playlist yet: Import\u2026 reads a CSV (also Spotify's export), M3U or M3U8 file.");
			status.getParent().layout();
		}
		showTracks();
	}

	/** Reads the chosen playlist's tracks off the UI thread and shows them. */
	private void showTracks() {
		PlaylistSummary p = chosen();
		exportM3u8.setEnabled(p != null);
		exportRekordbox.setEnabled(p != null);
		if (p == null || library == null) {
			tracks.removeAll();
			return;
		}
		Display display = tracks.getDisplay();
		KeyNotation keys = notation;
		Job read = Job.create("Reading playlist " + p.sourceTitle(), monitor -> {
			try {
				List<PlaylistTrack> rows = library.playlistTracks(p.id());
				display.asyncExec(() -> showTracks(p, rows, keys));
			} catch (RuntimeException e) {
				String sentence = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				display.asyncExec(() -> say(sentence));
			}
			return Status.OK_STATUS;
		});
		read.setSystem(true);
		read.schedule();
	}

	private void showTracks(PlaylistSummary p, List<PlaylistTrack> rows, KeyNotation keys) {
		if (tracks.isDisposed() || chosen() == null || chosen().id() != p.id()) {
			return;
		}
		int[] selected = tracks.getSelectionIndices();
		tracks.removeAll();
		int found = 0, fileMissing = 0, notInLibrary = 0;
		for (PlaylistTrack t : rows) {
			TableItem item = new TableItem(tracks, SWT.NONE);
			item.setText(cells(t, keys));
			item.setData(t);
			if (t.state() != PlaylistTrack.State.FOUND) {
				item.setForeground(tracks.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
			}
			switch (t.state()) {
				case FOUND -> found++;
				case FILE_MISSING -> fileMissing++;
				case NOT_IN_LIBRARY -> notInLibrary++;
				case NO_TRACK -> {
				}
			}
		}
		tracks.setSelection(selected);
		status.setText(String.format(Locale.ROOT, "%s: %d track(s), %d found, %d with the file missing, %d not in the library",
				p.sourceTitle(), rows.size(), found, fileMissing, notInLibrary));
		status.getParent().layout();
	}

	/** The cells of a track's row, in {@link Column} order. */
	public static String[] cells(PlaylistTrack t, KeyNotation notation) {
		String[] cells = new String[Column.values().length];
		LibraryEntry e = t.entry();
		cells[Column.POSITION.ordinal()] = Integer.toString(t.position());
		cells[Column.STATE.ordinal()] = t.state().label();
		cells[Column.TRACK.ordinal()] = t.displayName();
		cells[Column.BPM.ordinal()] = e == null ? "" : Cells.resolvedBpm(e.resolvedBpm());
		cells[Column.KEY.ordinal()] = e == null ? "" : Cells.resolvedKey(e.resolvedKey(), notation);
		cells[Column.RATING.ordinal()] = t.rating() == null ? "" : "\u2605".repeat(t.rating());
		cells[Column.LIKED.ordinal()] = t.liked() ? "\u2665" : "";
		cells[Column.PLAYS.ordinal()] = Integer.toString(t.playCount());
		cells[Column.LAST_PLAYED.ordinal()] = t.lastPlayedAt() == null ? "" : Cells.time(t.lastPlayedAt());
		return cells;
	}

	/** Rates (0 takes the rating away) or likes the selected tracks; null leaves either as it is. */
	public void mark(Integer rating, Boolean liked) {
		PlaylistSummary p = chosen();
		List<PlaylistTrack> chosenTracks = java.util.Arrays.stream(tracks.getSelection()).map(i -> (PlaylistTrack) i.getData())
				.toList();
		if (p == null || chosenTracks.isEmpty()) {
			return;
		}
		SaidJob.schedule("Marking " + chosenTracks.size() + " track(s) of " + p.sourceTitle(), tracks.getDisplay(), null,
				monitor -> {
					library.markPlaylistTracks(p.id(), chosenTracks.stream().map(PlaylistTrack::position).toList(), rating,
							liked);
					return "";
				}, said -> {
					say(said);
					showTracks();
				});
	}

	private void chooseAndImport() {
		FileDialog dialog = new FileDialog(playlists.getShell(), SWT.OPEN);
		dialog.setText("Import a Playlist");
		dialog.setFilterExtensions(new String[] { "*.csv;*.m3u;*.m3u8", "*.*" });
		dialog.setFilterNames(new String[] { "Playlists (CSV, M3U, M3U8)", "All files" });
		String file = dialog.open();
		if (file != null) {
			importPlaylist(Path.of(file));
		}
	}

	/** Imports a playlist file as a user Job with a progress bar; a file imported before updates its playlist. */
	public Job importPlaylist(Path file) {
		return SaidJob.schedule("Importing " + file.getFileName(), playlists.getDisplay(), file, monitor -> {
			SubMonitor progress = SubMonitor.convert(monitor, 1000);
			PlaylistSummary imported = library.importPlaylist(file, new ScanProgress() {
				private int reported;

				@Override
				public void fileDone(int done, int total) {
					int now = total == 0 ? 1000 : (int) (1000L * done / total);
					progress.worked(now - reported);
					reported = now;
				}

				@Override
				public boolean isCancelled() {
					return monitor.isCanceled();
				}
			});
			playlists.getDisplay().asyncExec(this::refresh);
			return String.format(Locale.ROOT, "Imported %s: %d track(s), %d found in the library.", imported.sourceTitle(),
					imported.totalTracks(), imported.successfulCount());
		}, this::say);
	}

	private void chooseAndExport(PlaylistFormat format) {
		PlaylistSummary p = chosen();
		if (p == null) {
			return;
		}
		FileDialog dialog = new FileDialog(playlists.getShell(), SWT.SAVE);
		dialog.setText(format == PlaylistFormat.M3U8 ? "Export as M3U8" : "Export as Rekordbox XML");
		dialog.setFileName(p.sourceTitle() + "." + format.extension());
		dialog.setFilterExtensions(new String[] { "*." + format.extension() });
		dialog.setOverwrite(true);
		String file = dialog.open();
		if (file != null) {
			export(format, Path.of(file));
		}
	}

	/** Exports the chosen playlist to {@code file} through SafeWrite, as a Job: whole or not at all. */
	public Job export(PlaylistFormat format, Path file) {
		PlaylistSummary p = chosen();
		return SaidJob.schedule("Exporting " + p.sourceTitle(), playlists.getDisplay(), file, monitor -> {
			if (safeWrite == null) {
				return "Safe writes are not available: nothing was exported.";
			}
			Path target = file.toAbsolutePath().normalize();
			Files.createDirectories(target.getParent());
			safeWrite.writeAtomic(target, WriteMode.REPLACE, temp -> {
				try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
					library.writePlaylist(p.id(), format, out);
				}
			}, TempVerifier.NOT_EMPTY);
			return "Exported " + p.sourceTitle() + " to " + target;
		}, this::say);
	}

	/** Shows a sentence under the buttons; an empty one leaves what is shown. */
	private void say(String sentence) {
		if (!status.isDisposed() && !sentence.isEmpty()) {
			status.setText(sentence);
			status.getParent().layout();
		}
	}

	private PlaylistSummary chosen() {
		TableItem[] selection = playlists.getSelection();
		return selection.length == 0 ? null : (PlaylistSummary) selection[0].getData();
	}

	/** Chooses a playlist by its position in the list, as a click would. */
	public void choose(int index) {
		playlists.setSelection(index);
		showTracks();
	}

	public Table playlistsTable() {
		return playlists;
	}

	public Table tracksTable() {
		return tracks;
	}

	public String status() {
		return status.getText();
	}

	@Focus
	public void setFocus() {
		playlists.setFocus();
	}
}
