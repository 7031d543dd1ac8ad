package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import orbit.core.DataDirectory;
import orbit.library.Library;
import orbit.library.PlaylistFormat;
import orbit.library.ScanProgress;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;
import orbit.ui.internal.playlists.PlaylistsPart;
import orbit.ui.internal.playlists.PlaylistsPart.Column;

/**
 * The Playlists view on the real workstation, with three FLAC files made by sox: an M3U8 naming
 * two of them and a file that is not in the library is imported through the view, shown with each
 * track's state, two tracks rated and liked from the selection, the playlist imported again
 * after the DJ changed it (the same playlist, the marks kept), and exported as M3U8 and Rekordbox
 * XML that are read back. The view is saved as a screenshot.
 */
@Order(4)
@ExtendWith(WorkstationHome.class)
class PlaylistsViewTest {

	@TempDir
	Path home;

	@Test
	void aPlaylistIsImportedShownRatedUpdatedAndExported() throws Exception {
		Path music = Files.createDirectories(home.resolve("music"));
		Path opener = music.resolve("Opener.flac"), peak = music.resolve("Peak.flac"), closer = music.resolve("Closer.flac");
		for (Path file : List.of(opener, peak, closer)) {
			Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", file.toString(), "synth", "2", "sine", "440");
		}
		OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			library.override(library.entryAt(peak).orElseThrow().id(), 126.0, null, false);
			return null;
		});
		Path m3u = home.resolve("Friday.m3u8");
		Files.writeString(m3u, "#EXTM3U\n" + opener + "\n" + peak + "\n" + music.resolve("Lost.flac") + "\n",
				StandardCharsets.UTF_8);

		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		Workbench.run(workbench -> {
			PlaylistsPart view = workbench.part("orbit.ui.part.playlists", PlaylistsPart.class);
			Table playlists = view.playlistsTable(), tracks = view.tracksTable();
			join(workbench.ui(() -> view.importPlaylist(m3u)));
			workbench.waitUntil("the playlist", () -> playlists.getItemCount() == 1);
			workbench.waitUntil("its tracks", () -> tracks.getItemCount() == 3);
			workbench.ui(() -> {
				assertEquals("Friday", playlists.getItem(0).getText(0));
				assertEquals("found", tracks.getItem(0).getText(Column.STATE.ordinal()));
				assertEquals("Peak", tracks.getItem(1).getText(Column.TRACK.ordinal()));
				assertEquals("126.0", tracks.getItem(1).getText(Column.BPM.ordinal()).replace("\u2691", "").strip());
				assertEquals("not in library", tracks.getItem(2).getText(Column.STATE.ordinal()));
			});
			workbench.waitUntil("the stats", () -> view.status().contains("3 track(s), 2 found, 0 with the file missing, 1 not in the library"));

			// the first two rated four stars, then the second liked, from the selection as the context menu does
			workbench.ui(() -> tracks.setSelection(new int[] { 0, 1 }));
			workbench.ui(() -> view.mark(4, null));
			workbench.waitUntil("the ratings", () -> "\u2605\u2605\u2605\u2605".equals(tracks.getItem(1).getText(Column.RATING.ordinal())));
			workbench.ui(() -> tracks.setSelection(1));
			workbench.ui(() -> view.mark(null, Boolean.TRUE));
			workbench.waitUntil("the like", () -> "\u2665".equals(tracks.getItem(1).getText(Column.LIKED.ordinal())));

			// the DJ drops the lost track and closes with the closer: imported again, the same playlist
			Files.writeString(m3u, "#EXTM3U\n" + peak + "\n" + opener + "\n" + closer + "\n", StandardCharsets.UTF_8);
			join(workbench.ui(() -> view.importPlaylist(m3u)));
			workbench.waitUntil("the updated tracks", () -> tracks.getItemCount() == 3
					&& "Closer".equals(tracks.getItem(2).getText(Column.TRACK.ordinal())));
			workbench.ui(() -> {
				assertEquals(1, playlists.getItemCount(), "one playlist, updated");
				assertEquals("Peak", tracks.getItem(0).getText(Column.TRACK.ordinal()));
				assertEquals("\u2605\u2605\u2605\u2605", tracks.getItem(0).getText(Column.RATING.ordinal()), "its rating kept");
				assertEquals("\u2665", tracks.getItem(0).getText(Column.LIKED.ordinal()), "its like kept");
				assertEquals("", tracks.getItem(2).getText(Column.RATING.ordinal()));
			});
			workbench.screenshot(workbench.shell(), "playlists");

			Path m3u8 = home.resolve("exports/Friday.m3u8"), xml = home.resolve("exports/Friday.xml");
			join(workbench.ui(() -> view.export(PlaylistFormat.M3U8, m3u8)));
			join(workbench.ui(() -> view.export(PlaylistFormat.REKORDBOX, xml)));
			workbench.waitUntil("the export said", () -> view.status().startsWith("Exported Friday to " + xml));
			assertEquals(List.of(peak.toString(), opener.toString(), closer.toString()),
					Files.readAllLines(m3u8).stream().filter(line -> !line.startsWith("#")).toList());
			NodeList collection = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
					.getElementsByTagName("COLLECTION");
			NodeList entries = ((Element) collection.item(0)).getElementsByTagName("TRACK");
			assertEquals(3, entries.getLength());
			Element first = (Element) entries.item(0);
			assertEquals("Peak", first.getAttribute("Name"));
			assertEquals("126.00", first.getAttribute("AverageBpm"));
			assertEquals("204", first.getAttribute("Rating"), "four stars in Rekordbox's scale");
		});
	}

	private static void join(Job job) {
		try {
			job.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}
}
