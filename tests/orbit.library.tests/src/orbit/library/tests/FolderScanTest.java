package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MetadataSource;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import orbit.tests.support.OsgiServices;

/** Scans of real files made by flac, lame and ffmpeg, and of a hostile corpus. */
class FolderScanTest {

	@TempDir
	static Path encoded;
	static Path tone;

	@TempDir
	Path home;
	@TempDir
	Path music;


	@BeforeAll
	static void makeTone() throws Exception {
		tone = encoded.resolve("tone.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", tone.toString(), "synth", "7", "sine", "440");
	}

	static Path flac(Path dir, String name, String artist, String title, String album, String bpm, String key)
			throws Exception {
		Path out = dir.resolve(name);
		Commands.run("flac", "-s", "-f", "-T", "ARTIST=" + artist, "-T", "TITLE=" + title, "-T", "ALBUM=" + album, "-T",
				"BPM=" + bpm, "-T", "INITIALKEY=" + key, "-o", out.toString(), tone.toString());
		return out;
	}

	static Path mp3(Path dir, String name, String artist, String title, String album, String bpm, String key)
			throws Exception {
		Path out = dir.resolve(name);
		Commands.run("lame", "--quiet", "-b", "192", "--add-id3v2", "--ta", artist, "--tt", title, "--tl", album, "--tv",
				"TBPM=" + bpm, "--tv", "TKEY=" + key, tone.toString(), out.toString());
		return out;
	}

	static Path ffmpeg(Path dir, String name, String artist, String title, String... codec) throws Exception {
		Path out = dir.resolve(name);
		List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-loglevel", "error", "-y", "-i", tone.toString()));
		cmd.addAll(Arrays.asList(codec));
		cmd.addAll(List.of("-metadata", "artist=" + artist, "-metadata", "title=" + title, "-metadata", "album=Formats",
				out.toString()));
		Commands.run(cmd.toArray(String[]::new));
		return out;
	}

	private static Map<String, ScanProblem> byName(ScanReport report) {
		return report.problems().stream().collect(Collectors.toMap(p -> p.file().getFileName().toString(), p -> p));
	}

	@Test
	void readsEveryFieldFromFilesMadeByRealEncoders() throws Exception {
		Path flac = flac(music, "a.flac", "Artist F", "Title F", "Album F", "128", "8A");
		Path mp3 = mp3(Files.createDirectories(music.resolve("sub/deeper")), "b.mp3", "Artist M", "Title M", "Album M",
				"126.5", "F#m");
		Path ogg = ffmpeg(music, "c.ogg", "Artist O", "Title O", "-c:a", "libvorbis");
		Path m4a = ffmpeg(music, "d.m4a", "Artist A", "Title A", "-c:a", "aac");
		OsgiServices.withHome(home, Library.class, library -> {
			ScanReport report = library.scan(music, ScanProgress.NONE);
			assertEquals(List.of(), report.problems());
			assertEquals(4, report.added());
			LibraryEntry f = library.entryAt(flac).orElseThrow();
			assertEquals("Artist F", f.artist());
			assertEquals("Title F", f.title());
			assertEquals("Album F", f.album());
			assertEquals("flac", f.format());
			assertEquals(128.0, f.bpm());
			assertEquals("8A", f.musicalKey());
			assertEquals(7, f.durationSeconds());
			assertTrue(f.bitrate() > 0, "bitrate " + f.bitrate());
			assertEquals(flac.toFile().length(), f.fileSize());
			assertEquals(IntegrityLevel.BRONZE, f.integrityLevel());
			assertEquals(MetadataSource.FILE_TAGS, f.resolvedBpm().source());

			LibraryEntry m = library.entryAt(mp3).orElseThrow();
			assertEquals("Artist M", m.artist());
			assertEquals("Title M", m.title());
			assertEquals("Album M", m.album());
			assertEquals("mp3", m.format());
			assertEquals(126.5, m.bpm());
			assertEquals("F#m", m.musicalKey());
			assertEquals("11A", m.resolvedKey().value().orElseThrow().camelot());
			assertEquals(192, m.bitrate());
			assertTrue(Math.abs(m.durationSeconds() - 7) <= 1, "duration " + m.durationSeconds());

			assertEquals("Title O", library.entryAt(ogg).orElseThrow().title());
			assertEquals("ogg", library.entryAt(ogg).orElseThrow().format());
			assertEquals("Artist A", library.entryAt(m4a).orElseThrow().artist());
			return null;
		});
	}

