package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/**
 * The lookups by id and by path read their row by position, apart from the listings' mapping:
 * with every column of an entry set, both read exactly what the listing reads.
 */
class EntryLookupTest {

	@TempDir
	Path home;

	@Test
	void lookupsReadEveryColumnAsTheListingDoes() throws Exception {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(
					new TrackInput("/music/a.flac", 1_000, "A", "Artist", "Album", "flac", 1411, 200, 120.0, "8A"),
					new TrackInput("/music/b.flac", 2_000, "B", "Artist", "Album", "flac", 1411, 201, null, null)));
			return null;
		});
		// A fixture of values in every column, including those only later concerns fill.
		try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + home.resolve("library.db"), new Properties());
				Statement s = c.createStatement()) {
			s.executeUpdate("UPDATE LibraryEntries SET SpotifyBPM = 120.5, SpotifyKey = '8A', SpotifyDuration = 199, "
					+ "SpotifyTrackId = 'sp1', OnlineBPM = 120.5, OnlineBPMProvider = 'spotify', OnlineKey = '8A', "
					+ "OnlineKeyProvider = 'deezer', OnlineDuration = 199, OnlineDurationProvider = 'spotify', "
					+ "ManualBPM = 121.25, ManualKey = '9B', UserVerifiedGold = 1, "
					+ "LastUpgradeScanAt = '2026-01-02T03:04:05Z', LastUpgradeAt = '2026-01-03T03:04:05Z', "
					+ "UpgradeSource = 'Manual', FileModifiedAt = 1700000000123, MissingSince = '2026-02-02T00:00:00Z', "
					+ "DuplicateOf = 2, AudioCheckedAt = '2026-02-01T00:00:00Z', AudioIntact = 0, "
					+ "AudioDetail = 'frame 12 damaged', AudioCheck = 'Decoded' WHERE Id = 1");
		}
		OsgiServices.withHome(home, Library.class, library -> {
			for (long id : new long[] { 1, 2 }) {
				LibraryEntry listed = library.details(id).orElseThrow().entry();
				assertEquals(listed, library.entry(id).orElseThrow(), "by id " + id);
				assertEquals(listed, library.entryAt(Path.of(listed.filePath())).orElseThrow(), "by path " + id);
			}
			LibraryEntry full = library.entry(1).orElseThrow();
			assertEquals(121.25, full.manualBpm());
			assertEquals(1_700_000_000_123L, full.fileModifiedAt());
			assertEquals(2L, full.duplicateOf());
			assertNotNull(full.missingSince());
			assertFalse(full.audio().intact());
			assertTrue(full.audio().decoded());
			assertEquals("deezer", full.online().keyProvider());
			LibraryEntry bare = library.entry(2).orElseThrow();
			assertEquals(null, bare.bpm());
			assertEquals(null, bare.duplicateOf());
			assertEquals(null, bare.audio());
			assertTrue(library.entry(3).isEmpty());
			assertTrue(library.entryAt(Path.of("/music/none.flac")).isEmpty());
			return null;
		});
	}
}
