package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.EntryQuery;
import orbit.library.HistoryRecord;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProgress;
import orbit.library.TrackState;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeLedger;
import orbit.library.UpgradeState;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;

/**
 * The library's side of an upgrade, on real files: a candidate kept with its verdict, a deferral
 * shown with the entry's state, the entry switched to the new file through the entry writer with
 * history rows, playlists following, told twice without a second change, and undone.
 */
class UpgradeLedgerTest {

	@TempDir
	Path home;

	@Test
	void anUpgradeSwitchesTheEntryAndItsPlaylistsAndIsUndone() throws Exception {
		Path music = Files.createDirectories(home.resolve("music"));
		Path wav = home.resolve("tone.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", "4", "sine", "440");
		Path mp3 = music.resolve("Artist - Song.mp3");
		Commands.run("lame", "--quiet", "-b", "192", "--tt", "Song", "--ta", "Artist", "--tl", "Album", wav.toString(),
				mp3.toString());
		// Where the upgrade will have put the FLAC, and where it keeps the original.
		Path flac = music.resolve("Artist - Song.flac");
		Commands.run("flac", "-s", "-f", "-T", "TITLE=Song", "-T", "ARTIST=Artist", "-T", "ALBUM=Album", "-o",
				flac.toString(), wav.toString());
		Path kept = Files.createDirectories(music.resolve(Library.ORBIT_WORK_PREFIX + "originals"))
				.resolve(mp3.getFileName());
		Path m3u = Files.writeString(home.resolve("set.m3u"), mp3 + "\n");

		OsgiServices.withHome(home, Library.class, library -> OsgiServices.with(UpgradeLedger.class, ledger -> {
			try {
				// The scan passes over ORBIT's own folder; the FLAC beside the MP3 is moved away first.
				Path aside = Files.move(flac, home.resolve(flac.getFileName()));
				Files.copy(mp3, kept);
				library.scan(music, ScanProgress.NONE);
				assertEquals(1, library.countTracks(), "the kept originals' folder is not scanned");
				LibraryEntry before = library.entryAt(mp3).orElseThrow();
				library.importPlaylist(m3u);

				UpgradeCandidate candidate = ledger.keep(UpgradeCandidate.found(aside, before.id(), "FLAC", 900, 16,
						44_100, 4.0, UpgradeState.READY, "ready: FLAC 16/44.1 replaces MP3 192 kbps, offset +0.0 ms", 0.99,
						0.0));
				assertEquals(UpgradeState.READY, candidate.state());
				assertEquals(List.of(candidate), ledger.candidatesFor(before.id()));

				Instant retry = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
				ledger.defer(candidate.id(), retry, "rekordbox (pid 4242) has it open", UpgradeCandidate.MANUAL);
				TrackState state = library.listings(new long[] { before.id() }).get(0).state();
				assertEquals("Deferred (Locked)", state.label());
				assertTrue(state.describe().contains("rekordbox (pid 4242) has it open"), state.describe());
				assertEquals(List.of(), ledger.due(Instant.now()));
				assertEquals(1, ledger.due(retry.plusSeconds(1)).size());

				// The swap itself is the upgrade concern's: here the files are where it leaves them.
				Files.move(mp3, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				Files.move(aside, flac);
				Instant at = Instant.now();
				LibraryEntry after = ledger.upgraded(candidate.id(), flac, mp3, kept, UpgradeCandidate.MANUAL, at);
				assertEquals(before.id(), after.id());
				assertEquals(flac.toString(), after.filePath());
				assertEquals("flac", after.format().toLowerCase());
				assertEquals(UpgradeCandidate.MANUAL, after.upgradeSource());
				assertEquals(at, after.lastUpgradeAt());
				assertEquals(after, ledger.upgraded(candidate.id(), flac, mp3, kept, UpgradeCandidate.MANUAL, at),
						"told again, nothing changes");
				List<HistoryRecord> history = library.history(before.id());
				assertTrue(history.stream().anyMatch(h -> h.field().equals("FilePath") && h.oldValue().equals(mp3.toString())
						&& h.newValue().equals(flac.toString()) && h.source().describe().equals("upgrade")), history.toString());
				assertEquals(1, history.stream().filter(h -> h.field().equals("FilePath")).count(), "one row per change");
				assertEquals(flac.toString(), playlistPath(), "the playlist follows");
				UpgradeCandidate done = ledger.candidate(candidate.id()).orElseThrow();
				assertEquals(UpgradeState.DONE, done.state());
				assertEquals(kept, done.keptOriginal());
				assertEquals(mp3, done.replacedFile());
				assertNull(done.nextRetryAt());
				assertEquals(TrackState.OK, library.listings(new long[] { before.id() }).get(0).state());
				// A later verdict on the same file does not overwrite a done upgrade's record.
				ledger.keep(UpgradeCandidate.found(flac, before.id(), "FLAC", 900, 16, 44_100, 4.0, UpgradeState.REJECTED,
						"rejected: not better", null, null));
				assertEquals(UpgradeState.DONE, ledger.candidate(candidate.id()).orElseThrow().state());

				Files.move(kept, mp3);
				Files.move(flac, aside);
				LibraryEntry undone = ledger.undone(candidate.id(), Instant.now());
				assertEquals(mp3.toString(), undone.filePath());
				assertEquals("mp3", undone.format().toLowerCase());
				assertEquals(mp3.toString(), playlistPath());
				assertEquals(UpgradeState.UNDONE, ledger.candidate(candidate.id()).orElseThrow().state());
				assertNull(undone.lastUpgradeAt(), "the entry's file is no longer an upgrade");
				assertNull(undone.upgradeSource());
				assertTrue(library.history(before.id()).stream().anyMatch(h -> h.field().equals("UpgradeSource")
						&& UpgradeCandidate.MANUAL.equals(h.oldValue()) && h.newValue() == null), "the undo is in the history");
				assertEquals(1, library.entryIds(EntryQuery.ALL).length);
				return null;
			} catch (Exception e) {
				throw new AssertionError(e);
			}
		}));
	}

	@Test
	void aCandidateTheUserRejectedStaysRejectedWhenItsFileIsJudgedAgain() {
		Path file = home.resolve("incoming/Song.flac");
		OsgiServices.withHome(home, UpgradeLedger.class, ledger -> {
			UpgradeCandidate ready = ledger.keep(UpgradeCandidate.found(file, null, "FLAC", 900, 16, 44_100, 4.0,
					UpgradeState.READY, "ready: FLAC 16/44.1 replaces MP3 192 kbps, offset +0.0 ms", 0.99, 0.0));
			UpgradeCandidate rejected = ledger.rejected(ready.id(), UpgradeCandidate.REJECTED_BY_USER);
			assertEquals(UpgradeState.REJECTED, rejected.state());
			assertEquals(UpgradeCandidate.REJECTED_BY_USER, rejected.reason());
			assertTrue(rejected.rejectedByUser());
			UpgradeCandidate again = ledger.keep(UpgradeCandidate.found(file, null, "FLAC", 900, 16, 44_100, 4.0,
					UpgradeState.READY, "ready: FLAC 16/44.1 replaces MP3 192 kbps, offset +0.0 ms", 0.99, 0.0));
			assertEquals(rejected.id(), again.id());
			assertEquals(UpgradeState.REJECTED, again.state(), "a later look at the file leaves the user's rejection");

			// A rejection by a look at the file is no user's: it forgets a deferral's approval.
			Path other = home.resolve("incoming/Other.flac");
			UpgradeCandidate deferred = ledger.keep(UpgradeCandidate.found(other, null, "FLAC", 900, 16, 44_100, 4.0,
					UpgradeState.READY, "ready", 0.99, 0.0));
			ledger.defer(deferred.id(), Instant.now(), "rekordbox (pid 4242) has it open", UpgradeCandidate.MANUAL);
			UpgradeCandidate judged = ledger.keep(UpgradeCandidate.found(other, null, "FLAC", 900, 16, 44_100, 4.0,
					UpgradeState.REJECTED, "rejected: not better", null, null));
			assertEquals(UpgradeState.REJECTED, judged.state());
			assertFalse(judged.rejectedByUser());
			assertEquals(UpgradeState.READY, ledger.keep(UpgradeCandidate.found(other, null, "FLAC", 900, 16, 44_100,
					4.0, UpgradeState.READY, "ready", 0.99, 0.0)).state());
			return null;
		});
	}

	private String playlistPath() throws Exception {
		try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + home.resolve("library.db"), new Properties());
				Statement s = c.createStatement();
				ResultSet rows = s.executeQuery("SELECT ResolvedFilePath FROM PlaylistTracks")) {
			rows.next();
			return rows.getString(1);
		}
	}
}
