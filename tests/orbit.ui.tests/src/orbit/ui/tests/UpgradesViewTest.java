package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.DataDirectory;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProgress;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;
import orbit.ui.internal.inspector.InspectorPart;
import orbit.ui.internal.library.LibraryPart;
import orbit.ui.internal.upgrades.UpgradesPart;

/**
 * The Upgrades view on the real workstation, a real library and files made by sox, lame and
 * flac: better copies found in a folder with their verdicts (two ready, a worse copy rejected),
 * a run that upgrades the Gold track and asks approval for the other, an approved upgrade
 * deferred while another process holds the track (the Library view says so and names it), then
 * done; the inspector lists the upgrade history; an undo puts the original back and a rejection
 * is kept. The view and the inspector are saved as screenshots.
 */
@Order(2)
@ExtendWith(WorkstationHome.class)
class UpgradesViewTest {

	@TempDir
	Path home;

	private Process holder;

	@AfterEach
	void letGo() throws InterruptedException {
		if (holder != null) {
			holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Music with content up to 22 kHz: noise on one channel, a sweep on the other, pulsing. */
	private static Path wav(Path dir, String name, String sweep) throws Exception {
		Path wav = dir.resolve(name + ".wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", "6", "whitenoise", "sine",
				sweep, "tremolo", "3", "70", "gain", "-4");
		return wav;
	}

	private static void mp3(Path wav, Path mp3, int kbps, String artist, String title) throws Exception {
		Files.createDirectories(mp3.getParent());
		Commands.run("lame", "--quiet", "-b", Integer.toString(kbps), "--ta", artist, "--tt", title, "--tl", "Album",
				wav.toString(), mp3.toString());
	}

	private static void flac(Path wav, Path flac, String artist, String title) throws Exception {
		Files.createDirectories(flac.getParent());
		Commands.run("flac", "-s", "-f", "-T", "ARTIST=" + artist, "-T", "TITLE=" + title, "-o", flac.toString(),
				wav.toString());
	}

	@Test
	void candidatesAreFoundRunApprovedDeferredUndoneAndRejectedFromTheView() throws Exception {
		Path music = home.resolve("music");
		Path incoming = home.resolve("incoming");
		Path songWav = wav(home, "song", "100-6000");
		Path tuneWav = wav(home, "tune", "6000-300");
		Path song = music.resolve("Moderat - Reminder.mp3");
		Path tune = music.resolve("Bicep - Glue.mp3");
		mp3(songWav, song, 192, "Moderat", "Reminder");
		mp3(tuneWav, tune, 192, "Bicep", "Glue");
		flac(songWav, incoming.resolve("Reminder.flac"), "Moderat", "Reminder");
		flac(tuneWav, incoming.resolve("Glue.flac"), "Bicep", "Glue");
		mp3(songWav, incoming.resolve("worse/Reminder.mp3"), 128, "Moderat", "Reminder");
		long[] ids = OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			long songId = library.entryAt(song).orElseThrow().id();
			library.override(songId, null, null, true); // Gold: upgraded without approval
			return new long[] { songId, library.entryAt(tune).orElseThrow().id() };
		});
		long songId = ids[0];
		long tuneId = ids[1];

		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		System.setProperty("orbit.upgrade.lock-try-ms", "100");
		Workbench.run(workbench -> {
			UpgradesPart view = workbench.part("orbit.ui.part.upgrades", UpgradesPart.class);
			workbench.waitUntil("the empty view", () -> view.table().getItemCount() == 0 && !view.busy());

			// An error of the service is shown, not swallowed.
			workbench.ui(() -> view.find(home.resolve("nowhere")));
			workbench.waitUntil("the refusal", () -> view.message().contains("does not exist"));

			// 1. Find: two ready candidates and a worse copy rejected with its reason.
			workbench.ui(() -> view.find(incoming));
			workbench.waitUntil("the verdicts", () -> !view.busy() && view.rows().size() == 3);
			String judged = workbench.ui(view::message);
			assertTrue(judged.contains("3 file(s) judged") && judged.contains("2 ready, 1 rejected"), judged);
			UpgradeCandidate songCandidate = workbench.ui(() -> candidate(view, "Reminder.flac"));
			UpgradeCandidate tuneCandidate = workbench.ui(() -> candidate(view, "Glue.flac"));
			workbench.ui(() -> {
				String[] ready = cells(view, songCandidate.id());
				assertEquals("Moderat \u2013 Reminder", ready[UpgradesPart.Column.TRACK.ordinal()]);
				assertEquals("MP3 192 kbps \u2192 FLAC 16/44.1", ready[UpgradesPart.Column.GAIN.ordinal()]);
				assertTrue(ready[UpgradesPart.Column.VERDICT.ordinal()].startsWith("ready: FLAC 16/44.1 replaces MP3 192 kbps"),
						ready[UpgradesPart.Column.VERDICT.ordinal()]);
				assertEquals("ready", ready[UpgradesPart.Column.STATE.ordinal()]);
				assertTrue(ready[UpgradesPart.Column.OFFSET.ordinal()].endsWith(" ms"));
				assertTrue(ready[UpgradesPart.Column.CONFIDENCE.ordinal()].endsWith(" %"));
				String[] worse = cells(view, candidate(view, "worse/Reminder.mp3").id());
				assertEquals("rejected", worse[UpgradesPart.Column.STATE.ordinal()]);
				assertEquals("rejected: not better: MP3 128 kbps does not improve on MP3 192 kbps",
						worse[UpgradesPart.Column.VERDICT.ordinal()]);
			});

			// 2. Run with nothing selected: the Gold track is upgraded, the other one waits for approval.
			workbench.ui(() -> view.runSelected(false));
			workbench.waitUntil("the run",
					() -> !view.busy() && candidate(view, "Reminder.flac").state() == UpgradeState.DONE);
			String ran = workbench.ui(view::message);
			assertTrue(ran.contains("needs approval: #" + tuneId), ran);
			assertEquals(UpgradeCandidate.AUTO, workbench.ui(() -> candidate(view, "Reminder.flac").upgradeSource()));

			// 3. Approve the other while a process holds its track: deferred, naming the holder.
			holder = new ProcessBuilder("sh", "-c", "exec 3<\"$1\"; echo held; exec sleep 120", "sh", tune.toString())
					.redirectErrorStream(true).start();
			assertEquals("held", new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
					.readLine());
			// The DJ starts from the Library view: right-click the track, Upgrade…, and the Upgrades view
			// shows its candidate selected, ready to approve.
			LibraryPart fromLibrary = workbench.part("orbit.ui.part.library", LibraryPart.class);
			workbench.waitUntil("the tune in the library", () -> row(fromLibrary.table(), tuneId) >= 0);
			WorkstationViews.select(workbench, fromLibrary.table(), workbench.ui(() -> row(fromLibrary.table(), tuneId)));
			workbench.ui(fromLibrary::upgradeSelection);
			workbench.waitUntil("the tune's candidate selected", () -> view.message().startsWith("1 candidate(s) for the track selected"));
			assertEquals(List.of(tuneCandidate.id()), workbench.ui(() -> java.util.Arrays.stream(view.table().getSelection())
					.map(item -> ((UpgradesPart.Row) item.getData()).candidate().id()).toList()));
			workbench.ui(() -> view.runSelected(true));
			workbench.waitUntil("the deferral",
					() -> !view.busy() && candidate(view, "Glue.flac").state() == UpgradeState.DEFERRED);
			String deferred = workbench.ui(() -> cells(view, tuneCandidate.id())[UpgradesPart.Column.STATE.ordinal()]);
			assertTrue(deferred.startsWith("deferred until ") && deferred.contains("(pid " + holder.pid() + ") has it open"),
					deferred);
			workbench.ui(view::packColumns);
			workbench.screenshot(workbench.shell(), "upgrades");

			// The Library view: the held track is Deferred (Locked) with its holder, the other marked upgraded.
			LibraryPart library = workbench.part("orbit.ui.part.library", LibraryPart.class);
			Table rows = library.table();
			workbench.waitUntil("the held track's state", () -> {
				String state = cell(rows, tuneId, LibraryPart.Column.STATE);
				return state != null && state.startsWith("Deferred (Locked) until ")
						&& state.contains("(pid " + holder.pid() + ") has it open");
			});
			workbench.waitUntil("the upgraded marker", () -> {
				String upgraded = cell(rows, songId, LibraryPart.Column.UPGRADED);
				return upgraded != null && upgraded.startsWith(LibraryPart.UPGRADED_MARK + " Auto ");
			});
			assertEquals("FLAC", workbench.ui(() -> cell(rows, songId, LibraryPart.Column.FORMAT)).toUpperCase());
			workbench.ui(() -> rows.showColumn(rows.getColumn(LibraryPart.Column.UPGRADED.ordinal())));
			workbench.screenshot(workbench.shell(), "library-upgrades");

			// 4. The holder lets go: the approved upgrade runs (Manual).
			holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			UpgradesPart view2 = workbench.part("orbit.ui.part.upgrades", UpgradesPart.class);
			workbench.ui(() -> view2.select(tuneCandidate.id()));
			workbench.ui(() -> view2.runSelected(true));
			workbench.waitUntil("the approved upgrade", () -> !view2.busy()
					&& candidate(view2, "Glue.flac").state() == UpgradeState.DONE);
			assertEquals(UpgradeCandidate.MANUAL, workbench.ui(() -> candidate(view2, "Glue.flac").upgradeSource()));

			// 5. The inspector lists the track's upgrade history.
			// The inspector follows the selection of the active part: the library's, activated last.
			InspectorPart inspector = workbench.part("orbit.ui.part.inspector", InspectorPart.class);
			LibraryPart library2 = workbench.part("orbit.ui.part.library", LibraryPart.class);
			workbench.waitUntil("the song in the library", () -> row(rows, songId) >= 0);
			WorkstationViews.select(workbench, library2.table(), workbench.ui(() -> row(rows, songId)));
			workbench.waitUntil("the song in the inspector", () -> inspector.shownEntryId() == songId
					&& inspector.upgradesTable().getItemCount() == 2);
			workbench.ui(() -> {
				TableItem done = upgradeRow(inspector, "done");
				assertEquals(2, texts(inspector.upgradesTable(), 1).size());
				assertEquals(UpgradeCandidate.AUTO, done.getText(2));
				assertTrue(done.getText(3).endsWith(" ms"), done.getText(3));
				assertEquals("music/Moderat - Reminder.mp3", done.getText(4));
				assertEquals("music/Moderat - Reminder.flac", done.getText(5));
				assertEquals(".orbit-originals/Moderat - Reminder.mp3", done.getText(6));
				assertEquals(List.of("done", "rejected"), texts(inspector.upgradesTable(), 1).stream().sorted().toList());
			});
			workbench.ui(inspector::revealUpgrades);
			workbench.screenshot(workbench.shell(), "inspector-upgrades");

			// 6. Undo the song's upgrade, then reject its candidate.
			UpgradesPart view3 = workbench.part("orbit.ui.part.upgrades", UpgradesPart.class);
			workbench.ui(() -> view3.select(songCandidate.id()));
			workbench.ui(view3::undoSelected);
			workbench.waitUntil("the undo",
					() -> !view3.busy() && candidate(view3, "Reminder.flac").state() == UpgradeState.UNDONE);
			assertTrue(Files.exists(song), "the original is back");
			assertFalse(Files.exists(music.resolve("Moderat - Reminder.flac")));
			LibraryEntry restored = OsgiServices.with(Library.class, l -> l.entry(songId).orElseThrow());
			assertEquals(song.toString(), restored.filePath());
			workbench.ui(() -> view3.select(songCandidate.id()));
			workbench.ui(view3::rejectSelected);
			workbench.waitUntil("the rejection", () -> !view3.busy()
					&& candidate(view3, "Reminder.flac").state() == UpgradeState.REJECTED);
			assertEquals("rejected by you",
					workbench.ui(() -> cells(view3, songCandidate.id())[UpgradesPart.Column.STATE.ordinal()]));

			// The Library view and the inspector follow the undo.
			workbench.part("orbit.ui.part.library", LibraryPart.class);
			workbench.waitUntil("no upgraded marker", () -> "".equals(cell(rows, songId, LibraryPart.Column.UPGRADED)));
			workbench.waitUntil("the undo in the inspector", () -> inspector.upgradesTable().getItemCount() == 2
					&& texts(inspector.upgradesTable(), 1).contains("rejected by you"));
		});
	}

