package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import orbit.tests.support.Commands;
import orbit.tests.support.ProductProcess;

/**
 * A DJ's playlist through the product's launcher, on real files: imported, shown with each
 * track's state, rated and liked, imported again after the DJ changed it (the same playlist,
 * the marks kept), and exported as M3U8 and Rekordbox XML that other tools read back.
 */
class PlaylistCommandsTest {

	@TempDir
	Path temp;

	@Test
	void aPlaylistIsShownRatedUpdatedAndExported() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path music = Files.createDirectories(temp.resolve("Friday crate"));
		Path one = music.resolve("opener.flac"), two = music.resolve("peak time.flac"), three = music.resolve("closer.flac");
		for (Path file : List.of(one, two, three)) {
			Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", file.toString(), "synth", "3", "sine", "440");
		}
		Path tags = Files.writeString(temp.resolve("tags.txt"), "ARTIST=Röyksopp\nTITLE=Peak Time\nBPM=126\n",
				StandardCharsets.UTF_8);
		Commands.run("metaflac", "--import-tags-from=" + tags, two.toString());
		assertEquals(0, orbit(home, "scan", "--no-check", music.toString()).exitCode());

		Path m3u = temp.resolve("friday.m3u8");
		Files.writeString(m3u, "#EXTM3U\n" + one + "\n" + two + "\n" + music.resolve("lost.flac") + "\n", StandardCharsets.UTF_8);
		ProductProcess.Run imported = orbit(home, "playlist", "import", m3u.toString());
		assertEquals(0, imported.exitCode(), imported.all());

		ProductProcess.Run rated = orbit(home, "playlist", "rate", "FRIDAY", "2", "--rating", "5", "--liked");
		assertEquals(0, rated.exitCode(), rated.all());
		assertTrue(rated.out().contains("friday #2 Röyksopp - Peak Time: rating 5/5, liked"), rated.all());
		ProductProcess.Run badPosition = orbit(home, "playlist", "rate", "friday", "7", "--rating", "3");
		assertEquals(2, badPosition.exitCode(), badPosition.all());
		assertTrue(badPosition.err().contains("has no track at position 7"), badPosition.all());

		// the DJ moves the peak to the end and adds the closer
		Files.writeString(m3u, "#EXTM3U\n" + one + "\n" + three + "\n" + two + "\n", StandardCharsets.UTF_8);
		assertEquals(0, orbit(home, "playlist", "import", m3u.toString()).exitCode());
		ProductProcess.Run playlists = orbit(home, "playlists");
		assertTrue(playlists.out().contains("1 playlist(s)"), "imported again, the same playlist: " + playlists.all());

		ProductProcess.Run show = orbit(home, "playlist", "show", "friday");
		assertEquals(0, show.exitCode(), show.all());
		List<String> rows = show.out().lines().filter(line -> line.matches("^\\s+\\d+  .*")).toList();
		assertEquals(3, rows.size(), show.out());
		assertTrue(rows.get(0).matches("\\s+1  found\\s+opener .*"), rows.get(0));
		assertTrue(rows.get(2).matches("\\s+3  found\\s+Röyksopp - Peak Time\\s+126\\.0 .*\\*{5}\\s+\u2665\\s+0 plays.*"), rows.get(2));
		assertTrue(show.out().contains("3 track(s): 3 found in the library, 0 not in it"), show.out());

		Path exports = Files.createDirectories(temp.resolve("exports"));
		ProductProcess.Run m3u8 = orbit(home, "playlist", "export", "friday", "--format", "m3u8", "--out",
				exports.resolve("friday.m3u8").toString());
		assertEquals(0, m3u8.exitCode(), m3u8.all());
		List<String> paths = Files.readAllLines(exports.resolve("friday.m3u8")).stream().filter(l -> !l.startsWith("#")).toList();
		assertEquals(List.of(one.toString(), three.toString(), two.toString()), paths);
		for (String path : paths) {
			assertTrue(Files.isRegularFile(Path.of(path)), path);
		}

		ProductProcess.Run xml = orbit(home, "playlist", "export", "1", "--format", "REKORDBOX", "--out", exports.toString());
		assertEquals(0, xml.exitCode(), xml.all());
		Path written = exports.resolve("friday.xml");
		assertTrue(xml.out().contains("Exported friday (3 of 3 track(s)") && xml.out().contains(written.toString()), xml.all());
		Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(written.toFile());
		NodeList tracks = ((Element) document.getElementsByTagName("COLLECTION").item(0)).getElementsByTagName("TRACK");
		assertEquals(3, tracks.getLength());
		Element peak = null;
		for (int i = 0; i < tracks.getLength(); i++) {
			Element track = (Element) tracks.item(i);
			String location = track.getAttribute("Location");
			Path file = Path.of(java.net.URI.create("file://" + location.substring("file://localhost".length())));
			assertTrue(Files.isRegularFile(file), location);
			if (file.equals(two)) {
				peak = track;
			}
		}
		assertEquals("126.00", peak.getAttribute("AverageBpm"));
		assertEquals("255", peak.getAttribute("Rating"));
		assertEquals("Röyksopp", peak.getAttribute("Artist"));

		ProductProcess.Run unknown = orbit(home, "playlist", "export", "saturday", "--format", "m3u8", "--out", "x.m3u8");
		assertEquals(2, unknown.exitCode(), unknown.all());
		assertTrue(unknown.err().contains("There is no playlist saturday"), unknown.all());
	}

	private ProductProcess.Run orbit(Path home, String... args) throws Exception {
		return ProductProcess.run(temp, home, Map.of(), args);
	}
}
