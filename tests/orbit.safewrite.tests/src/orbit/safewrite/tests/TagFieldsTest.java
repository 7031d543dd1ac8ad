package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.ActionableException;
import orbit.safewrite.AudioReport;
import orbit.safewrite.TagChanges;
import orbit.safewrite.WriteOutcome;
import orbit.safewrite.internal.AudioRegions;
import orbit.safewrite.internal.tags.Bpm;
import orbit.tests.support.Commands;

/**
 * A tag write changes exactly the fields it is asked to change, in every format. The files come
 * from the real encoders and are tagged by other tools (id3v2, mutagen, metaflac, ffmpeg) with
 * several fields, the key among them as "F# major"; rawtags.py reads them before and after, apart
 * from ORBIT's own parsers. Writing the BPM alone (whole, then fractional) leaves every other field
 * byte-identical and the key's text as it was; writing the key alone leaves the BPM; the decoded
 * audio is the same throughout.
 */
class TagFieldsTest {

	static final String KEY = "F# major";

	@TempDir
	Path dir;

	/**
	 * What a format calls BPM and key: the stored fields a BPM or key write may change, and
	 * mutagen's keys for their values.
	 */
	record Names(Set<String> bpmFields, Set<String> keyFields, String bpmValue, String keyValue) {
	}

	static final Names ID3 = new Names(Set.of("TBPM"), Set.of("TKEY"), "TBPM", "TKEY");
	static final Names VORBIS = new Names(Set.of("BPM", "TEMPO"), Set.of("INITIALKEY", "KEY"), "bpm", "initialkey");
	static final Names MP4 = new Names(Set.of("tmpo", "----:com.apple.iTunes:BPM"),
			Set.of("----:com.apple.iTunes:initialkey", "----:com.apple.iTunes:KEY"), "tmpo",
			"----:com.apple.iTunes:initialkey");

	/** The snapshots around the three writes. */
	record Run(RawTags before, RawTags wholeBpm, RawTags fractionalBpm, RawTags key, WriteOutcome fractional) {
	}

	/**
	 * Writes BPM 128, then BPM 127.5, then key 11A to {@code file}, each alone, and checks after each
	 * that nothing else changed; then that the audio is bit-identical.
	 */
	Run onlyAskedFieldsChange(Path file, Names names) throws Exception {
		RawTags before = RawTags.of(file);
		assertTrue(before.fields().size() >= 6, "the fixture carries several fields: " + before);
		assertEquals(KEY, before.value(names.keyValue()), before.toString());
		String audio = decodedMd5(file);
		Path pristine = Files.copy(file, dir.resolve("pristine-" + file.getFileName()));

		WriteOutcome whole = TagWriterTest.writer().write(file, TagChanges.none().withBpm("128"));
		RawTags wholeBpm = RawTags.of(file);
		assertEquals(before.without(names.bpmFields()), wholeBpm.without(names.bpmFields()), "only the BPM changed");
		assertEquals(before.names(), wholeBpm.names(), "no field added or dropped");
		assertEquals("128", wholeBpm.value(names.bpmValue()));
		assertEquals(KEY, wholeBpm.value(names.keyValue()), "the key keeps its text");
		assertEquals(List.of(), whole.notes());

		WriteOutcome fractional = TagWriterTest.writer().write(file, TagChanges.none().withBpm("127.5"));
		RawTags fractionalBpm = RawTags.of(file);
		assertEquals(before.without(names.bpmFields()), fractionalBpm.without(names.bpmFields()), "only the BPM changed");
		assertEquals(KEY, fractionalBpm.value(names.keyValue()), "the key keeps its text");

		TagWriterTest.writer().write(file, TagChanges.none().withKey("11A"));
		RawTags key = RawTags.of(file);
		assertEquals(fractionalBpm.without(names.keyFields()), key.without(names.keyFields()), "only the key changed");
		assertEquals(fractionalBpm.names(), key.names(), "no key field added (no KEY beside INITIALKEY)");
		assertEquals("11A", key.value(names.keyValue()));
		assertEquals(fractionalBpm.value(names.bpmValue()), key.value(names.bpmValue()), "the BPM is left alone");

		assertEquals(audio, decodedMd5(file), "the decoded audio");
		String format = AudioRegions.format(file);
		assertEquals(-1, AudioRegions.firstDifference(pristine, AudioRegions.audio(pristine, format), file,
				AudioRegions.audio(file, format)), "the encoded audio byte-identical");
		TagWriterTest.integrity().requireSameAudio(pristine, file);
		AudioReport report = TagWriterTest.integrity().verify(file);
		assertTrue(report.intact(), report.detail());
		AudioFixtures.decodes(file);
		assertEquals(List.of(), AtomicWriteTest.leftovers(dir));
		return new Run(before, wholeBpm, fractionalBpm, key, fractional);
	}

