package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;

/**
 * The scan reads MP3 and FLAC through one open file; what it finds must be what jaudiotagger's
 * own file readers find, field for field, on files from real encoders and taggers: ID3v2.3 and
 * v2.4, ID3v1 only, no tag, CBR and VBR (Xing), MPEG-2 mono, tags and pictures far beyond the
 * first kilobytes, junk between tag and audio, and broken files (which both must refuse).
 */
class ScanReadsLikeJaudiotaggerTest {

	@TempDir
	Path work;
	@TempDir
	Path home;

	static final Logger JAUDIOTAGGER = Logger.getLogger("org.jaudiotagger");

	@Test
	void everyMp3AndFlacReadsAsJaudiotaggerReadsIt() throws Exception {
		JAUDIOTAGGER.setLevel(Level.OFF);
		Path music = Files.createDirectories(work.resolve("music"));
		Path tone = work.resolve("tone.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", tone.toString(), "synth", "9", "sine", "330");
		Path picture = work.resolve("cover.png");
		// Noise compresses badly: a picture of a few hundred kilobytes, far past the bytes read at first.
		Commands.run("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
				"nullsrc=s=400x400,geq=random(1)*255:random(2)*255:random(3)*255", "-frames:v", "1", picture.toString());
		assertTrue(Files.size(picture) > 100_000, "picture size " + Files.size(picture));

		flac(tone, music.resolve("plain.flac"), "Plain", "120", "8A");
		Path pictured = flac(tone, music.resolve("picture-first.flac"), null, null, null);
		// The comments after a big picture: their block starts far from the head of the file.
		Commands.run("metaflac", "--remove", "--block-type=VORBIS_COMMENT", pictured.toString());
		Commands.run("metaflac", "--import-picture-from=" + picture, pictured.toString());
		Commands.run("metaflac", "--set-tag=ARTIST=Orbit", "--set-tag=TITLE=Picture first", "--set-tag=ALBUM=Heads",
				"--set-tag=BPM=124", "--set-tag=INITIALKEY=11B", pictured.toString());
		// Some taggers put an ID3v2 tag before a FLAC stream; jaudiotagger skips it and reads the comments.
		Path prefixed = flac(tone, music.resolve("id3-prefixed.flac"), "Id3 prefixed", "119", "3A");
		Commands.run("id3v2", "-t", "Not the title", prefixed.toString());
		Path padded = music.resolve("padded.flac");
		Commands.run("flac", "-s", "-f", "--padding=200000", "-T", "ARTIST=Orbit", "-T", "TITLE=Padded", "-o",
				padded.toString(), tone.toString());

		Commands.run("lame", "--quiet", "-b", "192", "--add-id3v2", "--ta", "Orbit", "--tt", "Cbr", "--tl", "Heads",
				"--tv", "TBPM=126", "--tv", "TKEY=Am", tone.toString(), music.resolve("cbr.mp3").toString());
		Commands.run("lame", "--quiet", "-V", "2", "--id3v1-only", "--ta", "Orbit", "--tt", "Vbr v1 only", "--tl",
				"Heads", tone.toString(), music.resolve("vbr-v1.mp3").toString());
		Commands.run("lame", "--quiet", "-b", "128", "--ti", picture.toString(), "--ta", "Orbit", "--tt",
				"Picture tag", "--tv", "TBPM=98", tone.toString(), music.resolve("picture-tag.mp3").toString());
		Commands.run("lame", "--quiet", "-m", "m", "--resample", "22.05", "-b", "48", "--add-id3v2", "--ta", "Orbit",
				"--tt", "Mpeg2 mono", tone.toString(), music.resolve("mpeg2-mono.mp3").toString());
		Commands.run("ffmpeg", "-loglevel", "error", "-y", "-i", tone.toString(), "-c:a", "libmp3lame", "-b:a", "160k",
				"-id3v2_version", "4", "-metadata", "artist=Orbit", "-metadata", "title=Version four", "-metadata",
				"TBPM=131", "-metadata", "TKEY=F#m", music.resolve("v24.mp3").toString());
		Path untagged = music.resolve("untagged.mp3");
		Commands.run("lame", "--quiet", "-b", "128", tone.toString(), untagged.toString());
		Path id3v2Tool = music.resolve("id3v2-tool.mp3");
		Files.copy(untagged, id3v2Tool);
		Commands.run("id3v2", "-a", "Orbit", "-t", "Tagged by id3v2", "-A", "Heads", id3v2Tool.toString());

		// Junk between the tag and the first frame: the tag's size no longer says where the audio starts.
		Path tagged = work.resolve("junk.mp3");
		Commands.run("lame", "--quiet", "-b", "192", "--add-id3v2", "--ta", "Orbit", "--tt", "Junk after tag",
				tone.toString(), tagged.toString());
		byte[] bytes = Files.readAllBytes(tagged);
		int tagEnd = 10 + ((bytes[6] & 0x7F) << 21 | (bytes[7] & 0x7F) << 14 | (bytes[8] & 0x7F) << 7 | (bytes[9] & 0x7F));
		byte[] junk = new byte[bytes.length + 3000];
		System.arraycopy(bytes, 0, junk, 0, tagEnd);
		Arrays.fill(junk, tagEnd, tagEnd + 3000, (byte) 0x55);
		System.arraycopy(bytes, tagEnd, junk, tagEnd + 3000, bytes.length - tagEnd);
		Files.write(music.resolve("junk-after-tag.mp3"), junk);

		Path whole = work.resolve("whole.mp3");
		Commands.run("lame", "--quiet", "-b", "192", "--add-id3v2", "--tt", "Truncated", tone.toString(), whole.toString());
		Files.write(music.resolve("truncated.mp3"), Arrays.copyOf(Files.readAllBytes(whole), 900));
		Path cut = flac(tone, work.resolve("cut.flac"), "Cut", null, null);
		Files.write(music.resolve("cut.flac"), Arrays.copyOf(Files.readAllBytes(cut), 9000));
		Files.write(music.resolve("header-only.flac"), Arrays.copyOf(Files.readAllBytes(cut), 60));
		byte[] noise = new byte[40_000];
		new Random(11).nextBytes(noise);
		Files.write(music.resolve("noise.mp3"), noise);
		Files.write(music.resolve("noise.flac"), noise);

		List<Path> files;
		try (var listing = Files.list(music)) {
			files = listing.sorted().toList();
		}
		OsgiServices.withHome(home, Library.class, library -> {
			ScanReport report = library.scan(music, ScanProgress.NONE);
			Map<Path, ScanProblem> problems = report.problems().stream()
					.collect(Collectors.toMap(ScanProblem::file, p -> p));
			assertEquals(0, report.duplicates(), report.toString());
			List<String> read = new ArrayList<>();
			for (Path file : files) {
				String name = file.getFileName().toString();
				Expected expected = Expected.of(file);
				if (expected == null) {
					assertTrue(problems.containsKey(file), name + " is refused by jaudiotagger, and so by the scan");
					continue;
				}
				assertFalse(problems.containsKey(file), name + ": " + problems.get(file));
				LibraryEntry entry = library.entryAt(file).orElseThrow(() -> new AssertionError(name + " not in the library"));
				assertEquals(expected.title, entry.title(), name + " title");
				assertEquals(expected.artist, entry.artist(), name + " artist");
				assertEquals(expected.album, entry.album(), name + " album");
				assertEquals(expected.bpm, entry.bpm(), name + " BPM");
				assertEquals(expected.key, entry.musicalKey(), name + " key");
				assertEquals(expected.seconds, entry.durationSeconds(), name + " duration");
				assertEquals(expected.bitrate, entry.bitrate(), name + " bitrate");
				read.add(name);
			}
			// The cases above are what they say: the readable ones were read, with their tags.
			assertTrue(read.containsAll(List.of("plain.flac", "picture-first.flac", "padded.flac", "cbr.mp3", "vbr-v1.mp3",
					"picture-tag.mp3", "mpeg2-mono.mp3", "v24.mp3", "untagged.mp3", "id3v2-tool.mp3", "junk-after-tag.mp3",
					"id3-prefixed.flac")),
					read.toString());
			assertEquals("Picture first", library.entryAt(pictured).orElseThrow().title());
			assertEquals(124.0, library.entryAt(pictured).orElseThrow().bpm());
			assertEquals("Vbr v1 only", library.entryAt(music.resolve("vbr-v1.mp3")).orElseThrow().title());
			assertEquals("F#m", library.entryAt(music.resolve("v24.mp3")).orElseThrow().musicalKey());
			assertTrue(problems.containsKey(music.resolve("noise.mp3")) && problems.containsKey(music.resolve("noise.flac")));
			return null;
		});
	}

