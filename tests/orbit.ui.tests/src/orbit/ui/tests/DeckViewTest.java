package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import orbit.buffer.BufferHealth;
import orbit.buffer.DeckStatus;
import orbit.buffer.Preset;
import orbit.core.DataDirectory;
import orbit.library.Library;
import orbit.library.ScanProgress;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;
import orbit.ui.internal.deck.BufferHealthPart;
import orbit.ui.internal.deck.DeckPart;
import orbit.ui.internal.library.LibraryPart;

/**
 * The Preview Deck and Buffer Health views on the real workstation, with a library of two FLAC
 * files made by sox (one with a BPM set by the user): the track selected in the Library view is
 * loaded and played through the buttons, the preset switched, a hot cue set and jumped to, a beat
 * jump taken, and a click on the overview seeks; the play is counted in the track's playlist; Buffer Health then shows the deck's lookups. Both
 * views are saved as screenshots.
 */
@Order(3)
@ExtendWith(WorkstationHome.class)
class DeckViewTest {

	@TempDir
	Path home;

	/** Twenty seconds of two tones, pulsing twice a second. */
	private static Path flac(Path dir, String name, String low, String high) throws Exception {
		Files.createDirectories(dir);
		Path flac = dir.resolve(name + ".flac");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", flac.toString(), "synth", "20", "sine", low, "sine",
				high, "tremolo", "2");
		return flac;
	}

	@Test
	void theSelectedTrackPlaysThroughPresetsCuesJumpsAndSeeks() throws Exception {
		Path music = home.resolve("music");
		Path tones = flac(music, "Tones", "220", "330");
		flac(music, "Drone", "110", "165");
		long tonesId = OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			long id = library.entryAt(tones).orElseThrow().id();
			library.override(id, 120.0, null, false); // beat jumps of half a second
			try {
				library.importPlaylist(Files.writeString(home.resolve("crate.m3u8"), tones + "\n"));
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			return id;
		});

		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		Workbench.run(workbench -> {
			DeckPart deck = workbench.part("orbit.ui.part.deck", DeckPart.class);
			workbench.ui(() -> {
				assertNull(deck.deck(), "no deck is opened before a load");
				assertFalse(deck.playButton().isEnabled());
				assertFalse(deck.jumpButton(4).isEnabled());
			});

			// 1. The track selected in the Library view is loaded with the Load button.
			LibraryPart library = workbench.part("orbit.ui.part.library", LibraryPart.class);
			Table rows = library.table();
			workbench.waitUntil("the two tracks", () -> rows.getItemCount() == 2);
			int row = workbench.ui(() -> rows.getItem(0).getText(LibraryPart.Column.ID.ordinal())
					.equals(Long.toString(tonesId)) ? 0 : 1);
			WorkstationViews.select(workbench, rows, row);
			workbench.waitUntil("the selection in the deck", () -> deck.selected() != null && deck.selected().id() == tonesId);
			workbench.part("orbit.ui.part.deck", DeckPart.class);
			press(workbench, deck.loadButton(), 0);
			workbench.waitUntil("the track decoded", () -> status(deck).file() != null && status(deck).decodedFraction() >= 1);
			DeckStatus loaded = workbench.ui(() -> deck.deck().status());
			assertEquals(tones, loaded.file());
			assertEquals(20, loaded.durationSeconds(), 0.1);
			assertEquals(120, loaded.bpm(), 0.01);
			workbench.ui(() -> assertTrue(deck.jumpButton(4).isEnabled(), "beat jumps with a known BPM"));

			// 2. Play: the playhead moves.
			press(workbench, deck.playButton(), 0);
			workbench.waitUntil("the playhead past 1 s", () -> status(deck).playing() && status(deck).positionSeconds() > 1);
			assertEquals("Pause", workbench.ui(() -> deck.playButton().getText()));
			double before = workbench.ui(() -> status(deck).positionSeconds());
			Workbench.sleep(500);
			double after = workbench.ui(() -> status(deck).positionSeconds());
			assertTrue(after > before + 0.2, "the playhead moved from " + before + " to " + after);
			workbench.waitUntil("the play counted in the playlist", () -> OsgiServices.with(Library.class,
					service -> service.playlistTracks(service.playlists().get(0).id()).get(0).playCount()) == 1);

			// 3. A preset and the tempo.
			press(workbench, deck.presetButton(Preset.ADAPTIVE), 0);
			workbench.waitUntil("the preset", () -> status(deck).settings().preset() == Preset.ADAPTIVE);
			workbench.ui(() -> {
				assertTrue(deck.presetButton(Preset.ADAPTIVE).getSelection());
				assertFalse(deck.presetButton(Preset.ORIGINAL).getSelection());
			});
			press(workbench, deck.presetButton(Preset.PUNCHY), 0);
			workbench.waitUntil("the second preset", () -> status(deck).settings().preset() == Preset.PUNCHY);
			workbench.ui(() -> deck.tempo(2.5));
			workbench.waitUntil("the tempo", () -> status(deck).settings().tempoPercent() == 2.5);
			workbench.waitUntil("the tempo in the status line", () -> deck.statusText().contains("punchy 1.00 +2.5%"));

			// 4. Hot cue 1: a click sets it at the playhead, a later click jumps back to it.
			press(workbench, deck.cueButton(1), 0);
			workbench.waitUntil("hot cue 1", () -> !Double.isNaN(status(deck).cues()[0]));
			double cue = workbench.ui(() -> status(deck).cues()[0]);
			workbench.waitUntil("the playhead past the cue", () -> status(deck).positionSeconds() > cue + 1);
			long cueStart = System.nanoTime();
			press(workbench, deck.cueButton(1), 0);
			double jumped = workbench.ui(() -> status(deck).positionSeconds());
			double playedSince = (System.nanoTime() - cueStart) / 1e9;
			assertTrue(jumped >= cue - 0.05 && jumped < cue + playedSince + 0.3,
					"jumped to " + jumped + ", the cue is at " + cue + ", " + playedSince + " s after the press");
			assertTrue(workbench.ui(() -> deck.cueButton(1).getText()).startsWith("1  0:"));
			// Shift+click moves the cue to the playhead.
			workbench.waitUntil("the playhead past the cue", () -> status(deck).positionSeconds() > cue + 1);
			press(workbench, deck.cueButton(1), SWT.SHIFT);
			assertTrue(workbench.ui(() -> status(deck).cues()[0]) > cue + 0.9, "the cue moved");

			// 5. A beat jump of +8 at 120 BPM: four seconds ahead.
			workbench.ui(() -> deck.seekTo(0));
			long jumpStart = System.nanoTime();
			double beforeJump = workbench.ui(() -> status(deck).positionSeconds());
			press(workbench, deck.jumpButton(8), 0);
			double afterJump = workbench.ui(() -> status(deck).positionSeconds());
			// the deck plays on while the jump is pressed and read: as much again as the time that took
			double played = (System.nanoTime() - jumpStart) / 1e9;
			assertTrue(afterJump - beforeJump >= 4 - 0.3 && afterJump - beforeJump <= 4 + played + 0.3,
					"a jump of 8 beats at 120 BPM from " + beforeJump + " to " + afterJump + " in " + played + " s");

			// 6. A click on the overview, three quarters along: the playhead goes there.
			Canvas overview = deck.overview();
			workbench.ui(() -> {
				Event click = new Event();
				click.button = 1;
				click.x = overview.getClientArea().width * 3 / 4;
				click.y = overview.getClientArea().height / 2;
				overview.notifyListeners(SWT.MouseDown, click);
			});
			double seeked = workbench.ui(() -> status(deck).positionSeconds());
			assertEquals(15, seeked, 0.5);
			Workbench.sleep(600);
			workbench.ui(deck::refresh);
			String said = workbench.ui(deck::statusText);
			assertTrue(said.contains(" / 0:20.0") && said.contains("decoded 100 %") && said.contains("fallback span(s)"),
					said);
			workbench.screenshot(workbench.shell(), "deck");

			// 7. Buffer Health: the deck's lookups, the tiers and the workers.
			BufferHealthPart health = workbench.part("orbit.ui.part.bufferhealth", BufferHealthPart.class);
			workbench.waitUntil("the deck's lookups", () -> health.shown() != null && health.shown().lookups() > 0);
			BufferHealth shown = workbench.ui(health::shown);
			workbench.waitUntil("the summary", () -> health.summaryText().startsWith("Lookups "));
			workbench.ui(() -> {
				assertEquals(shown.tiers().size(), health.tiersTable().getItemCount());
				assertEquals("L1", health.tiersTable().getItem(0).getText(0));
				assertEquals(shown.workers().size(), health.workersTable().getItemCount());
				assertTrue(health.alertsTable().getItemCount() >= 1);
			});
			workbench.screenshot(workbench.shell(), "buffer-health");

			// Pause stops the playhead. On a slow machine the 20-s track may have played to its end
			// meanwhile: it is played again from the start first.
			workbench.part("orbit.ui.part.deck", DeckPart.class);
			workbench.ui(() -> deck.deck().seek(1.0));
			if (!workbench.ui(() -> status(deck).playing())) {
				press(workbench, deck.playButton(), 0);
			}
			workbench.waitUntil("playing", () -> status(deck).playing());
			press(workbench, deck.playButton(), 0);
			workbench.waitUntil("the pause", () -> !status(deck).playing());
			assertEquals("Play", workbench.ui(() -> deck.playButton().getText()));
		});
	}

	private static DeckStatus status(DeckPart deck) {
		return deck.deck().status();
	}

	/** Presses a button as a click would, with the keys in {@code stateMask} held; a radio button is chosen. */
	private static void press(Workbench workbench, Button button, int stateMask) {
		workbench.ui(() -> {
			if ((button.getStyle() & SWT.RADIO) != 0) {
				button.setSelection(true);
			}
			Event event = new Event();
			event.stateMask = stateMask;
			button.notifyListeners(SWT.Selection, event);
		});
	}
}
