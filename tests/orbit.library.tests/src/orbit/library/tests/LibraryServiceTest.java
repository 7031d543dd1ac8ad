package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.Library;
import orbit.library.LibraryHealth;
import orbit.library.LibraryEntry;
import orbit.library.TrackInput;
import orbit.library.UniqueHash;
import orbit.tests.support.OsgiServices;

class LibraryServiceTest {

	@TempDir
	Path home;

	static TrackInput track(int n) {
		return new TrackInput("/music/" + n + ".flac", 30_000_000L + n, "Title " + n, "Artist " + (n % 97),
				"Album " + (n % 13), "flac", 1411, 180 + n % 240, 120.0 + n % 10, (1 + n % 12) + "A");
	}

	static List<TrackInput> tracks(int count) {
		List<TrackInput> list = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			list.add(track(i));
		}
		return list;
	}

	@Test
	void theServiceCreatesTheLibraryInTheDataDirectoryAndStoresTracks() {
		List<LibraryEntry> page = OsgiServices.withHome(home, Library.class, library -> {
			assertEquals(home.resolve("library.db"), library.databaseFile());
			assertEquals(3, library.addTracks(tracks(3)));
			assertEquals(3, library.countTracks());
			return library.findEntries(null, null, 0, 10);
		});
		assertEquals(3, page.size());
		LibraryEntry first = page.get(0);
		assertEquals("Title 0", first.title());
		assertEquals("Artist 0", first.artist());
		assertEquals(UniqueHash.of("Artist 0", "Title 0", "Album 0"), first.uniqueHash());
		assertEquals(Double.valueOf(120.0), first.bpm());
		assertEquals(Integer.valueOf(180), first.durationSeconds());
		assertEquals("1A", first.musicalKey());
		assertTrue(first.addedAt() != null);
	}

	@Test
	void aFileAlreadyInTheLibraryIsNotAddedTwiceAndASecondCopyIsNamedSo() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(tracks(2));
			TrackInput sameRecording = new TrackInput("/other/place.mp3", 1, "  TITLE 1 ", "artist\t1", "album  1",
					"mp3", 128, track(1).durationSeconds(), null, null);
			assertEquals(1, library.addTracks(List.of(sameRecording, track(1))), "only the new file is added");
			LibraryEntry copy = library.entryAt(java.nio.file.Path.of("/other/place.mp3")).orElseThrow();
			LibraryEntry first = library.entryAt(java.nio.file.Path.of(track(1).filePath())).orElseThrow();
			assertEquals(first.uniqueHash(), copy.uniqueHash(), "the same recording");
			assertEquals(first.id(), copy.duplicateOf(), "a copy of the better file");
			return null;
		});
	}

	@Test
	void databaseIsInWalModeWithTheSchemaRecordedAndClosesCleanly() throws SQLException {
		LibraryHealth health = OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(tracks(10));
			return library.health();
		});
		assertEquals("wal", health.journalMode().toLowerCase());
		assertTrue(health.healthy(), health.toString());
		assertEquals(10, health.tracks());
		assertEquals(health.latestSchemaVersion(), health.schemaVersion());
		// Released service: the component deactivated, checkpointed and closed every connection.
		assertFalse(Files.exists(home.resolve("library.db-wal")), "no -wal after a clean close");
		assertFalse(Files.exists(home.resolve("library.db-shm")), "no -shm after a clean close");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("library.db"));
				Statement s = c.createStatement();
				ResultSet versions = s.executeQuery("SELECT Version, Description, AppliedAt FROM SchemaVersion ORDER BY Version")) {
			assertTrue(versions.next());
			assertEquals(1, versions.getInt(1));
			assertNotEquals("", versions.getString(3));
		}
	}

	@Test
	void reopeningAnUpToDateLibraryRunsNoMigrationAndKeepsRows() {
		OsgiServices.withHome(home, Library.class, library -> library.addTracks(tracks(5)));
		long count = OsgiServices.withHome(home, Library.class, Library::countTracks);
		assertEquals(5, count);
	}

	@Test
	void pagesThroughAHundredThousandTracks() {
		OsgiServices.withHome(home, Library.class, library -> {
			long start = System.nanoTime();
			assertEquals(100_000, library.addTracks(tracks(100_000)));
			long inserted = System.nanoTime();
			List<LibraryEntry> last = library.findEntries(null, null, 99_900, 256);
			long paged = System.nanoTime();
			assertEquals(100, last.size());
			assertEquals("Title 99999", last.get(99).title());
			assertEquals(100_000, library.countTracks());
			System.out.printf("100,000 tracks: insert %.0f ms, last page %.2f ms%n", (inserted - start) / 1e6,
					(paged - inserted) / 1e6);
			return null;
		});
	}
}
