package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.AudioCheckReport;
import orbit.library.AudioState;
import orbit.library.DuplicateFile;
import orbit.library.EntryQuery;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;

/**
 * A library of 210 files made by real encoders, as a DJ's collection holds them: FLAC albums with
 * MP3 copies of the same recordings, second downloads "(1)" in a Downloads folder, untagged files
 * with different audio, untagged m4a, two edits that share their tags, Unicode names, every
 * format, and three files whose audio is damaged. Every file is reachable, the best copy stands for
 * each recording whatever the scan order, damaged audio is flagged, and the duplicates report is
 * the truth.
 */
class LibraryCorrectnessTest {

	@TempDir
	static Path music;
	@TempDir
	static Path work;

	static final List<Path> ALL = new ArrayList<>();
	/** Each copy's path and the path of the file that should stand for its recording. */
	static final Map<String, String> COPIES = new TreeMap<>();
	static final List<Path> DAMAGED = new ArrayList<>();
	static final List<Path> UNTAGGED = new ArrayList<>();
	static final int RECORDINGS = 60;

	static final String[] ARTISTS = { "Björk", "Sigur Rós", "東京事変", "Ólafur Arnalds", "Moderat", "Bonobo" };

	@BeforeAll
	static void makeTheCollection() throws Exception {
		ExecutorService encoders = Executors.newFixedThreadPool(4);
		List<Callable<Void>> jobs = new ArrayList<>();
		// 60 recordings as FLAC in a lossless album folder and as MP3 in an album folder the walk reaches first.
		for (int i = 0; i < RECORDINGS; i++) {
			int n = i;
			jobs.add(() -> {
				String artist = ARTISTS[n % ARTISTS.length] + " " + (n / ARTISTS.length);
				String title = "Track " + n + (n % 7 == 0 ? " – Ünïcödé" : "");
				Path wav = tone(work.resolve("rec" + n + ".wav"), 3 + n % 4, 200 + n * 13);
				Path album = Files.createDirectories(music.resolve(artist));
				Path flac = album.resolve("Album (lossless)").resolve(String.format(Locale.ROOT, "%02d - %s.flac", n, title));
				Path mp3 = album.resolve("Album (MP3 192k)").resolve(String.format(Locale.ROOT, "%02d - %s.mp3", n, title));
				flac(wav, flac, artist, title, "Album");
				mp3(wav, mp3, artist, title, "Album", "192");
				add(flac);
				add(mp3);
				copy(mp3, flac);
				if (n < 10) {
					// The same MP3 downloaded again: a copy of the recording the FLAC stands for.
					Path again = Files.createDirectories(music.resolve("Downloads"))
							.resolve(artist + " - " + title + " (1).mp3");
					Files.copy(mp3, again);
					add(again);
					copy(again, flac);
				}
				return null;
			});
		}
		// 10 recordings only as MP3, each also downloaded again: the album copy stands, not the download.
		for (int i = 0; i < 10; i++) {
			int n = i;
			jobs.add(() -> {
				String artist = "Voyager " + n;
				Path wav = tone(work.resolve("voyager" + n + ".wav"), 4, 900 + n * 17);
				Path mp3 = Files.createDirectories(music.resolve(artist).resolve("EP")).resolve("Only MP3 " + n + ".mp3");
				mp3(wav, mp3, artist, "Only MP3 " + n, "EP", "320");
				Path again = Files.createDirectories(music.resolve("Downloads")).resolve("Only MP3 " + n + " (1).mp3");
				Files.copy(mp3, again);
				add(mp3);
				add(again);
				copy(again, mp3);
				return null;
			});
		}
		// 12 untagged files with different audio, and one byte-identical second copy of the first.
		for (int i = 0; i < 12; i++) {
			int n = i;
			jobs.add(() -> {
				Path wav = tone(work.resolve("untagged" + n + ".wav"), 3, 1500 + n * 31);
				Path dir = Files.createDirectories(music.resolve("Untagged"));
				Path file;
				if (n < 6) {
					file = dir.resolve(String.format(Locale.ROOT, "track%02d.mp3", n + 1));
					Commands.run("lame", "--quiet", "-b", "192", wav.toString(), file.toString());
				} else if (n < 10) {
					file = dir.resolve(String.format(Locale.ROOT, "track%02d.flac", n + 1));
					Commands.run("flac", "-s", "-f", "-o", file.toString(), wav.toString());
				} else {
					file = Files.copy(wav, dir.resolve(String.format(Locale.ROOT, "track%02d.wav", n + 1)));
				}
				add(file);
				UNTAGGED.add(file);
				return null;
			});
		}
		// Every other format, tagged by ffmpeg; two m4a files without tags.
		for (int i = 0; i < 10; i++) {
			int n = i;
			jobs.add(() -> {
				Path dir = Files.createDirectories(music.resolve("Formats"));
				Path wav = tone(work.resolve("formats" + n + ".wav"), 3, 2500 + n * 7);
				add(ffmpeg(wav, dir.resolve("aac " + n + ".m4a"), "Format AAC", "Song " + n, "-c:a", "aac", "-b:a", "192k"));
				add(ffmpeg(wav, dir.resolve("vorbis " + n + ".ogg"), "Format Vorbis", "Song " + n, "-c:a", "libvorbis"));
				add(ffmpeg(wav, dir.resolve("opus " + n + ".opus"), "Format Opus", "Song " + n, "-c:a", "libopus"));
				if (n < 5) {
					add(ffmpeg(wav, dir.resolve("wave " + n + ".wav"), "Format WAV", "Song " + n, "-c:a", "pcm_s16le"));
					add(ffmpeg(wav, dir.resolve("aiff " + n + ".aiff"), "Format AIFF", "Song " + n, "-c:a", "pcm_s16be",
							"-write_id3v2", "1"));
				}
				if (n < 2) {
					Path plain = dir.resolve("untagged aac " + n + ".m4a");
					Commands.run("ffmpeg", "-loglevel", "error", "-y", "-i", wav.toString(), "-map_metadata", "-1", "-c:a",
							"aac", "-b:a", "192k", plain.toString());
					add(plain);
					UNTAGGED.add(plain);
				}
				return null;
			});
		}
		// Two edits of one song that share their tags but not their length: two recordings, not copies.
		jobs.add(() -> {
			Path dir = Files.createDirectories(music.resolve("Editions"));
			flac(tone(work.resolve("radio.wav"), 3, 660), dir.resolve("Song (radio edit).flac"), "Edit Artist", "Song", "Single");
			flac(tone(work.resolve("extended.wav"), 9, 660), dir.resolve("Song (extended).flac"), "Edit Artist", "Song", "Single");
			add(dir.resolve("Song (radio edit).flac"));
			add(dir.resolve("Song (extended).flac"));
			return null;
		});
		// Damaged audio whose tags still read: flipped bits, a cut, a zeroed stretch.
		jobs.add(() -> {
			Path dir = Files.createDirectories(music.resolve("Broken"));
			Path flipped = flac(tone(work.resolve("flipped.wav"), 6, 330), dir.resolve("flipped.flac"), "Broken", "Flipped", "X");
			Path truncated = flac(tone(work.resolve("cut.wav"), 6, 350), dir.resolve("truncated.flac"), "Broken", "Cut", "X");
			Path zeroed = dir.resolve("zeroed.mp3");
			mp3(tone(work.resolve("zeroed.wav"), 6, 370), zeroed, "Broken", "Zeroed", "X", "192");
			long size = Files.size(flipped);
			try (RandomAccessFile file = new RandomAccessFile(flipped.toFile(), "rw")) {
				for (long at = size / 2; at < size / 2 + 64; at += 16) {
					file.seek(at);
					int b = file.read();
					file.seek(at);
					file.write(b ^ 0x5A);
				}
			}
			byte[] whole = Files.readAllBytes(truncated);
			Files.write(truncated, Arrays.copyOf(whole, whole.length * 7 / 10));
			try (RandomAccessFile file = new RandomAccessFile(zeroed.toFile(), "rw")) {
				file.seek(file.length() / 2);
				file.write(new byte[8192]);
			}
			DAMAGED.addAll(List.of(flipped, truncated, zeroed));
			add(flipped);
			add(truncated);
			add(zeroed);
			return null;
		});
		for (Future<Void> done : encoders.invokeAll(jobs)) {
			done.get();
		}
		encoders.shutdown();
		// The byte-identical second copy of an untagged file: a copy, by its audio.
		Path first = music.resolve("Untagged/track01.mp3");
		Path again = Files.copy(first, Files.createDirectories(music.resolve("Untagged/again")).resolve("track01.mp3"));
		add(again);
		// Equal in every way but the order they were added in: the one the walk reached first stands.
		copy(first, again);
	}