	@Test
	void readsOpusWavAndAiffTaggedByTheirOwnTools() throws Exception {
		// ffmpeg writes Vorbis comments into Opus and an ID3 chunk into AIFF.
		Path opus = ffmpeg(music, "e.opus", "Artist P", "Title P", "-c:a", "libopus", "-b:a", "96k", "-metadata", "BPM=131",
				"-metadata", "INITIALKEY=4A");
		Path wav = ffmpeg(music, "f.wav", "Artist W", "Title W", "-c:a", "pcm_s16le");
		// ffmpeg writes WAV tags as RIFF INFO only; BPM and key go into an ID3 chunk, added by mutagen (Debian's).
		Commands.run("/usr/bin/python3", "-c", "import sys\nfrom mutagen.wave import WAVE\nfrom mutagen.id3 import TBPM, TKEY\n"
				+ "f = WAVE(sys.argv[1]); f.add_tags(); f.tags.add(TBPM(encoding=3, text='122'))\n"
				+ "f.tags.add(TKEY(encoding=3, text='9A')); f.save()", wav.toString());
		Path aiff = ffmpeg(music, "g.aiff", "Artist I", "Title I", "-c:a", "pcm_s16be", "-write_id3v2", "1", "-metadata",
				"TBPM=118", "-metadata", "TKEY=Dm");
		OsgiServices.withHome(home, Library.class, library -> {
			ScanReport report = library.scan(music, ScanProgress.NONE);
			assertEquals(List.of(), report.problems());
			assertEquals(3, report.added());
			LibraryEntry p = library.entryAt(opus).orElseThrow();
			assertEquals(List.of("Artist P", "Title P", "Formats", "opus"), List.of(p.artist(), p.title(), p.album(), p.format()));
			assertEquals(131.0, p.bpm());
			assertEquals("4A", p.musicalKey());
			assertEquals(7, p.durationSeconds());
			assertTrue(p.bitrate() > 0, "bitrate " + p.bitrate());
			LibraryEntry w = library.entryAt(wav).orElseThrow();
			assertEquals(List.of("Artist W", "Title W", "Formats", "wav"), List.of(w.artist(), w.title(), w.album(), w.format()));
			assertEquals(122.0, w.bpm());
			assertEquals("9A", w.musicalKey());
			assertEquals(7, w.durationSeconds());
			assertEquals(1411, w.bitrate(), "44.1 kHz, 16 bit, stereo");
			LibraryEntry a = library.entryAt(aiff).orElseThrow();
			assertEquals(List.of("Artist I", "Title I", "Formats", "aiff"), List.of(a.artist(), a.title(), a.album(), a.format()));
			assertEquals(118.0, a.bpm());
			assertEquals("Dm", a.musicalKey());
			assertEquals("7A", a.resolvedKey().value().orElseThrow().camelot());
			assertEquals(7, a.durationSeconds());
			return null;
		});
	}

	@Test
	void unreadableFilesAreKeptAsProblemsUntilTheyReadOrGo() throws Exception {
		Path random = music.resolve("random.mp3");
		byte[] noise = new byte[64 * 1024];
		new Random(7).nextBytes(noise);
		Files.write(random, noise);
		Path empty = Files.createFile(music.resolve("empty.flac"));
		Path fixed = music.resolve("fixed.flac");
		Files.write(fixed, Arrays.copyOf(Files.readAllBytes(flac(encoded, "whole.flac", "A", "T", "B", "120", "8A")), 60));
		OsgiServices.withHome(home, Library.class, library -> {
			assertEquals(3, library.scan(music, ScanProgress.NONE).problems().size());
			Map<String, ScanProblem> stored = library.scanProblems().stream()
					.collect(Collectors.toMap(p -> p.file().getFileName().toString(), p -> p));
			assertEquals(Set.of("random.mp3", "empty.flac", "fixed.flac"), stored.keySet());
			assertEquals("empty file (0 bytes)", stored.get("empty.flac").reason());
			assertNotNull(stored.get("random.mp3").firstSeen());

			ScanReport again = library.scan(music, ScanProgress.NONE);
			assertEquals(3, again.problems().size(), "an unchanged bad file is still reported");
			ScanProblem seenTwice = library.scanProblems().stream().filter(p -> p.file().equals(random)).findFirst()
					.orElseThrow();
			assertEquals(stored.get("random.mp3").firstSeen(), seenTwice.firstSeen());
			assertTrue(!seenTwice.lastSeen().isBefore(stored.get("random.mp3").lastSeen()));
			return null;
		});
		// The truncated file is made whole again, the random one deleted.
		flac(music, "fixed.flac", "A", "T", "B", "120", "8A");
		Files.delete(random);
		OsgiServices.withHome(home, Library.class, library -> {
			ScanReport report = library.scan(music, ScanProgress.NONE);
			assertEquals(1, report.added());
			assertEquals(List.of(empty), library.scanProblems().stream().map(ScanProblem::file).toList());
			return null;
		});
	}