	static String decodedMd5(Path file) throws Exception {
		String output = Commands.run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:a", "-f", "md5", "-");
		return output.lines().filter(l -> l.startsWith("MD5=")).findFirst().orElseThrow(() -> new AssertionError(output));
	}

	static String python(String code, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(RawTags.PYTHON, "-c", code));
		command.addAll(List.of(args));
		return Commands.run(command.toArray(String[]::new));
	}

	Path mp3(String name) throws Exception {
		Path wav = AudioFixtures.wav(dir, name, 3);
		Path mp3 = dir.resolve(name + ".mp3");
		Commands.run("lame", "--quiet", "-b", "192", wav.toString(), mp3.toString());
		Files.delete(wav);
		return mp3;
	}

	/** A small real PNG for cover art. */
	String cover() throws Exception {
		Path cover = dir.resolve("cover.png");
		if (!Files.exists(cover)) {
			Commands.run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=red:s=8x8", "-frames:v", "1", cover.toString());
		}
		return cover.toString();
	}

	Path ffmpeg(String name, String extension, String... options) throws Exception {
		Path out = dir.resolve(name + "." + extension);
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
				"sine=frequency=440:duration=3", "-ac", "2"));
		command.addAll(List.of(options));
		command.add(out.toString());
		Commands.run(command.toArray(String[]::new));
		return out;
	}

	@Test
	void mp3WithAnId3v23TagFromId3v2() throws Exception {
		Path mp3 = mp3("id3v2");
		Commands.run("id3v2", "--TIT2", "Strobe", "--TPE1", "deadmau5", "--TALB", "For Lack of a Better Name", "--TKEY", KEY,
				"--TSRC", "CAN110900123", "--comment", "checked by ear", "--TBPM", "120", "--TCON", "Progressive House",
				mp3.toString());
		assertEquals(3, Files.readAllBytes(mp3)[3], "id3v2 writes ID3v2.3");
		Run run = onlyAskedFieldsChange(mp3, ID3);
		assertEquals("127.5", run.fractionalBpm().value("TBPM"), "a decimal TBPM, as DJ programs read it");
		assertEquals(3, Files.readAllBytes(mp3)[3], "the tag keeps its version");
		assertEquals("checked by ear", Commands.run("id3v2", "-l", mp3.toString()).lines()
				.filter(l -> l.startsWith("COMM")).findFirst().orElseThrow().replaceAll(".*\\]: ", ""));
	}

	/** mutagen writes ID3v2.4 with UTF-8 and UTF-16 text, terminated strings, and frames DJ programs keep. */
	static final String MUTAGEN_ID3 = """
			import sys
			from mutagen.id3 import ID3, TIT2, TPE1, TALB, TKEY, TSRC, COMM, TBPM, TXXX, APIC, GEOB, Encoding
			t = ID3()
			t.add(TIT2(encoding=Encoding.UTF8, text='R\u00f6yksopp Forever'))
			t.add(TPE1(encoding=Encoding.UTF8, text='R\u00f6yksopp'))
			t.add(TALB(encoding=Encoding.UTF16, text='Profound Mysteries'))
			t.add(COMM(encoding=Encoding.UTF8, lang='eng', desc='iTunNORM', text=' 00000A 00000B'))
			t.add(TKEY(encoding=Encoding.LATIN1, text='F# major'))
			t.add(TBPM(encoding=Encoding.LATIN1, text='120'))
			t.add(COMM(encoding=Encoding.UTF8, lang='eng', desc='', text='checked by ear \u2713'))
			t.add(TSRC(encoding=Encoding.LATIN1, text='CAN110900123'))
			t.add(TXXX(encoding=Encoding.UTF8, desc='SERATO_PLAYCOUNT', text='7'))
			t.add(GEOB(encoding=Encoding.LATIN1, mime='application/octet-stream', filename='', desc='Serato Markers2', data=bytes(range(256)) * 4))
			t.add(APIC(encoding=Encoding.LATIN1, mime='image/png', type=3, desc='', data=open(sys.argv[3], 'rb').read()))
			if sys.argv[1].endswith('.mp3'):
			    t.save(sys.argv[1], v2_version=int(sys.argv[2]))
			else:
			    import mutagen
			    f = mutagen.File(sys.argv[1])
			    f.add_tags()
			    for frame in t.values():
			        f.tags.add(frame)
			    f.save(v2_version=int(sys.argv[2]))
			""";

	@Test
	void mp3WithAnId3v24TagFromMutagen() throws Exception {
		Path mp3 = mp3("mutagen");
		python(MUTAGEN_ID3, mp3.toString(), "4", cover());
		assertEquals(4, Files.readAllBytes(mp3)[3]);
		Run run = onlyAskedFieldsChange(mp3, ID3);
		assertEquals("127.5", run.fractionalBpm().value("TBPM"));
		assertEquals("checked by ear \u2713", run.key().value("COMM::eng"));
		assertEquals(" 00000A 00000B", run.key().value("COMM:iTunNORM:eng"));
		assertEquals(4, Files.readAllBytes(mp3)[3], "the tag keeps its version: converting it would rewrite every frame");
	}

	@Test
	void flacTaggedByMetaflac() throws Exception {
		Path flac = AudioFixtures.flac(dir, "metaflac", 3);
		String cover = cover();
		// Names as people type them: lower case survives, and ARTIST twice.
		Commands.run("metaflac", "--set-tag=TITLE=Strobe", "--set-tag=artist=deadmau5",
				"--set-tag=ALBUM=For Lack of a Better Name", "--set-tag=initialkey=" + KEY, "--set-tag=bpm=120",
				"--set-tag=COMMENT=checked by ear", "--set-tag=ISRC=CAN110900123", "--set-tag=ARTIST=Second Artist",
				"--import-picture-from=3|image/png|cover||" + cover, flac.toString());
		String md5 = Commands.run("metaflac", "--show-md5sum", flac.toString()).strip();
		Run run = onlyAskedFieldsChange(flac, VORBIS);
		assertEquals("127.5", run.fractionalBpm().value("bpm"));
		assertEquals("deadmau5|Second Artist", run.key().value("artist"));
		String tags = Commands.run("metaflac", "--export-tags-to=-", flac.toString());
		assertTrue(tags.contains("bpm=127.5"), "the name keeps its spelling: " + tags);
		assertTrue(tags.contains("initialkey=11A"), tags);
		assertFalse(tags.toUpperCase().contains("\nKEY="), "no KEY added beside initialkey: " + tags);
		assertEquals(md5, Commands.run("metaflac", "--show-md5sum", flac.toString()).strip());
		Commands.run("flac", "-t", "--silent", flac.toString());
	}

	@Test
	void flacWithoutACommentBlockGetsOneWithTheBpmAlone() throws Exception {
		Path flac = AudioFixtures.flac(dir, "bare", 3);
		Commands.run("metaflac", "--remove", "--block-type=VORBIS_COMMENT", flac.toString());
		RawTags before = RawTags.of(flac);
		assertTrue(before.fields().stream().noneMatch(f -> f.location().equals("vorbis")), before.toString());
		TagWriterTest.writer().write(flac, TagChanges.none().withBpm("124"));
		assertEquals("BPM=124", Commands.run("metaflac", "--export-tags-to=-", flac.toString()).strip());
		assertEquals(before.fields(), RawTags.of(flac).fields().stream().filter(f -> !f.location().equals("vorbis")).toList(),
				"the other blocks (SEEKTABLE) as they were");
		Commands.run("flac", "-t", "--silent", flac.toString());
	}

	static final String MUTAGEN_MP4 = """
			import sys
			from mutagen.mp4 import MP4, MP4FreeForm, MP4Cover
			f = MP4(sys.argv[1])
			f[chr(169) + 'nam'] = ['Strobe']
			f[chr(169) + 'ART'] = ['deadmau5']
			f[chr(169) + 'alb'] = ['For Lack of a Better Name']
			f[chr(169) + 'cmt'] = ['checked by ear']
			f['tmpo'] = [120]
			f['----:com.apple.iTunes:initialkey'] = [MP4FreeForm(b'F# major')]
			f['----:com.apple.iTunes:ISRC'] = [MP4FreeForm(b'CAN110900123')]
			f['----:com.apple.iTunes:iTunNORM'] = [MP4FreeForm(b' 00000A 00000B')]
			f['covr'] = [MP4Cover(open(sys.argv[2], 'rb').read(), imageformat=MP4Cover.FORMAT_PNG)]
			f.save()
			""";

	@Test
	void m4aTaggedByMutagen() throws Exception {
		Path m4a = ffmpeg("mutagen", "m4a", "-c:a", "aac", "-b:a", "128k");
		python(MUTAGEN_MP4, m4a.toString(), cover());
		Run run = onlyAskedFieldsChange(m4a, MP4);
		assertEquals("128", run.fractionalBpm().value("tmpo"), "tmpo is a whole number");
		assertEquals("127.5", run.fractionalBpm().value("----:com.apple.iTunes:BPM"), "the exact BPM beside it");
		assertEquals(List.of("M4A keeps BPM as a whole number: 127.5 was written as 128 (tmpo) and exactly as 127.5 "
				+ "(----:com.apple.iTunes:BPM)"), run.fractional().notes());
		assertEquals("checked by ear", run.key().value("\u00a9cmt"));
	}

	@Test
	void m4aWithItsMoovBeforeTheAudioMovesItsChunkOffsetsWhenTheTagsGrow() throws Exception {
		Path m4a = ffmpeg("faststart", "m4a", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart");
		python(MUTAGEN_MP4, m4a.toString(), cover());
		String audio = decodedMd5(m4a);
		Path pristine = Files.copy(m4a, dir.resolve("pristine.m4a"));
		RawTags before = RawTags.of(m4a);
		// Far more than mutagen's padding: the moov grows and the mdat after it moves.
		String comment = "long comment ".repeat(500);
		TagWriterTest.writer().write(m4a, TagChanges.none().withComment(comment));
		assertTrue(Files.size(m4a) > Files.size(pristine) + 5000);
		assertEquals(audio, decodedMd5(m4a), "the chunk offsets moved with the audio");
		TagWriterTest.integrity().requireSameAudio(pristine, m4a);
		RawTags grown = RawTags.of(m4a);
		assertEquals(before.without(Set.of("\u00a9cmt")), grown.without(Set.of("\u00a9cmt")));
		assertEquals(comment.strip(), grown.value("\u00a9cmt"));
		TagWriterTest.writer().write(m4a, TagChanges.none().withComment("checked by ear"));
		assertEquals(audio, decodedMd5(m4a));
		assertEquals(before.fields(), RawTags.of(m4a).fields(), "every item as it was");
	}

	static final String MUTAGEN_VORBIS = """
			import sys, mutagen
			f = mutagen.File(sys.argv[1])
			f['TITLE'] = 'Strobe'
			f['artist'] = 'deadmau5'
			f['ALBUM'] = 'For Lack of a Better Name'
			f['INITIALKEY'] = 'F# major'
			f['COMMENT'] = 'checked by ear'
			f['ISRC'] = 'CAN110900123'
			f['BPM'] = '120'
			f['REPLAYGAIN_TRACK_GAIN'] = '-6.5 dB'
			f.save()
			""";

	@Test
	void oggVorbisTaggedByMutagen() throws Exception {
		Path ogg = ffmpeg("vorbis", "ogg", "-c:a", "libvorbis");
		python(MUTAGEN_VORBIS, ogg.toString());
		Run run = onlyAskedFieldsChange(ogg, VORBIS);
		assertEquals("127.5", run.fractionalBpm().value("bpm"));
	}

	@Test
	void opusTaggedByMutagen() throws Exception {
		Path opus = ffmpeg("opus", "opus", "-c:a", "libopus");
		python(MUTAGEN_VORBIS, opus.toString());
		Run run = onlyAskedFieldsChange(opus, VORBIS);
		assertEquals("127.5", run.fractionalBpm().value("bpm"));
		String probe = Commands.run("ffprobe", "-v", "error", "-show_entries", "stream_tags", opus.toString());
		assertTrue(probe.contains("TAG:BPM=127.5") && probe.contains("TAG:INITIALKEY=11A"), probe);
	}

	/**
	 * Tags that outgrow the Opus header pages take more pages: the audio pages after them are
	 * renumbered (new sequence numbers and checksums), their packets untouched; and back again.
	 */
	@Test
	void opusHeaderPagesGrowAndShrinkWithTheAudioPacketsUntouched() throws Exception {
		Path opus = ffmpeg("pages", "opus", "-c:a", "libopus");
		python(MUTAGEN_VORBIS, opus.toString());
		Path pristine = Files.copy(opus, dir.resolve("pristine.opus"));
		String audio = decodedMd5(opus);
		int pagesBefore = pages(opus);
		TagWriterTest.writer().write(opus, TagChanges.none().withComment("x".repeat(150_000)));
		assertTrue(pages(opus) >= pagesBefore + 2, "the comments take more pages: " + pages(opus));
		assertEquals(audio, decodedMd5(opus));
		assertEquals(-1, AudioRegions.firstDifference(pristine, AudioRegions.audio(pristine, "opus"), opus,
				AudioRegions.audio(opus, "opus")), "audio pages identical but for their sequence numbers");
		AudioReport report = TagWriterTest.integrity().verify(opus);
		assertTrue(report.intact(), report.detail());
		AudioFixtures.decodes(opus);

		TagWriterTest.writer().write(opus, TagChanges.none().withComment("checked by ear"));
		assertEquals(pagesBefore, pages(opus));
		assertEquals(RawTags.of(pristine), RawTags.of(opus));
		// The header pages are paged as before, so the whole file is the original again.
		assertEquals(-1, java.util.Arrays.mismatch(Files.readAllBytes(pristine), Files.readAllBytes(opus)));
	}

	/** The number of Ogg pages, counted by their capture pattern. */
	static int pages(Path ogg) throws Exception {
		byte[] b = Files.readAllBytes(ogg);
		int pages = 0;
		for (int i = 0; i + 5 <= b.length; i++) {
			if (b[i] == 'O' && b[i + 1] == 'g' && b[i + 2] == 'g' && b[i + 3] == 'S' && b[i + 4] == 0) {
				pages++;
			}
		}
		return pages;
	}

	@Test
	void aiffWithAnId3ChunkAndTextChunks() throws Exception {
		// ffmpeg writes NAME, AUTH and ANNO chunks; mutagen adds an ID3 chunk.
		Path aiff = ffmpeg("aiff", "aiff", "-metadata", "title=Strobe", "-metadata", "artist=deadmau5", "-metadata",
				"comment=checked by ear");
		python(MUTAGEN_ID3, aiff.toString(), "3", cover());
		Run run = onlyAskedFieldsChange(aiff, ID3);
		assertTrue(run.key().names().contains("AIFF/NAME"), run.key().names().toString());
	}

	@Test
	void wavWithInfoAndAnId3Chunk() throws Exception {
		Path wav = ffmpeg("wav", "wav", "-metadata", "title=Strobe", "-metadata", "artist=deadmau5", "-metadata",
				"comment=checked by ear");
		python(MUTAGEN_ID3, wav.toString(), "3", cover());
		Run run = onlyAskedFieldsChange(wav, ID3);
		assertTrue(run.key().names().contains("INFO/INAM"), run.key().names().toString());

		// A title is kept in step in INFO too, where INFO has one.
		TagWriterTest.writer().write(wav, TagChanges.none().withTitle("Strobe (Live)"));
		RawTags titled = RawTags.of(wav);
		assertEquals(run.key().without(Set.of("TIT2", "INAM")), titled.without(Set.of("TIT2", "INAM")));
		assertEquals("Strobe (Live)", titled.value("TIT2"));
		assertTrue(titled.fields().contains(new RawTags.Field("INFO", "INAM",
				java.util.HexFormat.of().formatHex("Strobe (Live)\0".getBytes(StandardCharsets.UTF_8)))), titled.toString());
	}

	@Test
	void wavWithOnlyInfoGetsAnId3ChunkWithTheBpmAlone() throws Exception {
		Path wav = ffmpeg("info", "wav", "-metadata", "title=Strobe", "-metadata", "artist=deadmau5");
		RawTags before = RawTags.of(wav);
		TagWriterTest.writer().write(wav, TagChanges.none().withBpm("124"));
		RawTags after = RawTags.of(wav);
		List<RawTags.Field> added = new ArrayList<>(after.fields());
		added.removeAll(before.fields());
		assertEquals(before.fields(), after.fields().subList(0, before.fields().size()), "INFO as it was");
		assertEquals(List.of("TBPM"), added.stream().map(RawTags.Field::name).toList(), "nothing copied from INFO");
		assertEquals("124", after.value("TBPM"));
	}

	/**
	 * Tags no current tool writes but old files have: an ID3v2.3 tag unsynchronised as a whole with
	 * an extended header, and an ID3v2.2 tag. Their frames come back byte-identical (the v2.3 tag
	 * is written without unsynchronisation, which its readers undo anyway).
	 */
	@Test
	void anUnsynchronisedId3v23TagAndAnId3v22TagAreEditedFrameByFrame() throws Exception {
		byte[] audio = Files.readAllBytes(mp3("plain"));
		byte[] latin1Title = "\u00ff\u00e0 \u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1);
		byte[] v23 = Binary.tag(3, 0xC0, true, Binary.concat(
				Binary.frame("TIT2", Binary.concat(new byte[] { 0 }, latin1Title)),
				Binary.frame("TKEY", Binary.concat(new byte[] { 0 }, KEY.getBytes(StandardCharsets.ISO_8859_1))),
				Binary.frame("TBPM", Binary.concat(new byte[] { 0 }, "120".getBytes(StandardCharsets.ISO_8859_1))),
				Binary.frame("PRIV", Binary.concat("owner\0".getBytes(StandardCharsets.ISO_8859_1),
						new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xE1, 0 }))));
		byte[] v22 = Binary.tag(2, 0, false, Binary.concat(
				Binary.frame22("TT2", Binary.concat(new byte[] { 0 }, "Strobe".getBytes(StandardCharsets.ISO_8859_1))),
				Binary.frame22("TKE", Binary.concat(new byte[] { 0 }, KEY.getBytes(StandardCharsets.ISO_8859_1))),
				Binary.frame22("TBP", Binary.concat(new byte[] { 0 }, "120".getBytes(StandardCharsets.ISO_8859_1))),
				Binary.frame22("COM", Binary.concat(new byte[] { 0 }, "eng\0old files".getBytes(StandardCharsets.ISO_8859_1)))));
		for (byte[] tag : List.of(v23, v22)) {
			Path mp3 = dir.resolve("old-v2." + tag[3] + ".mp3");
			Files.write(mp3, Binary.concat(tag, audio));
			RawTags before = RawTags.of(mp3);
			// mutagen reads an unsynchronised v2.3 tag frame by frame and misreads this one; TagLib,
			// jaudiotagger and ORBIT undo the unsynchronisation of the whole tag first, as the spec has it.
			assertTrue(before.fields().stream().anyMatch(f -> f.name().startsWith("TKE")), before.toString());
			TagWriterTest.writer().write(mp3, TagChanges.none().withBpm("127.5"));
			RawTags after = RawTags.of(mp3);
			Set<String> bpm = Set.of("TBPM", "TBP");
			assertEquals(before.without(bpm), after.without(bpm), "v2." + tag[3]);
			assertEquals("127.5", after.value("TBPM"));
			assertEquals(tag[3], Files.readAllBytes(mp3)[3], "the version is kept");
			assertNotEquals(0, before.without(bpm).size());
		}
	}

	@Test
	void bpmIsWrittenAsEachFormatKeepsIt() {
		assertEquals("128", Bpm.parse("128").text());
		assertEquals("128", Bpm.parse("128.0").text());
		assertEquals("127.5", Bpm.parse("127.50").text());
		assertEquals("127.46", Bpm.parse("127.456").text());
		assertTrue(Bpm.parse("127.456").textIsRounded());
		assertEquals(128, Bpm.parse("127.5").whole());
		assertTrue(Bpm.parse("127.5").wholeIsRounded());
		assertFalse(Bpm.parse("128.00").wholeIsRounded());
		assertThrows(ActionableException.class, () -> Bpm.parse("fast"));
		assertThrows(ActionableException.class, () -> Bpm.parse("0"));
		assertThrows(ActionableException.class, () -> Bpm.parse("1000"));
	}

	/** Hand-built ID3 tags. */
	static final class Binary {
		static byte[] concat(byte[]... parts) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			for (byte[] part : parts) {
				out.writeBytes(part);
			}
			return out.toByteArray();
		}

		static byte[] frame(String id, byte[] body) {
			byte[] header = new byte[10];
			System.arraycopy(id.getBytes(StandardCharsets.ISO_8859_1), 0, header, 0, 4);
			header[4] = (byte) (body.length >>> 24);
			header[5] = (byte) (body.length >>> 16);
			header[6] = (byte) (body.length >>> 8);
			header[7] = (byte) body.length;
			return concat(header, body);
		}

		static byte[] frame22(String id, byte[] body) {
			byte[] header = new byte[6];
			System.arraycopy(id.getBytes(StandardCharsets.ISO_8859_1), 0, header, 0, 3);
			header[3] = (byte) (body.length >>> 16);
			header[4] = (byte) (body.length >>> 8);
			header[5] = (byte) body.length;
			return concat(header, body);
		}

		/** A tag of version 2.{@code major}; with {@code extended}, a v2.3 extended header; unsynchronised when flags say so. */
		static byte[] tag(int major, int flags, boolean extended, byte[] frames) {
			byte[] data = extended ? concat(new byte[] { 0, 0, 0, 6, 0, 0, 0, 0, 0, 100 }, frames) : frames;
			data = concat(data, new byte[100]);
			if ((flags & 0x80) != 0) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				for (int i = 0; i < data.length; i++) {
					out.write(data[i]);
					if ((data[i] & 0xFF) == 0xFF && (i + 1 == data.length || (data[i + 1] & 0xE0) == 0xE0 || data[i + 1] == 0)) {
						out.write(0);
					}
				}
				data = out.toByteArray();
			}
			int size = data.length;
			byte[] header = { 'I', 'D', '3', (byte) major, 0, (byte) flags, (byte) ((size >>> 21) & 0x7F),
					(byte) ((size >>> 14) & 0x7F), (byte) ((size >>> 7) & 0x7F), (byte) (size & 0x7F) };
			return concat(header, data);
		}
	}
}