	static synchronized void add(Path file) {
		ALL.add(file);
	}

	static synchronized void copy(Path copy, Path standing) {
		COPIES.put(copy.toString(), standing.toString());
	}

	static Path tone(Path wav, int seconds, int hertz) throws IOException, InterruptedException {
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", Integer.toString(seconds),
				"sine", Integer.toString(hertz));
		return wav;
	}

	static Path flac(Path wav, Path out, String artist, String title, String album) throws Exception {
		Files.createDirectories(out.getParent());
		Commands.run("flac", "-s", "-f", "-T", "ARTIST=" + artist, "-T", "TITLE=" + title, "-T", "ALBUM=" + album, "-o",
				out.toString(), wav.toString());
		return out;
	}

	static Path mp3(Path wav, Path out, String artist, String title, String album, String kbps) throws Exception {
		Files.createDirectories(out.getParent());
		Commands.run("lame", "--quiet", "-b", kbps, "--add-id3v2", "--id3v2-utf16", "--ta", artist, "--tt", title, "--tl",
				album, wav.toString(), out.toString());
		return out;
	}

	static Path ffmpeg(Path wav, Path out, String artist, String title, String... codec) throws Exception {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-loglevel", "error", "-y", "-i", wav.toString()));
		command.addAll(Arrays.asList(codec));
		command.addAll(List.of("-metadata", "artist=" + artist, "-metadata", "title=" + title, "-metadata", "album=Formats",
				out.toString()));
		Commands.run(command.toArray(String[]::new));
		return out;
	}

	@Test
	void everyFileIsReachableTheBestCopyStandsAndDamageIsFlagged(@TempDir Path home) {
		assertTrue(ALL.size() >= 200, "a library of " + ALL.size() + " files");
		OsgiServices.withHome(home, Library.class, library -> {
			ScanReport first = library.scan(music, ScanProgress.NONE);
			assertEquals(List.of(), first.problems(), "every file of the collection reads");
			assertEquals(ALL.size(), first.added(), "every readable file is an entry");
			AudioCheckReport checks = library.checkAudio(music, ScanProgress.NONE);
			assertEquals(ALL.size(), checks.checked());

			// Every file is reachable: by its path, in the listing, in the view's ids.
			for (Path file : ALL) {
				assertTrue(library.entryAt(file).isPresent(), "reachable: " + file);
			}
			assertEquals(ALL.size(), library.countTracks());
			assertEquals(ALL.size(), library.entryIds(EntryQuery.ALL).length);
			assertEquals(ALL.size(), library.findEntries(null, null, 0, 1000).size());

			// Untagged files keep apart (their audio differs) and show their file names.
			Set<String> untaggedIdentities = UNTAGGED.stream()
					.map(f -> library.entryAt(f).orElseThrow().uniqueHash()).collect(Collectors.toSet());
			assertEquals(UNTAGGED.size(), untaggedIdentities.size(), "no two untagged files with different audio merge");
			LibraryEntry untagged = library.entryAt(music.resolve("Untagged/track03.mp3")).orElseThrow();
			assertEquals("track03", untagged.displayTitle());
			assertEquals(1, library.findEntries("track03", null, 0, 10).size(), "found by its file name");

			// The duplicates report is the truth, and the best copy stands.
			Map<String, String> reported = new TreeMap<>();
			for (DuplicateFile d : library.duplicates()) {
				reported.put(d.filePath(), d.entryFilePath());
			}
			assertEquals(COPIES, reported);
			assertEquals(COPIES.size(), first.duplicates());
			LibraryEntry radio = library.entryAt(music.resolve("Editions/Song (radio edit).flac")).orElseThrow();
			LibraryEntry extended = library.entryAt(music.resolve("Editions/Song (extended).flac")).orElseThrow();
			assertEquals(radio.uniqueHash(), extended.uniqueHash(), "the same tags");
			assertEquals(null, radio.duplicateOf(), "but 6 s apart: two recordings");
			assertEquals(null, extended.duplicateOf());

			// Damaged audio is flagged with its reason, and only there.
			assertEquals(DAMAGED.stream().map(Path::toString).sorted().toList(),
					checks.damaged().stream().map(LibraryEntry::filePath).sorted().toList());
			for (Path damaged : DAMAGED) {
				LibraryEntry e = library.entryAt(damaged).orElseThrow();
				assertNotNull(e.audio());
				assertFalse(e.audio().intact(), damaged + ": " + e.audio());
			}
			assertTrue(library.entryAt(DAMAGED.get(0)).orElseThrow().audio().detail().contains("CRC does not match"));
			assertTrue(library.entryAt(DAMAGED.get(1)).orElseThrow().audio().detail().contains("cut short"));
			assertTrue(library.entryAt(DAMAGED.get(2)).orElseThrow().audio().detail().contains("sync lost"));
			assertEquals(DAMAGED.size(), library.findEntries(null, null, AudioState.DAMAGED, 0, 1000).size());
			assertEquals(ALL.size() - DAMAGED.size(), library.findEntries(null, null, AudioState.INTACT, 0, 1000).size());
			System.out.println("audio checks: " + checks.damaged().stream()
					.map(e -> e.filePath().substring(music.toString().length()) + ": " + e.audio().detail()).toList());

			// An unchanged rescan reads nothing, finds the same copies and checks nothing again.
			long started = System.nanoTime();
			ScanReport again = library.scan(music, ScanProgress.NONE);
			AudioCheckReport noChecks = library.checkAudio(music, ScanProgress.NONE);
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf(Locale.ROOT, "unchanged rescan of %d files (copies included) with its audio sweep: %.3f s%n",
					ALL.size(), seconds);
			assertEquals(ALL.size(), again.unchanged());
			assertEquals(0, again.added() + again.updated());
			assertEquals(COPIES.size(), again.duplicates());
			assertEquals(0, noChecks.checked());
			assertEquals(COPIES.size(), library.duplicates().size());
			return null;
		});
	}

	@Test
	void theStandingCopyFollowsQualityNotTheOrderOfScans(@TempDir Path home) throws Exception {
		// The MP3 folder alone first: its files stand; then the lossless albums arrive and take over.
		OsgiServices.withHome(home, Library.class, library -> {
			for (String artist : Stream.of(ARTISTS).map(a -> a + " 0").toList()) {
				library.scan(music.resolve(artist).resolve("Album (MP3 192k)"), ScanProgress.NONE);
			}
			assertEquals(0, library.duplicates().size());
			for (String artist : Stream.of(ARTISTS).map(a -> a + " 0").toList()) {
				library.scan(music.resolve(artist), ScanProgress.NONE);
			}
			List<DuplicateFile> copies = library.duplicates();
			assertEquals(ARTISTS.length, copies.size());
			assertTrue(copies.stream().allMatch(d -> d.filePath().endsWith(".mp3") && d.entryFilePath().endsWith(".flac")),
					copies.toString());
			return null;
		});
	}
}
