package orbit.download.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import orbit.download.internal.FileNames;

class FileNamesTest {

	static String clean(String name) {
		return FileNames.sanitize(name, "download");
	}

	@Test
	void pathsAreCutToTheirLastElement() {
		assertEquals("passwd", clean("../../etc/passwd"));
		assertEquals("x.flac", clean("/absolute/x.flac"));
		assertEquals("boot.ini", clean("C:\\windows\\..\\boot.ini"));
		assertEquals("download", clean(".."));
		assertEquals("download", clean("/"));
		assertEquals("download", clean(null));
	}

	@Test
	void reservedAndControlCharactersAreReplaced() {
		assertEquals("a_b_c_d_.mp3", clean("a<b>c|d?.mp3"));
		assertEquals("evil__.flac", clean("evil\n\u001b.flac"));
		assertEquals("rtl_gnp.exe", clean("rtl\u202egnp.exe"));
	}

	@Test
	void windowsDeviceNamesAndTrailingDotsAreDefused() {
		assertEquals("_CON.mp3", clean("CON.mp3"));
		assertEquals("_lpt1", clean("lpt1"));
		assertEquals("track.flac", clean("track.flac. . "));
		assertEquals("hidden", clean("...hidden"));
	}

	@Test
	void longNamesAreCutToTheFileSystemsLimitKeepingTheExtension() {
		String name = clean("\u00e9".repeat(300) + ".flac");
		assertTrue(name.endsWith(".flac"), name);
		int bytes = name.getBytes(StandardCharsets.UTF_8).length;
		assertTrue(bytes <= 250 && bytes > 240, "255 bytes with .part: " + bytes);
		assertEquals("\u00e9".repeat(122) + ".flac", name, "no character is split");
	}

	@Test
	void aThreeHundredAndFourByteNameKeepsItsMp3() {
		// Dots and spaces inside, four-byte characters at the cut.
		String remote = "DJ Set 2026.05.01 - Live at the Club, Vol. 3 (feat. A. N. Other) [Edit] " + "\ud83c\udfb5".repeat(57) + ".mp3";
		assertEquals(304, remote.getBytes(StandardCharsets.UTF_8).length);
		String name = clean(remote);
		assertTrue(name.endsWith("\ud83c\udfb5.mp3"), name);
		assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 250, name);
		assertTrue((name + ".part").getBytes(StandardCharsets.UTF_8).length <= 255);
		assertEquals(name, clean(name), "a cut name is already clean");
	}

	@Test
	void aNulIsReplacedLikeAnyControlCharacter() {
		assertEquals("a_b.mp3", clean("a\u0000b.mp3"));
		assertEquals("nul_.flac", clean("nul\u0000.flac"));
	}

	@Test
	void aResolvedNameNeverLeavesTheFolder() {
		Path dir = Path.of("/music/inbox");
		assertEquals(dir.resolve("a.flac"), FileNames.inside(dir, "a.flac"));
		assertThrows(IllegalArgumentException.class, () -> FileNames.inside(dir, "../a.flac"));
		assertThrows(IllegalArgumentException.class, () -> FileNames.inside(dir, "sub/a.flac"));
	}
}
