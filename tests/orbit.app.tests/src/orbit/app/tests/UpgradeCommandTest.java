package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;

import orbit.tests.support.ProductProcess;

/**
 * {@code orbit upgrade} as a DJ runs it through the product's launcher: a Gold MP3, a genuine FLAC
 * of it and a FLAC made from a 128 kbps MP3 in a downloads folder; find, run, list, the library's
 * tracks, and undo.
 */
class UpgradeCommandTest {

	@TempDir
	Path temp;

	@Test
	void findRunListAndUndoThroughTheLauncher() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path music = Files.createDirectories(temp.resolve("music"));
		Path downloads = Files.createDirectories(temp.resolve("downloads"));
		Path source = temp.resolve("source.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", source.toString(), "synth", "12", "pluck", "220",
				"sine", "300-6000", "pinknoise", "tremolo", "3", "60", "gain", "-6");
		Path mp3 = music.resolve("Artist - Song.mp3");
		Commands.run("lame", "--quiet", "-b", "192", "--ta", "Artist", "--tt", "Song", "--tl", "Album", source.toString(),
				mp3.toString());
		byte[] original = Files.readAllBytes(mp3);
		Path genuine = downloads.resolve("Song.flac");
		Commands.run("flac", "-s", "-f", "-T", "ARTIST=Artist", "-T", "TITLE=Song", "-o", genuine.toString(),
				source.toString());
		Path lossy = temp.resolve("lossy.mp3");
		Commands.run("lame", "--quiet", "-b", "128", source.toString(), lossy.toString());
		Files.createDirectories(downloads.resolve("fake"));
		Commands.run("ffmpeg", "-v", "error", "-y", "-i", lossy.toString(), "-c:a", "flac", "-metadata", "ARTIST=Artist",
				"-metadata", "TITLE=Song", downloads.resolve("fake/Song.flac").toString());

		assertEquals(0, orbit(home, "scan", music.toString()).exitCode());
		assertEquals(0, orbit(home, "set", "1", "--gold").exitCode());

		ProductProcess.Run find = orbit(home, "upgrade", "find", downloads.toString());
		assertEquals(0, find.exitCode(), find.all());
		assertTrue(find.out().contains("2 file(s): 1 ready, 1 rejected"), find.out());
		Matcher ready = Pattern.compile("(?m)^ *(\\d+) +ready +" + Pattern.quote(genuine.toString())
				+ " -> #1: ready: FLAC 16/44.1 replaces MP3 192 kbps, offset [+-]\\d").matcher(find.out());
		assertTrue(ready.find(), find.out());
		String id = ready.group(1);
		assertTrue(find.out().contains("rejected: transcoded from lossy, about"), find.out());

		ProductProcess.Run run = orbit(home, "upgrade", "run");
		assertEquals(0, run.exitCode(), run.all());
		Path upgraded = music.resolve("Artist - Song.flac");
		assertTrue(run.out().contains("replaced") && run.out().contains(upgraded.toString()), run.out());
		assertTrue(Files.exists(upgraded));
		assertFalse(Files.exists(mp3));
		assertFalse(Files.exists(genuine), "the better copy moved into the library");

		ProductProcess.Run inspect = orbit(home, "inspect", "1");
		assertTrue(inspect.out().contains("file      " + upgraded + " (flac, "), inspect.out());
		assertTrue(inspect.out().matches("(?s).*FilePath +" + Pattern.quote(mp3.toString()) + " -> "
				+ Pattern.quote(upgraded.toString()) + ".*"), "the history names the upgrade: " + inspect.out());
		ProductProcess.Run list = orbit(home, "upgrade", "list");
		assertTrue(list.out().matches("(?s).*\\b" + id + " +done .*\\[Auto, .*original at .*\\.orbit-originals.*"),
				list.out());
		assertTrue(Files.readString(home.resolve("relocations.csv")).contains(mp3 + "," + upgraded + ","));

		ProductProcess.Run undo = orbit(home, "upgrade", "undo", id);
		assertEquals(0, undo.exitCode(), undo.all());
		assertTrue(undo.out().contains("restored " + mp3), undo.out());
		assertArrayEquals(original, Files.readAllBytes(mp3), "the original is back, bit-identical");
		assertTrue(Files.exists(genuine), "the better copy is back in the downloads");
		assertFalse(Files.exists(upgraded));

		ProductProcess.Run bad = orbit(home, "upgrade", "undo", "999");
		assertTrue(bad.exitCode() != 0, bad.all());
		assertFalse(bad.all().contains("Exception"), "a sentence, not a stack trace: " + bad.all());
	}

	private ProductProcess.Run orbit(Path home, String... args) throws Exception {
		return ProductProcess.run(temp, home, Map.of(), args);
	}
}
