package orbit.upgrade.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.ActionableException;
import orbit.library.HistoryRecord;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProgress;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;
import orbit.recovery.CrashRecoveryJournal;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;
import orbit.upgrade.RunOutcome;
import orbit.upgrade.Upgrades;

/**
 * Upgrades end to end on files made by sox, lame and flac: a Gold MP3 replaced by a genuine FLAC
 * with its tags, history and playlists following and the original kept bit-identical for undo;
 * transcodes, other recordings and worse copies rejected with their reasons; approval for
 * tracks that are not Gold; a held track deferred, naming its holder; and across volumes.
 */
class UpgradeFlowTest {

	static final Logger JAUDIOTAGGER = Logger.getLogger("org.jaudiotagger");

	@TempDir
	Path home;

	private Process holder;

	@AfterEach
	void stopHolder() throws InterruptedException {
		if (holder != null) {
			holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Music with transients and content up to 22 kHz: white noise on one channel, a swept tone on the other, pulsing. */
	static Path source(Path dir, String name, String sweep) throws Exception {
		return source(dir, name, sweep, 8);
	}

	static Path source(Path dir, String name, String sweep, int seconds) throws Exception {
		Path wav = dir.resolve(name + ".wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", Integer.toString(seconds),
				"whitenoise",
				"sine", sweep, "tremolo", "3", "70", "gain", "-4");
		return wav;
	}

	static void mp3(Path wav, Path mp3, int kbps, String artist, String title) throws Exception {
		Files.createDirectories(mp3.getParent());
		Commands.run("lame", "--quiet", "-b", Integer.toString(kbps), "--ta", artist, "--tt", title, "--tl", "Album",
				"--tv", "TBPM=128", "--tv", "TKEY=8A", wav.toString(), mp3.toString());
	}

	static void flac(Path wav, Path flac, String artist, String title) throws Exception {
		Files.createDirectories(flac.getParent());
		Commands.run("flac", "-s", "-f", "-T", "ARTIST=" + artist, "-T", "TITLE=" + title, "-o", flac.toString(),
				wav.toString());
	}

	static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

	<R> R withServices(Function<Library, Function<Upgrades, R>> use) {
		return OsgiServices.withHome(home, Library.class,
				library -> OsgiServices.with(Upgrades.class, upgrades -> use.apply(library).apply(upgrades)));
	}

	@Test
	void aGoldMp3IsReplacedByAGenuineFlacWithItsTagsHistoryAndPlaylistsAndUndone() throws Exception {
		JAUDIOTAGGER.setLevel(Level.OFF);
		Path music = home.resolve("music");
		Path incoming = home.resolve("incoming");
		Path wav = source(home, "song", "100-6000");
		Path mp3 = music.resolve("Artist - Song.mp3");
		mp3(wav, mp3, 192, "Artist", "Song");
		Path candidate = incoming.resolve("Song.flac");
		flac(wav, candidate, "Artist", "Song");
		String original = sha256(mp3);
		Path m3u = Files.writeString(home.resolve("set.m3u"), mp3 + "\n");

		withServices(library -> upgrades -> {
			library.scan(music, ScanProgress.NONE);
			LibraryEntry entry = library.entryAt(mp3).orElseThrow();
			library.override(entry.id(), null, null, true);
			library.importPlaylist(m3u);

			List<UpgradeCandidate> found = upgrades.find(List.of(incoming), ScanProgress.NONE);
			assertEquals(1, found.size());
			UpgradeCandidate ready = found.get(0);
			assertEquals(UpgradeState.READY, ready.state(), ready.reason());
			assertTrue(ready.reason().startsWith("ready: FLAC 16/44.1 replaces MP3 192 kbps, offset "), ready.reason());
			assertEquals(entry.id(), ready.entryId());
			assertTrue(ready.confidence() > 0.5, ready.reason());
			assertTrue(library.entry(entry.id()).orElseThrow().lastUpgradeScanAt() != null, "the entry was looked at");

			List<RunOutcome> run = upgrades.run(List.of(), false, false);
			assertEquals(RunOutcome.Kind.UPGRADED, run.get(0).kind(), run.get(0).detail());
			Path upgraded = music.resolve("Artist - Song.flac");
			Path kept = music.resolve(".orbit-originals").resolve("Artist - Song.mp3");
			assertTrue(Files.exists(upgraded));
			assertFalse(Files.exists(mp3));
			assertFalse(Files.exists(candidate), "the better copy moved into the library");
			try {
				assertEquals(original, sha256(kept), "the original is kept bit-identical");
				Tag tags = AudioFileIO.read(upgraded.toFile()).getTag();
				assertEquals("Song", tags.getFirst(FieldKey.TITLE));
				assertEquals("Album", tags.getFirst(FieldKey.ALBUM), "the old file's tags came along");
				assertEquals("128", tags.getFirst(FieldKey.BPM));
				// A FLAC's key is in INITIALKEY, which jaudiotagger's KEY does not read.
				assertEquals("8A", tags.getFirst("INITIALKEY"));
				String relocations = Files.readString(home.resolve("relocations.csv"));
				assertTrue(relocations.startsWith("OldPath,NewPath,OffsetMs,MovedAt"), relocations);
				assertTrue(relocations.contains(mp3 + "," + upgraded + ","), relocations);
			} catch (Exception e) {
				throw new AssertionError(e);
			}
			LibraryEntry after = library.entry(entry.id()).orElseThrow();
			assertEquals(upgraded.toString(), after.filePath());
			assertEquals(UpgradeCandidate.AUTO, after.upgradeSource());
			assertTrue(after.lastUpgradeAt() != null);
			List<HistoryRecord> history = library.history(entry.id());
			assertTrue(history.stream().anyMatch(h -> h.field().equals("FilePath") && h.source().describe().equals("upgrade")),
					history.toString());
			assertTrue(history.stream().anyMatch(h -> h.field().equals("UpgradeSource") && "Auto".equals(h.newValue())),
					history.toString());
			assertEquals(List.of(), OsgiServices.with(CrashRecoveryJournal.class, CrashRecoveryJournal::active));

			ActionableException refused = assertThrows(ActionableException.class, () -> upgrades.reject(ready.id()));
			assertTrue(refused.getMessage().contains("is done"), refused.getMessage());

			RunOutcome undone = upgrades.undo(ready.id());
			assertEquals(RunOutcome.Kind.UNDONE, undone.kind());
			try {
				assertEquals(original, sha256(mp3), "undo restores the original bit-identical");
			} catch (Exception e) {
				throw new AssertionError(e);
			}
			assertTrue(Files.exists(candidate), "the better copy is back where it came from");
			assertFalse(Files.exists(upgraded));
			try {
				List<String> moves = Files.readAllLines(home.resolve("relocations.csv"));
				assertEquals(3, moves.size(), moves.toString());
				assertTrue(moves.get(2).startsWith(upgraded + "," + mp3 + ","), "DJ applications follow the undo back: " + moves);
			} catch (IOException e) {
				throw new AssertionError(e);
			}
			assertEquals(mp3.toString(), library.entry(entry.id()).orElseThrow().filePath());
			assertEquals(UpgradeState.UNDONE, upgrades.list().get(0).state());
			assertNull(library.entry(entry.id()).orElseThrow().upgradeSource(), "no longer an upgraded file");

			// The user rejects the better copy: it is not run, and a later find leaves it rejected.
			UpgradeCandidate rejected = upgrades.reject(ready.id());
			assertEquals(UpgradeState.REJECTED, rejected.state());
			assertEquals(UpgradeCandidate.REJECTED_BY_USER, rejected.reason());
			assertEquals(RunOutcome.Kind.SKIPPED, upgrades.run(List.of(ready.id()), false, true).get(0).kind());
			assertEquals(UpgradeState.REJECTED, upgrades.find(List.of(incoming), ScanProgress.NONE).get(0).state());
			assertEquals(List.of(), upgrades.run(List.of(), false, true), "nothing is ready");
			return null;
		});
	}

	/** Plants, with mutagen, what Serato leaves in an MP3: cover art, GEOB frames; prints each payload. */
	static final String PLANT_SERATO = """
			import sys, struct
			from mutagen.id3 import ID3, APIC, GEOB, Encoding
			t = ID3(sys.argv[1])
			t.add(APIC(encoding=Encoding.LATIN1, mime='image/png', type=3, desc='Cover', data=open(sys.argv[2], 'rb').read()))
			frames = {'Serato Markers2': b'\\x01\\x01AQFDT0xPUgAAAAAEAP///0JQTUxPQ0sAAAAAAQAA' + b'\\x00' * 430,
			          'Serato BeatGrid': b'\\x01\\x00\\x00\\x00\\x00\\x01' + struct.pack('>ff', 0.05, 128.0) + b'\\x00',
			          'Serato Markers_': b'\\x02\\x05\\x00\\x00\\x00\\x00\\x07\\x7f\\x7f\\x7f'}
			for name, data in frames.items():
			    t.add(GEOB(encoding=Encoding.LATIN1, mime='application/octet-stream', filename='', desc=name, data=data))
			t.save(sys.argv[1], v2_version=3)
			""";

	/** Reads a FLAC's pictures and Serato comments with mutagen, decoding Serato's base64 envelope. */
	static final String READ_FLAC = """
			import sys, base64
			from mutagen.flac import FLAC
			f = FLAC(sys.argv[1])
			for p in f.pictures:
			    print('pic', p.type, p.mime, p.desc, p.data.hex())
			for key, values in f.tags.items():
			    if key.upper().startswith('SERATO_'):
			        text = ''.join(values[0].split())
			        data = base64.b64decode(text + '=' * (-len(text) % 4))
			        name, payload = data[len(b'application/octet-stream\\x00\\x00'):].split(b'\\x00', 1)
			        print('dj', key.upper(), name.decode(), payload.hex())
			""";

	static String python(String code, String... args) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-c", code));
		command.addAll(List.of(args));
		return Commands.run(command.toArray(String[]::new));
	}

	@Test
	void anUpgradeCarriesTheArtworkAndSeratosMarkersToTheFlac() throws Exception {
		JAUDIOTAGGER.setLevel(Level.OFF);
		Path music = home.resolve("music");
		Path wav = source(home, "song", "100-6000");
		Path mp3 = music.resolve("Artist - Song.mp3");
		mp3(wav, mp3, 192, "Artist", "Song");
		Path cover = home.resolve("cover.png");
		Commands.run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=blue:s=16x8", "-frames:v", "1", cover.toString());
		python(PLANT_SERATO, mp3.toString(), cover.toString());
		flac(wav, home.resolve("incoming/Song.flac"), "Artist", "Song");

		RunOutcome outcome = withServices(library -> upgrades -> {
			library.scan(music, ScanProgress.NONE);
			library.override(library.entryAt(mp3).orElseThrow().id(), null, null, true);
			upgrades.find(List.of(home.resolve("incoming")), ScanProgress.NONE);
			return upgrades.run(List.of(), false, false).get(0);
		});
		assertEquals(RunOutcome.Kind.UPGRADED, outcome.kind(), outcome.detail());
		assertTrue(outcome.detail().contains("Serato Markers_ not carried: Serato keeps no Markers_ in FLAC files"),
				"the run names what the FLAC has no place for: " + outcome.detail());
		String image = HexFormat.of().formatHex(Files.readAllBytes(cover));
		List<String> seen = python(READ_FLAC, music.resolve("Artist - Song.flac").toString()).lines().toList();
		assertEquals("pic 3 image/png Cover " + image, seen.get(0), "the cover art, type and description with it");
		assertTrue(seen.contains("dj SERATO_MARKERS_V2 Serato Markers2 0101" + HexFormat.of()
				.formatHex("AQFDT0xPUgAAAAAEAP///0JQTUxPQ0sAAAAAAQAA".getBytes(StandardCharsets.US_ASCII)) + "00".repeat(430)),
				seen.toString());
		// Version 1.0, one terminal marker at 0.05 s and 128 BPM, the footer byte.
		assertTrue(seen.contains("dj SERATO_BEATGRID Serato BeatGrid 010000000001" + "3d4ccccd" + "43000000" + "00"),
				seen.toString());
		assertEquals(3, seen.size(), "one picture, Markers2 and BeatGrid: " + seen);
	}

	@Test
	void transcodesOtherRecordingsAndWorseCopiesAreRejectedWithTheirReasons() throws Exception {
		Path music = home.resolve("music");
		Path incoming = home.resolve("incoming");
		Path wav = source(home, "song", "100-6000");
		mp3(wav, music.resolve("Artist - Song.mp3"), 192, "Artist", "Song");
		// A "FLAC" decoded from a 128 kbps MP3: lossless in name only.
		Path lossy = home.resolve("lossy.mp3");
		mp3(wav, lossy, 128, "x", "y");
		Files.createDirectories(incoming);
		Commands.run("ffmpeg", "-v", "error", "-y", "-i", lossy.toString(), "-c:a", "flac", "-metadata", "ARTIST=Artist",
				"-metadata", "TITLE=Song", incoming.resolve("fake").toString() + ".flac");
		// Another recording under the same names, and a copy that is worse than the track.
		Files.createDirectories(incoming.resolve("other"));
		flac(source(home, "other", "5000-200"), incoming.resolve("other/Song.flac"), "Artist", "Song");
		mp3(wav, incoming.resolve("worse/Song.mp3"), 128, "Artist", "Song");
		flac(wav, incoming.resolve("stranger/Unknown.flac"), "Nobody", "Nothing");

		withServices(library -> upgrades -> {
			library.scan(music, ScanProgress.NONE);
			List<UpgradeCandidate> found = upgrades.find(List.of(incoming), ScanProgress.NONE);
			assertEquals(4, found.size(), found.toString());
			for (UpgradeCandidate c : found) {
				assertEquals(UpgradeState.REJECTED, c.state(), c.reason());
			}
			assertTrue(reason(found, "fake.flac").startsWith("rejected: transcoded from lossy, about "), found.toString());
			assertTrue(reason(found, "other/Song.flac").startsWith("rejected: different recording (confidence "),
					found.toString());
			assertEquals("rejected: not better: MP3 128 kbps does not improve on MP3 192 kbps",
					reason(found, "worse/Song.mp3"));
			assertEquals("rejected: no library track is Nobody - Nothing", reason(found, "stranger/Unknown.flac"));
			assertEquals(List.of(), upgrades.run(List.of(), false, true), "nothing is ready");
			return null;
		});
	}

	private static String reason(List<UpgradeCandidate> found, String suffix) {
		return found.stream().filter(c -> c.file().toString().endsWith(suffix)).findFirst().orElseThrow().reason();
	}

	@Test
	void aTrackThatIsNotGoldWaitsForApprovalAndIsRecordedAsManual() throws Exception {
		Path music = home.resolve("music");
		Path wav = source(home, "song", "100-6000");
		mp3(wav, music.resolve("Artist - Song.mp3"), 192, "Artist", "Song");
		flac(wav, home.resolve("incoming/Song.flac"), "Artist", "Song");
		withServices(library -> upgrades -> {
			library.scan(music, ScanProgress.NONE);
			upgrades.find(List.of(home.resolve("incoming")), ScanProgress.NONE);
			RunOutcome waiting = upgrades.run(List.of(), false, false).get(0);
			assertEquals(RunOutcome.Kind.NEEDS_APPROVAL, waiting.kind());
			assertEquals("needs approval: #1 is Bronze, not Gold (run it with --approve)", waiting.detail());
			assertTrue(Files.exists(music.resolve("Artist - Song.mp3")), "untouched");
			assertEquals(List.of(RunOutcome.Kind.WOULD_UPGRADE),
					upgrades.run(List.of(), true, true).stream().map(RunOutcome::kind).toList());
			assertTrue(Files.exists(music.resolve("Artist - Song.mp3")), "a dry run changes nothing");
			// a relocation list whose last line a power cut left half-written
			String earlier = "OldPath,NewPath,OffsetMs,MovedAt\n/music/a.mp3,/music/a.flac,12.0,2026-11-30T10:00:00Z\n";
			try {
				Files.writeString(home.resolve("relocations.csv"), earlier + "/music/b.mp3,/music/b.fl");
			} catch (IOException e) {
				throw new AssertionError(e);
			}
			RunOutcome approved = upgrades.run(List.of(), false, true).get(0);
			assertEquals(RunOutcome.Kind.UPGRADED, approved.kind(), approved.detail());
			assertEquals(UpgradeCandidate.MANUAL, library.entry(1).orElseThrow().upgradeSource());
			try {
				String moves = Files.readString(home.resolve("relocations.csv"));
				assertTrue(moves.startsWith(earlier + music.resolve("Artist - Song.mp3") + "," + music.resolve("Artist - Song.flac")
						+ ","), "the cut line is dropped, the others kept: " + moves);
				assertEquals(3, moves.lines().count(), moves);
			} catch (IOException e) {
				throw new AssertionError(e);
			}
			return null;
		});
	}

	@Test
	void aHeldTrackIsDeferredNamingItsHolderAndUpgradedOnceItIsLetGo() throws Exception {
		Path music = home.resolve("music");
		Path wav = source(home, "song", "100-6000");
		Path mp3 = music.resolve("Artist - Song.mp3");
		mp3(wav, mp3, 192, "Artist", "Song");
		flac(wav, home.resolve("incoming/Song.flac"), "Artist", "Song");
		holder = new ProcessBuilder("sh", "-c", "exec 3<\"$1\"; echo held; exec sleep 120", "sh", mp3.toString())
				.redirectErrorStream(true).start();
		assertEquals("held", new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
				.readLine());
		withServices(library -> upgrades -> {
			library.scan(music, ScanProgress.NONE);
			long id = upgrades.find(List.of(home.resolve("incoming")), ScanProgress.NONE).get(0).id();
			Instant before = Instant.now();
			RunOutcome deferred = upgrades.run(List.of(), false, true).get(0);
			assertEquals(RunOutcome.Kind.DEFERRED, deferred.kind(), deferred.detail());
			assertTrue(deferred.detail().contains("sleep (pid " + holder.pid() + ") has it open"), deferred.detail());
			UpgradeCandidate waiting = deferred.candidate();
			assertEquals(UpgradeState.DEFERRED, waiting.state());
			Duration wait = Duration.between(before, waiting.nextRetryAt());
			assertTrue(wait.compareTo(Duration.ofMinutes(5)) >= 0 && wait.compareTo(Duration.ofMinutes(6)) < 0,
					wait.toString());
			assertTrue(Duration.between(before, Instant.now()).toMillis() >= 2000, "three looks, a second apart");
			assertEquals("Deferred (Locked)", library.listings(new long[] { 1 }).get(0).state().label());
			assertTrue(Files.exists(mp3), "untouched");
			assertEquals(List.of(), upgrades.run(List.of(), false, true), "not due for five minutes");

			holder.destroyForcibly();
			try {
				holder.waitFor(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				throw new AssertionError(e);
			}
			RunOutcome retried = upgrades.run(List.of(id), false, true).get(0);
			assertEquals(RunOutcome.Kind.UPGRADED, retried.kind(), retried.detail());
			assertNull(retried.candidate().nextRetryAt());
			assertEquals("", library.listings(new long[] { 1 }).get(0).state().label());
			return null;
		});
	}

	@Test
	void acrossVolumesTheCopyIsVerifiedAndAFullVolumeIsRefusedUpFront() throws Exception {
		Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "tmpfs mounts need root");
		Path music = Files.createDirectories(home.resolve("music"));
		Path incoming = Files.createDirectories(home.resolve("incoming"));
		Commands.run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", music.toString());
		Commands.run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", incoming.toString());
		try {
			Path wav = source(home, "song", "100-6000");
			Path mp3 = music.resolve("Artist - Song.mp3");
			mp3(wav, mp3, 192, "Artist", "Song");
			flac(wav, incoming.resolve("Song.flac"), "Artist", "Song");
			String original = sha256(mp3);
			long flacSize = Files.size(incoming.resolve("Song.flac"));
			// Leave less room on the track's volume than the FLAC needs.
			Files.write(music.resolve("filler.bin"), new byte[(int) Math.max(0,
					Files.getFileStore(music).getUsableSpace() - flacSize / 2)]);
			withServices(library -> upgrades -> {
				library.scan(music, ScanProgress.NONE);
				long id = upgrades.find(List.of(incoming), ScanProgress.NONE).get(0).id();
				RunOutcome refused = upgrades.run(List.of(id), false, true).get(0);
				assertEquals(RunOutcome.Kind.FAILED, refused.kind(), refused.detail());
				assertTrue(refused.detail().startsWith("Not enough space for the upgrade on the volume of " + music),
						refused.detail());
				try {
					assertEquals(original, sha256(mp3), "nothing changed");
					assertTrue(Files.exists(incoming.resolve("Song.flac")));
					try (var left = Files.list(music)) {
						assertEquals(List.of("Artist - Song.mp3", "filler.bin"),
								left.map(p -> p.getFileName().toString()).sorted().toList(), "no stray file");
					}
					Files.delete(music.resolve("filler.bin"));
				} catch (Exception e) {
					throw new AssertionError(e);
				}
				RunOutcome done = upgrades.run(List.of(id), false, true).get(0);
				assertEquals(RunOutcome.Kind.UPGRADED, done.kind(), done.detail());
				assertTrue(Files.exists(music.resolve("Artist - Song.flac")));
				assertFalse(Files.exists(incoming.resolve("Song.flac")), "the source goes once the copy is verified");
				return null;
			});
		} finally {
			Commands.run("umount", "-l", music.toString());
			Commands.run("umount", "-l", incoming.toString());
		}
	}
}