	private static UpgradeCandidate candidate(UpgradesPart view, String suffix) {
		return view.rows().stream().map(UpgradesPart.Row::candidate).filter(c -> c.file().toString().endsWith(suffix))
				.findFirst().orElseThrow(() -> new AssertionError("no candidate " + suffix + " in " + view.rows()));
	}

	private static String[] cells(UpgradesPart view, long candidateId) {
		Table table = view.table();
		for (TableItem item : table.getItems()) {
			if (((UpgradesPart.Row) item.getData()).candidate().id() == candidateId) {
				String[] cells = new String[table.getColumnCount()];
				for (int i = 0; i < cells.length; i++) {
					cells[i] = item.getText(i);
				}
				return cells;
			}
		}
		throw new AssertionError("no row for candidate " + candidateId);
	}

	/** The Library view's row of an entry, or -1 (the table is virtual: the row is filled by asking for it). */
	private static int row(Table table, long entryId) {
		for (int i = 0; i < table.getItemCount(); i++) {
			if (table.getItem(i).getText(LibraryPart.Column.ID.ordinal()).equals(Long.toString(entryId))) {
				return i;
			}
		}
		return -1;
	}

	private static String cell(Table table, long entryId, LibraryPart.Column column) {
		int row = row(table, entryId);
		return row < 0 ? null : table.getItem(row).getText(column.ordinal());
	}

	private static TableItem upgradeRow(InspectorPart inspector, String state) {
		return java.util.Arrays.stream(inspector.upgradesTable().getItems()).filter(i -> i.getText(1).equals(state))
				.findFirst().orElseThrow(() -> new AssertionError("no " + state + " upgrade in the inspector"));
	}

	static List<String> texts(Table table, int column) {
		return java.util.Arrays.stream(table.getItems()).map(i -> i.getText(column)).toList();
	}
}