	@Test
	void rescanSkipsUnchangedFilesRecordsChangesAndKeepsMissingEntries() throws Exception {
		Path a = flac(music, "a.flac", "A", "One", "X", "120", "1A");
		Path b = flac(music, "b.flac", "B", "Two", "X", "121", "2A");
		OsgiServices.withHome(home, Library.class, library -> {
			try {
				assertEquals(2, library.scan(music, ScanProgress.NONE).added());
				ScanReport again = library.scan(music, ScanProgress.NONE);
				assertEquals(2, again.unchanged());
				assertEquals(0, again.updated() + again.added());

				long id = library.entryAt(a).orElseThrow().id();
				flac(music, "a.flac", "A", "One", "X", "124", "3A"); // retagged by another program
				// flac gives its output the input's modification time; a tagger would set "now".
				Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
				Files.delete(b);
				ScanReport third = library.scan(music, ScanProgress.NONE);
				assertEquals(1, third.updated());
				assertEquals(1, third.missing());
				assertEquals(124.0, library.entry(id).orElseThrow().bpm());
				assertEquals(List.of("BPM:120.0->124.0", "MusicalKey:1A->3A"),
						library.history(id).stream().map(h -> h.field() + ":" + h.oldValue() + "->" + h.newValue()).toList());
				assertTrue(library.history(id).stream().allMatch(h -> h.source() == MetadataSource.FILE_TAGS));
				LibraryEntry gone = library.entryAt(b).orElseThrow();
				assertNotNull(gone.missingSince(), "kept, marked missing");
				assertEquals(2, library.countTracks());
				return null;
			} catch (Exception e) {
				throw new AssertionError(e);
			}
		});
	}

	@Test
	void copiesAreEntriesOfTheirOwnAndReportedNotMerged() throws Exception {
		Path first = flac(music, "a.flac", "Same", "Song", "LP", "120", "1A");
		Path copy = flac(Files.createDirectories(music.resolve("copy")), "a.flac", " same ", "SONG", "LP", "120", "1A");
		OsgiServices.withHome(home, Library.class, library -> {
			ScanReport report = library.scan(music, ScanProgress.NONE);
			assertEquals(2, report.added(), "every readable file is an entry");
			assertEquals(1, report.duplicates());
			var duplicates = library.duplicates();
			assertEquals(1, duplicates.size());
			assertEquals(copy.toString(), duplicates.get(0).filePath());
			assertEquals(first.toString(), duplicates.get(0).entryFilePath());
			LibraryEntry copied = library.entryAt(copy).orElseThrow();
			assertEquals(duplicates.get(0).copyId(), copied.id());
			assertEquals(library.entryAt(first).orElseThrow().id(), copied.duplicateOf());
			return null;
		});
	}

