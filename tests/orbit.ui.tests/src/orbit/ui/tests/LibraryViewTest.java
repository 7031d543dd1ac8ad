package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.DataDirectory;
import orbit.library.Library;
import orbit.library.MusicalKey;
import orbit.library.ScanProgress;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;
import orbit.ui.internal.library.LibraryPart;
import orbit.ui.internal.library.LibraryPart.Column;

/**
 * The Library view as a DJ uses it every day, on the real workstation with three FLAC files made
 * by sox: search typed without accents and by file name, the cover embedded in a file shown by the
 * Track Inspector, a BPM range with the keys that mix,
 * the rows' context menu writing BPM and key into three files and verifying their audio, a
 * column hidden that stays hidden after a restart. Screenshots are saved.
 */
@Order(5)
@ExtendWith(WorkstationHome.class)
class LibraryViewTest {

	@TempDir
	Path home;

	@Test
	void searchFiltersContextMenuAndAColumnKeptHidden() throws Exception {
		Path music = Files.createDirectories(home.resolve("music"));
		Path joga = music.resolve("joga.flac"), peak = music.resolve("peak.flac"), dub = music.resolve("untitled_dub_plate.flac");
		Map<Path, String> tags = Map.of(joga, "ARTIST=Björk\nTITLE=Jóga\n", peak, "ARTIST=Röyksopp\nTITLE=Peak\n", dub, "");
		for (Path file : List.of(joga, peak, dub)) {
			Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", file.toString(), "synth", "2", "sine", "330");
			if (!tags.get(file).isEmpty()) {
				Path list = Files.writeString(home.resolve("tags.txt"), tags.get(file), StandardCharsets.UTF_8);
				Commands.run("metaflac", "--import-tags-from=" + list, file.toString());
			}
		}
		// Jóga's cover, a 300 x 300 PNG embedded as its front cover
		org.eclipse.swt.graphics.ImageData cover = new org.eclipse.swt.graphics.ImageData(300, 300, 24,
				new org.eclipse.swt.graphics.PaletteData(0xff0000, 0xff00, 0xff));
		for (int x = 0; x < 300; x++) {
			for (int y = 0; y < 300; y++) {
				cover.setPixel(x, y, (x * 255 / 300) << 16 | (y * 255 / 300) << 8 | 0x80);
			}
		}
		org.eclipse.swt.graphics.ImageLoader png = new org.eclipse.swt.graphics.ImageLoader();
		png.data = new org.eclipse.swt.graphics.ImageData[] { cover };
		Path coverFile = home.resolve("cover.png");
		png.save(coverFile.toString(), SWT.IMAGE_PNG);
		Commands.run("metaflac", "--import-picture-from=" + coverFile, joga.toString());
		OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			library.override(library.entryAt(joga).orElseThrow().id(), 124.0, MusicalKey.parseOrFail("8A"), false);
			library.override(library.entryAt(peak).orElseThrow().id(), 126.0, MusicalKey.parseOrFail("9A"), false);
			library.override(library.entryAt(dub).orElseThrow().id(), 140.0, MusicalKey.parseOrFail("3B"), false);
			return null;
		});

		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		Workbench.run(workbench -> {
			LibraryPart view = workbench.part("orbit.ui.part.library", LibraryPart.class);
			Table rows = view.table();
			workbench.waitUntil("the three tracks", () -> rows.getItemCount() == 3);

			// typed as DJs type: no accents, any case; and an untagged file by its name
			workbench.ui(() -> view.filter("BJORK"));
			workbench.waitUntil("Björk", () -> rows.getItemCount() == 1 && "Björk".equals(cell(rows, 0, Column.ARTIST)));
			WorkstationViews.select(workbench, rows, 0);
			orbit.ui.internal.inspector.InspectorPart inspector = workbench.part("orbit.ui.part.inspector",
					orbit.ui.internal.inspector.InspectorPart.class);
			workbench.waitUntil("the cover in the inspector", inspector::showsArtwork);
			workbench.screenshot(workbench.shell(), "inspector-artwork");
			workbench.part("orbit.ui.part.library", LibraryPart.class);
			workbench.ui(() -> view.filter("dub_plate"));
			workbench.waitUntil("the untagged file", () -> rows.getItemCount() == 1
					&& "untitled_dub_plate".equals(cell(rows, 0, Column.TITLE)));
			workbench.ui(() -> view.filter(""));

			// 120-130 BPM and the keys that mix with 8A: Jóga (8A) and Peak (9A), not the dub plate (3B, 140)
			workbench.ui(() -> view.tempoAndKey("120-130", "8a", true));
			workbench.waitUntil("two that mix", () -> rows.getItemCount() == 2);
			assertEquals(List.of("Jóga", "Peak"), List.of(cell(workbench, rows, 0, Column.TITLE), cell(workbench, rows, 1, Column.TITLE)));
			workbench.ui(() -> view.tempoAndKey("120-130", "8A", false));
			workbench.waitUntil("only 8A", () -> rows.getItemCount() == 1);
			workbench.ui(() -> view.tempoAndKey("130-120", "", false));
			workbench.waitUntil("a range that goes down is said", () -> view.status().contains("goes down"));
			workbench.ui(() -> view.tempoAndKey("", "", false));
			workbench.waitUntil("all three", () -> rows.getItemCount() == 3);
			workbench.ui(() -> view.formatFilter("mp3"));
			workbench.waitUntil("no MP3", () -> rows.getItemCount() == 0);
			workbench.ui(() -> view.formatFilter("flac"));
			workbench.waitUntil("three FLACs", () -> rows.getItemCount() == 3);
			workbench.ui(() -> view.formatFilter(null));
			workbench.screenshot(workbench.shell(), "library-keys");

			// the context menu on a selection of three: write BPM and key, then verify the audio
			workbench.ui(() -> {
				rows.selectAll();
				rows.notifyListeners(SWT.Selection, new Event());
			});
			assertEquals(3, workbench.ui(() -> view.selectedListings().size()));
			choose(workbench, rows, "Write BPM and Key to the Files");
			workbench.waitUntil("the tags written", () -> view.status().contains("Wrote"));
			String wrote = workbench.ui(view::status);
			assertTrue(wrote.contains("Wrote BPM and key to 3 file(s); 0 already held theirs."), wrote);
			assertEquals("124", metaflac(joga, "BPM"));
			assertEquals("9A", metaflac(peak, "INITIALKEY"));
			assertEquals("140", metaflac(dub, "BPM"));
			workbench.ui(() -> {
				rows.selectAll();
				rows.notifyListeners(SWT.Selection, new Event());
			});
			choose(workbench, rows, "Verify Audio");
			workbench.waitUntil("the audio verified", () -> view.status().contains("Verified"));
			String verified = workbench.ui(view::status);
			assertTrue(verified.contains("Verified 3 file(s): 3 intact, 0 with damaged audio."), verified);
			OsgiServices.with(Library.class, library -> {
				for (Path file : List.of(joga, peak, dub)) {
					assertNotNull(library.entryAt(file).orElseThrow().audio(), file + "'s check recorded");
				}
				return null;
			});

			// the selection appended to a playlist of the DJ's own, made on the way
			org.eclipse.core.runtime.jobs.Job adding = workbench.ui(() -> view.addToPlaylist("Warm-up"));
			adding.join();
			OsgiServices.with(Library.class, library -> {
				var warmUp = library.playlists().stream().filter(p -> p.sourceTitle().equals("Warm-up")).findFirst().orElseThrow();
				assertEquals("Manual", warmUp.sourceType());
				assertEquals(3, warmUp.successfulCount());
				return null;
			});

			// the header's menu hides the Album column
			workbench.ui(() -> view.showColumn(Column.ALBUM, false));
			assertEquals(0, workbench.ui(() -> rows.getColumn(Column.ALBUM.ordinal()).getWidth()));
		});
		// a restart: the column is still hidden
		Workbench.run(workbench -> {
			LibraryPart view = workbench.part("orbit.ui.part.library", LibraryPart.class);
			workbench.waitUntil("the three tracks", () -> view.table().getItemCount() == 3);
			assertTrue(workbench.ui(() -> view.columnHidden(Column.ALBUM)), "Album is still hidden");
			assertEquals(0, workbench.ui(() -> view.table().getColumn(Column.ALBUM.ordinal()).getWidth()));
			workbench.screenshot(workbench.shell(), "library-album-hidden");
			// shown again, with its width: the other tests see the view as it was
			workbench.ui(() -> view.showColumn(Column.ALBUM, true));
			assertTrue(workbench.ui(() -> view.table().getColumn(Column.ALBUM.ordinal()).getWidth()) > 0);
		});
	}

	/** Chooses an item of the rows' context menu, as a click on it does. */
	private static void choose(Workbench workbench, Table rows, String text) {
		workbench.ui(() -> {
			List<String> seen = new ArrayList<>();
			for (MenuItem item : rows.getMenu().getItems()) {
				seen.add(item.getText());
				if (item.getText().equals(text)) {
					item.notifyListeners(SWT.Selection, new Event());
					return;
				}
			}
			throw new AssertionError("no menu item " + text + " in " + seen);
		});
	}

	private static String cell(Table rows, int row, Column column) {
		return rows.getItem(row).getText(column.ordinal());
	}

	private static String cell(Workbench workbench, Table rows, int row, Column column) {
		return workbench.ui(() -> cell(rows, row, column));
	}

	private static String metaflac(Path file, String field) throws Exception {
		String out = Commands.run("metaflac", "--show-tag=" + field, file.toString()).strip();
		return out.isEmpty() ? null : out.substring(out.indexOf('=') + 1);
	}
}
