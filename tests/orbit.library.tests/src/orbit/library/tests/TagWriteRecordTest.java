package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

import orbit.tests.support.Commands;
import orbit.core.DataDirectory;
import orbit.library.HistoryRecord;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MetadataSource;
import orbit.library.ScanProgress;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.RecoveryReport;
import orbit.recovery.StartupRecovery;
import orbit.safewrite.ReplacementListener;
import orbit.safewrite.SafeWriteException;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TagChanges;
import orbit.safewrite.TagWriter;
import orbit.safewrite.TagWriter.Id3Version;
import orbit.tests.support.OsgiServices;

/**
 * A tag write updates the library entry in the same journaled operation: in the normal case,
 * after a crash between the file and the database, and when recording fails.
 */
class TagWriteRecordTest {

	@TempDir
	Path home;
	@TempDir
	Path music;

	private Path flac;
	private Path mp3;

	@BeforeEach
	void scanTwoTracks() throws Exception {
		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		Path tone = music.resolve("tone.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", tone.toString(), "synth", "5", "sine", "440");
		flac = music.resolve("a.flac");
		Commands.run("flac", "-s", "-f", "-T", "ARTIST=Artist A", "-T", "TITLE=Title A", "-T", "ALBUM=Album", "-T",
				"BPM=120", "-T", "INITIALKEY=8A", "-o", flac.toString(), tone.toString());
		mp3 = music.resolve("b.mp3");
		Commands.run("lame", "--quiet", "-b", "192", "--add-id3v2", "--ta", "Artist B", "--tt", "Title B", "--tl",
				"Album", "--tv", "TBPM=124", "--tv", "TKEY=9A", tone.toString(), mp3.toString());
		Files.delete(tone);
		OsgiServices.with(Library.class, library -> library.scan(music, ScanProgress.NONE));
	}

	@AfterEach
	void clearHome() {
		System.clearProperty(DataDirectory.HOME_PROPERTY);
	}

	/** MP4 keeps a whole BPM in tmpo and the exact one beside it: the library reads the exact one. */
	@Test
	void aFractionalBpmWrittenToAnM4aReadsBackExactly() throws Exception {
		Path m4a = music.resolve("c.m4a");
		Commands.run("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=500:duration=3", "-c:a",
				"aac", "-b:a", "128k", "-metadata", "artist=Artist C", "-metadata", "title=Title C", m4a.toString());
		OsgiServices.with(Library.class, library -> library.scan(music, ScanProgress.NONE));
		OsgiServices.with(TagWriter.class, writer -> writer.write(m4a, TagChanges.none().withBpm("127.5")));
		assertEquals(127.5, entry(m4a).bpm());
	}

	@Test
	void aTagWriteUpdatesTheEntryWithHistoryRows() {
		OsgiServices.with(TagWriter.class,
				writer -> writer.write(flac, TagChanges.none().withBpm("128").withKey("5A"), Id3Version.V23));
		OsgiServices.with(TagWriter.class,
				writer -> writer.write(mp3, TagChanges.none().withTitle("Title B (Extended)"), Id3Version.V24));

		LibraryEntry a = entry(flac);
		assertEquals(128.0, a.bpm());
		assertEquals("5A", a.musicalKey());
		assertEquals(List.of("BPM 120.0 -> 128.0 FileTags", "MusicalKey 8A -> 5A FileTags"), changes(a.id()));
		LibraryEntry b = entry(mp3);
		assertEquals("Title B (Extended)", b.title());
		assertEquals(List.of("Title Title B -> Title B (Extended) FileTags"), changes(b.id()));
		assertTrue(OsgiServices.with(CrashRecoveryJournal.class, CrashRecoveryJournal::active).isEmpty());
	}

	@Test
	void recoveryRecordsAWriteThatACrashKeptFromTheLibrary() throws Exception {
		long id = entry(flac).id();
		// The state a crash leaves right after the swap: the file has its new tags, the journal
		// still holds the verified write, the database has not heard of it.
		Commands.run("metaflac", "--remove-tag=BPM", "--set-tag=BPM=140", flac.toString());
		String intent = "{\"kind\":\"write\",\"target\":\"" + flac + "\",\"temp\":\"" + flac + "."
				+ "00000000-0000-0000-0000-000000000000.tmp\",\"phase\":\"verified\",\"originalExisted\":true,"
				+ "\"modifiedMillis\":" + Files.getLastModifiedTime(flac).toMillis() + ",\"createdMillis\":0,\"size\":"
				+ Files.size(flac) + "}";
		OsgiServices.with(CrashRecoveryJournal.class, j -> j.log(SafeWriteService.TAG_WRITE, flac, intent, 0));
		assertEquals(120.0, entry(flac).bpm());

		RecoveryReport report = OsgiServices.with(StartupRecovery.class, StartupRecovery::recover);

		assertEquals("Recovered 1 tag write", report.summary());
		assertEquals(140.0, entry(flac).bpm());
		assertEquals(List.of("BPM 120.0 -> 140.0 FileTags"), changes(id));
		RecoveryReport again = OsgiServices.with(StartupRecovery.class, StartupRecovery::recover);
		assertEquals(false, again.didWork());
		assertEquals(List.of("BPM 120.0 -> 140.0 FileTags"), changes(id), "recording twice changes nothing");
	}

	@Test
	void aFailedRecordingKeepsTheOperationForRecovery() {
		ServiceRegistration<ReplacementListener> failing = OsgiServices.context().registerService(
				ReplacementListener.class, (type, file) -> {
					throw new IllegalStateException("database is locked");
				}, null);
		SafeWriteException e;
		try {
			e = assertThrows(SafeWriteException.class, () -> OsgiServices.with(TagWriter.class,
					writer -> writer.write(flac, TagChanges.none().withBpm("126"), Id3Version.V23)));
		} finally {
			failing.unregister();
		}
		assertEquals(SafeWriteException.Reason.NOT_RECORDED, e.reason());
		assertTrue(e.getMessage().contains("database is locked"), e.getMessage());
		assertEquals(1, OsgiServices.with(CrashRecoveryJournal.class, CrashRecoveryJournal::active).size());

		RecoveryReport report = OsgiServices.with(StartupRecovery.class, StartupRecovery::recover);

		assertEquals("Recovered 1 tag write", report.summary());
		assertEquals(126.0, entry(flac).bpm());
		assertTrue(OsgiServices.with(CrashRecoveryJournal.class, CrashRecoveryJournal::active).isEmpty());
	}

	private static LibraryEntry entry(Path file) {
		return OsgiServices.with(Library.class, library -> library.entryAt(file).orElseThrow());
	}

	private static List<String> changes(long id) {
		return OsgiServices.with(Library.class, library -> library.history(id)).stream()
				.filter(h -> h.source() == MetadataSource.FILE_TAGS).map(TagWriteRecordTest::line).toList();
	}

	private static String line(HistoryRecord h) {
		return h.field() + " " + h.oldValue() + " -> " + h.newValue() + " " + h.source().stored();
	}
}