	private static Path flac(Path tone, Path out, String title, String bpm, String key) throws Exception {
		List<String> command = new ArrayList<>(List.of("flac", "-s", "-f"));
		if (title != null) {
			command.addAll(List.of("-T", "ARTIST=Orbit", "-T", "TITLE=" + title, "-T", "ALBUM=Heads"));
		}
		if (bpm != null) {
			command.addAll(List.of("-T", "BPM=" + bpm, "-T", "INITIALKEY=" + key));
		}
		command.addAll(List.of("-o", out.toString(), tone.toString()));
		Commands.run(command.toArray(String[]::new));
		return out;
	}

	/** What jaudiotagger's file readers make of a file, as the library stores it; null when they refuse it. */
	record Expected(String title, String artist, String album, Double bpm, String key, int seconds, int bitrate) {

		static Expected of(Path file) {
			try {
				AudioFile audio = AudioFileIO.read(file.toFile());
				int seconds = audio.getAudioHeader().getTrackLength();
				if (seconds <= 0) {
					return null;
				}
				Tag tag = audio.getTag();
				String key = text(tag, FieldKey.KEY);
				if (key == null && tag != null) {
					key = firstOf(tag, "KEY", "INITIALKEY");
				}
				String bpm = text(tag, FieldKey.BPM);
				return new Expected(text(tag, FieldKey.TITLE), text(tag, FieldKey.ARTIST), text(tag, FieldKey.ALBUM),
						bpm == null ? null : Double.valueOf(bpm), key, seconds,
						(int) audio.getAudioHeader().getBitRateAsNumber());
			} catch (Exception e) {
				return null;
			}
		}

		private static String text(Tag tag, FieldKey key) {
			try {
				String value = tag == null ? null : tag.getFirst(key);
				return value == null || value.isBlank() ? null : value.strip();
			} catch (RuntimeException e) {
				return null;
			}
		}

		private static String firstOf(Tag tag, String... ids) {
			for (String id : ids) {
				try {
					String value = tag.getFirst(id);
					if (value != null && !value.isBlank()) {
						return value.strip();
					}
				} catch (RuntimeException e) {
					// not a field of this tag format
				}
			}
			return null;
		}
	}
}
