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
	void longNamesAreCutToTwoHundredBytesKeepingTheExtension() {
		String name = clean("\u00e9".repeat(300) + ".flac");
		assertTrue(name.endsWith(".flac"));
		assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 200, name);
	}

	@Test
	void aResolvedNameNeverLeavesTheFolder() {
		Path dir = Path.of("/music/inbox");
		assertEquals(dir.resolve("a.flac"), FileNames.inside(dir, "a.flac"));
		assertThrows(IllegalArgumentException.class, () -> FileNames.inside(dir, "../a.flac"));
		assertThrows(IllegalArgumentException.class, () -> FileNames.inside(dir, "sub/a.flac"));
	}
}
