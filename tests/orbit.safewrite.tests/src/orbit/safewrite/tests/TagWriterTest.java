package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.core.ActionableException;
import orbit.safewrite.AudioIntegrity;
import orbit.safewrite.AudioReport;
import orbit.safewrite.TagChanges;
import orbit.safewrite.TagWriter;
import orbit.safewrite.TagWriter.Id3Version;
import orbit.safewrite.internal.AudioRegions;
import orbit.tests.support.OsgiServices;

/** Tag writes on real files made by flac, lame, sox and ffmpeg, checked with those tools. */
class TagWriterTest {

	@TempDir
	Path dir;

	static TagWriter writer() {
		return OsgiServices.with(TagWriter.class, w -> w);
	}

	static AudioIntegrity integrity() {
		return OsgiServices.with(AudioIntegrity.class, a -> a);
	}

	static final TagChanges CHANGES = TagChanges.none().withTitle("Strobe").withArtist("deadmau5")
			.withAlbum("For Lack of a Better Name").withBpm("128").withKey("8A").withComment("checked by ear")
			.withIsrc("CAN110900123");

	@Test
	void flacTagsAreWrittenAndTheDecodedAudioIsUntouched() throws Exception {
		Path flac = AudioFixtures.flac(dir, "strobe", 4, "TITLE=Old", "BPM=127");
		String md5Before = Commands.run("metaflac", "--show-md5sum", flac.toString()).strip();
		FileTime added = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
		Files.setLastModifiedTime(flac, added);

		writer().write(flac, CHANGES, Id3Version.V24);

		String tags = Commands.run("metaflac", "--export-tags-to=-", flac.toString());
		assertTrue(tags.contains("TITLE=Strobe"), tags);
		assertTrue(tags.contains("ARTIST=deadmau5"), tags);
		assertTrue(tags.contains("BPM=128"), tags);
		assertTrue(tags.contains("KEY=8A") || tags.contains("INITIALKEY=8A"), tags);
		assertTrue(tags.contains("ISRC=CAN110900123"), tags);
		assertFalse(tags.contains("TITLE=Old"), tags);
		Commands.run("flac", "-t", "--silent", flac.toString());
		assertEquals(md5Before, Commands.run("metaflac", "--show-md5sum", flac.toString()).strip());
		AudioReport report = integrity().verify(flac);
		assertTrue(report.intact(), report.detail());
		assertTrue(report.detail().contains(md5Before), "our decode agrees with flac's: " + report.detail());
		assertEquals(added, Files.getLastModifiedTime(flac));
		assertEquals(List.of(), AtomicWriteTest.leftovers(dir));
	}

	@Test
	void mp3TagsAreWrittenInTheRequestedId3VersionWithTheFramesByteIdentical() throws Exception {
		for (Id3Version version : Id3Version.values()) {
			Path mp3 = AudioFixtures.mp3(dir, "glue-" + version, 3);
			Path pristine = Files.copy(mp3, dir.resolve("pristine-" + version + ".mp3.orig"));
			writer().write(mp3, CHANGES, version);
			byte[] header = Files.readAllBytes(mp3);
			assertEquals('I', header[0]);
			assertEquals(version == Id3Version.V24 ? 4 : 3, header[3], "ID3v2." + header[3]);
			String probe = Commands.run("ffprobe", "-v", "error", "-show_entries", "format_tags", mp3.toString());
			assertTrue(probe.contains("TAG:title=Strobe"), probe);
			assertTrue(probe.contains("TAG:TBPM=128"), probe);
			assertEquals(-1, AudioRegions.firstDifference(pristine,
					AudioRegions.audio(pristine, "mp3"), mp3, AudioRegions.audio(mp3, "mp3")), "MPEG frames byte-identical");
			AudioFixtures.decodes(mp3);
			AudioReport report = integrity().verify(mp3);
			assertTrue(report.intact(), report.detail());
		}
	}

	@Test
	void m4aOggAiffAndWavTagsAreWrittenWithTheAudioUntouched() throws Exception {
		List<Path> files = List.of(AudioFixtures.ffmpeg(dir, "a", "m4a", "-c:a", "aac", "-b:a", "128k"),
				AudioFixtures.ffmpeg(dir, "b", "ogg", "-c:a", "libvorbis"),
				AudioFixtures.ffmpeg(dir, "c", "aiff"), AudioFixtures.ffmpeg(dir, "d", "wav"));
		for (Path file : files) {
			String format = AudioRegions.format(file);
			Path pristine = Files.copy(file, dir.resolve(file.getFileName() + ".orig"));
			writer().write(file, TagChanges.none().withTitle("Baby").withArtist("Four Tet").withBpm("124"), Id3Version.V24);
			assertEquals(-1, AudioRegions.firstDifference(pristine, AudioRegions.audio(pristine, format), file,
					AudioRegions.audio(file, format)), format + " audio byte-identical");
			AudioFixtures.decodes(file);
			// Ogg keeps its comments on the stream, the other containers on the format.
			String probe = Commands.run("ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags",
					file.toString());
			assertTrue(probe.toLowerCase().contains("=baby"), format + ": " + probe);
		}
	}

	@Test
	void aDamagedFlacFailsVerification() throws Exception {
		Path flac = AudioFixtures.flac(dir, "damaged", 3);
		long size = Files.size(flac);
		try (var channel = java.nio.channels.FileChannel.open(flac, StandardOpenOption.WRITE)) {
			channel.write(java.nio.ByteBuffer.wrap(new byte[] { 0x55, 0x11, 0x22 }), size / 2);
		}
		AudioReport report = integrity().verify(flac);
		assertFalse(report.intact(), report.detail());
	}

	@Test
	void anUnsupportedFormatIsAClearError() throws Exception {
		Path text = Files.writeString(dir.resolve("notes.txt"), "not audio");
		ActionableException e = assertThrows(ActionableException.class,
				() -> writer().write(text, CHANGES, Id3Version.V24));
		assertTrue(e.getMessage().contains("cannot write tags to .txt"), e.getMessage());
	}
}
