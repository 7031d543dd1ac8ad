package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.AudioQuality;
import orbit.library.EntryOrder;
import orbit.library.EntryQuery;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.QualityReport;
import orbit.library.ScanProgress;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;

/**
 * The quality of a whole library, measured from the decoded audio: a fake FLAC (decoded from a
 * 128 kbps MP3) is found without any candidate folder, a genuine one is not, an MP3 gets a
 * fingerprint and no verdict; what is measured stays until the file changes.
 */
class AudioQualityTest {

	@TempDir
	Path home;

	@Test
	void fakeLosslessFilesAreFoundAndTheMeasurementLastsUntilTheFileChanges() throws Exception {
		Path music = Files.createDirectories(home.resolve("music"));
		Path wav = home.resolve("source.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", "6", "whitenoise",
				"sine", "100-6000", "gain", "-6");
		Path genuine = music.resolve("genuine.flac");
		Commands.run("flac", "-s", "-f", "-T", "ARTIST=A", "-T", "TITLE=Genuine", "-o", genuine.toString(), wav.toString());
		Path mp3 = music.resolve("lossy.mp3");
		Commands.run("lame", "--quiet", "-b", "128", "--ta", "A", "--tt", "Lossy", wav.toString(), mp3.toString());
		Path fake = music.resolve("fake.flac");
		Commands.run("ffmpeg", "-v", "error", "-y", "-i", mp3.toString(), "-c:a", "flac", "-metadata", "ARTIST=A",
				"-metadata", "TITLE=Fake", fake.toString());

		OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			QualityReport report = library.measureQuality(music, ScanProgress.NONE);
			assertEquals(3, report.measured(), report.toString());
			assertEquals(List.of(fake.toString()), report.transcoded().stream().map(LibraryEntry::filePath).toList());
			LibraryEntry real = library.entryAt(genuine).orElseThrow();
			LibraryEntry transcoded = library.entryAt(fake).orElseThrow();
			LibraryEntry lossy = library.entryAt(mp3).orElseThrow();
			assertEquals(AudioQuality.Kind.LOSSLESS, real.quality().kind());
			assertEquals(AudioQuality.Kind.TRANSCODED, transcoded.quality().kind());
			assertNull(lossy.quality().confidence(), "a lossy format claims no more than it is");
			assertEquals("lossy", lossy.quality().label());
			assertNotNull(lossy.quality().spectralHash());
			assertTrue(real.quality().spectralHash().length() > 100, "about 54 characters a second");

			assertEquals(List.of(transcoded.id()), library
					.findEntries(null, null, null, AudioQuality.Kind.TRANSCODED, 0, 10).stream().map(LibraryEntry::id).toList());
			assertArrayEquals(new long[] { real.id() }, library.entryIds(
					new EntryQuery(null, null, null, EntryOrder.ID, false, AudioQuality.Kind.LOSSLESS)));
			assertTrue(library.history(transcoded.id()).stream().anyMatch(h -> h.field().equals("QualityConfidence")));

			library.scan(music, ScanProgress.NONE);
			assertEquals(0, library.measureQuality(music, ScanProgress.NONE).measured(), "nothing changed");
			try {
				// The fake is made again from the source itself: other audio, so the verdict is forgotten.
				Commands.run("flac", "-s", "-f", "-T", "ARTIST=A", "-T", "TITLE=Fake", "-o", fake.toString(), wav.toString());
				Files.setLastModifiedTime(fake, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
			} catch (Exception e) {
				throw new AssertionError(e);
			}
			library.scan(music, ScanProgress.NONE);
			assertNull(library.entryAt(fake).orElseThrow().quality(), "measured again once it changed");
			assertEquals(1, library.measureQuality(music, ScanProgress.NONE).measured());
			assertEquals(AudioQuality.Kind.LOSSLESS, library.entryAt(fake).orElseThrow().quality().kind());
			return null;
		});
	}
}
