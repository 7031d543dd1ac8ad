package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import orbit.library.Library;
import orbit.library.PlaylistFormat;
import orbit.library.PlaylistSummary;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/**
 * A playlist exported as M3U8 and as Rekordbox XML, read back: the M3U8's paths are the found
 * files in order, the XML's collection holds each found track once with its resolved BPM, key,
 * rating and play count, and its playlist names them in order.
 */
class PlaylistExportTest {

	@TempDir
	Path home;
	@TempDir
	Path files;

	@Test
	void m3u8AndRekordboxXmlHoldTheFoundTracksInOrder() throws Exception {
		Path music = Files.createDirectories(files.resolve("Crate & Co"));
		String one = music.resolve("Björk - Jóga.flac").toString(), two = music.resolve("two <live>.mp3").toString();
		Path m3u = Files.writeString(files.resolve("Peak \"time\".m3u8"),
				"#EXTM3U\n" + one + "\n" + two + "\n/music/ghost.mp3\n" + one + "\n", StandardCharsets.UTF_8);
		String[] written = OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(new TrackInput(one, 1000, "Jóga", "Björk", "Homogenic", "flac", 900, 305, 124.0, "8A"),
					new TrackInput(two, 2000, "Two", "Beta & Gamma", "Live", "mp3", 320, 210, null, null)));
			PlaylistSummary p = library.importPlaylist(m3u);
			library.markPlaylistTrack(p.id(), 1, 5, true);
			long joga = library.playlistTracks(p.id()).get(0).entry().id();
			library.countPlay(joga, java.time.Instant.now());

			return new String[] { write(library, p, PlaylistFormat.M3U8), write(library, p, PlaylistFormat.REKORDBOX),
					Long.toString(joga) };
		});
		String m3u8 = written[0];
		long joga = Long.parseLong(written[2]);
		{
			assertEquals(List.of("#EXTM3U", "#PLAYLIST:Peak \"time\"", "#EXTINF:305,Björk - Jóga", one, "#EXTINF:210,Beta & Gamma - Two",
					two, "# not in library: ghost.mp3", "#EXTINF:305,Björk - Jóga", one), m3u8.lines().toList());

			Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
					.parse(new ByteArrayInputStream(written[1].getBytes(StandardCharsets.UTF_8)));
			Element root = xml.getDocumentElement();
			assertEquals("DJ_PLAYLISTS", root.getTagName());
			Element collection = (Element) root.getElementsByTagName("COLLECTION").item(0);
			assertEquals("2", collection.getAttribute("Entries"));
			List<Element> tracks = children(collection, "TRACK");
			assertEquals(2, tracks.size(), "each track once");
			Element first = tracks.get(0);
			assertEquals(Long.toString(joga), first.getAttribute("TrackID"));
			assertEquals("Jóga", first.getAttribute("Name"));
			assertEquals("Björk", first.getAttribute("Artist"));
			assertEquals("FLAC File", first.getAttribute("Kind"));
			assertEquals("124.00", first.getAttribute("AverageBpm"));
			assertEquals("Am", first.getAttribute("Tonality"), "8A in the key names Rekordbox shows");
			assertEquals("305", first.getAttribute("TotalTime"));
			assertEquals("255", first.getAttribute("Rating"), "five stars");
			assertEquals("1", first.getAttribute("PlayCount"));
			String location = first.getAttribute("Location");
			assertTrue(location.startsWith("file://localhost/"), location);
			assertEquals(Path.of(one), Path.of(java.net.URI.create("file://" + location.substring("file://localhost".length()))),
					"the location is the file, percent-encoded: " + location);
			assertEquals("Beta & Gamma", tracks.get(1).getAttribute("Artist"));
			assertEquals("", tracks.get(1).getAttribute("AverageBpm"), "no BPM, no attribute");

			Element playlists = (Element) root.getElementsByTagName("PLAYLISTS").item(0);
			Element folder = children(playlists, "NODE").get(0);
			assertEquals("ROOT", folder.getAttribute("Name"));
			Element list = children(folder, "NODE").get(0);
			assertEquals("Peak \"time\"", list.getAttribute("Name"));
			assertEquals("1", list.getAttribute("Type"));
			assertEquals("3", list.getAttribute("Entries"));
			assertEquals(List.of(Long.toString(joga), tracks.get(1).getAttribute("TrackID"), Long.toString(joga)),
					children(list, "TRACK").stream().map(e -> e.getAttribute("Key")).toList());
		}
	}

	private static String write(Library library, PlaylistSummary p, PlaylistFormat format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			assertEquals(3, library.writePlaylist(p.id(), format, out), "three found rows written, the ghost left out");
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
				found.add(e);
			}
		}
		return found;
	}

}