	@Test
	void aHostileCorpusScansToCompletionWithOneReasonPerBadFile() throws Exception {
		Path good = flac(music, "good.flac", "Good", "Track", "LP", "120", "8A");
		Path mp3 = mp3(music, "good.mp3", "Good", "Mp3", "LP", "120", "8A");
		byte[] flacBytes = Files.readAllBytes(good);
		Files.write(music.resolve("truncated.flac"), Arrays.copyOf(flacBytes, 60));
		byte[] noise = new byte[64 * 1024];
		new Random(7).nextBytes(noise);
		Files.write(music.resolve("noise.flac"), noise);
		Files.write(music.resolve("noise.ogg"), noise);
		Files.write(music.resolve("noise.m4a"), noise);
		Files.write(music.resolve("noise.opus"), noise);
		// An Ogg page whose OpusTags vendor length claims 2 GB.
		byte[] opusHead = "OggS\0\2\0\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\0\0\0\0\2\23\24OpusHead\1\2\0\0\200\273\0\0\0\0\0OpusTags\377\377\377\177"
				.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		Files.write(music.resolve("absurd-tags.opus"), opusHead);
		Files.write(music.resolve("empty.mp3"), new byte[0]);
		Files.write(music.resolve("empty.wav"), new byte[0]);
		// An ID3v2 header whose frame claims far more bytes than the file has.
		byte[] broken = Files.readAllBytes(mp3).clone();
		byte[] id3 = { 'I', 'D', '3', 3, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F, 'T', 'I', 'T', '2', 0x7F, 0x7F, 0x7F, 0x7F, 0, 0 };
		byte[] hostileId3 = new byte[id3.length + 100];
		System.arraycopy(id3, 0, hostileId3, 0, id3.length);
		Files.write(music.resolve("broken-id3.mp3"), hostileId3);
		assertTrue(broken.length > 0);
		// A name that is not valid UTF-8 (bytes 0xFF 0xFE), made by the shell: read like any other.
		Path named = flac(encoded, "named.flac", "Good", "Named", "LP", "121", "9A");
		Commands.run("sh", "-c", "cp '" + named + "' \"$(printf '" + music + "/bad-\\377\\376-name.flac')\"");
		// A symbolic link loop.
		Files.createSymbolicLink(music.resolve("loop"), music);
		Path locked = Files.copy(good, music.resolve("locked.flac"));
		Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
		boolean root = "root".equals(System.getProperty("user.name"));

		OsgiServices.withHome(home, Library.class, library -> {
			ScanReport report = library.scan(music, ScanProgress.NONE);
			Map<String, ScanProblem> problems = byName(report);
			for (String bad : List.of("truncated.flac", "noise.flac", "noise.ogg", "noise.m4a", "noise.opus",
					"absurd-tags.opus", "empty.mp3", "empty.wav", "broken-id3.mp3")) {
				assertTrue(problems.containsKey(bad), bad + " in " + report.problems());
			}
			assertTrue(problems.get("empty.mp3").reason().contains("0 bytes"));
			if (root) {
				// root reads a chmod 000 file anyway: then it is a normal file (a copy of good.flac), honestly.
				assertFalse(problems.containsKey("locked.flac"));
			} else {
				assertTrue(problems.get("locked.flac").reason().contains("permission"));
			}
			assertNull(problems.get("good.flac"));
			assertEquals(report.problems().size(), problems.size(), "one reason per bad file");
			assertTrue(library.entryAt(good).isPresent());
			assertTrue(library.entryAt(mp3).isPresent());
			List<LibraryEntry> badName = library.findEntries("Named", null, 0, 10);
			assertEquals(1, badName.size(), "the file with a non-UTF-8 name is read");
			assertEquals(121.0, badName.get(0).bpm());
			assertTrue(report.problems().stream().allMatch(p -> !p.reason().isBlank()));
			assertFalse(report.cancelled());
			return null;
		});
	}

	@Test
	void aFileDeletedDuringTheScanIsReportedAndTheScanGoesOn() throws Exception {
		for (int i = 0; i < 6; i++) {
			flac(music, "t" + i + ".flac", "A", "T" + i, "X", "120", "1A");
		}
		Path doomed = music.resolve("t5.flac");
		OsgiServices.withHome(home, Library.class, library -> {
			ScanReport report = library.scan(music, new ScanProgress() {
				@Override
				public void filesFound(int total) {
					try {
						Files.delete(doomed); // after the walk, before the reads
					} catch (IOException e) {
						throw new AssertionError(e);
					}
				}
			});
			assertEquals(5, report.added());
			assertEquals(1, report.problems().size());
			assertTrue(report.problems().get(0).reason().contains("deleted during the scan"), report.problems().toString());
			return null;
		});
	}
}
