package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.EntryDetails;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.MetadataSource;
import orbit.library.OnlineValues;
import orbit.library.internal.LibraryDatabase;
import orbit.tests.support.OsgiServices;
import orbit.tests.support.VersionFourLibrary;

/** A library written at schema version 1 is upgraded in place, and the new schema holds its rules. */
class SchemaUpgradeTest {

	@TempDir
	Path dir;

	/** Writes a real version-1 library file with the released V1 script, as the first ORBIT did. */
	private Path versionOneLibrary() throws Exception {
		Path file = dir.resolve("library.db");
		String script;
		try (InputStream in = LibraryDatabase.class.getClassLoader().getResourceAsStream("db/V1__library_entries.sql")) {
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		try (Connection c = sqlite(file); Statement s = c.createStatement()) {
			for (String sql : script.split(";")) {
				if (!sql.replaceAll("(?m)^--.*$", "").isBlank()) {
					s.execute(sql);
				}
			}
			s.execute("CREATE TABLE SchemaVersion (Version INTEGER PRIMARY KEY, Description TEXT NOT NULL, AppliedAt TEXT NOT NULL)");
			s.execute("INSERT INTO SchemaVersion VALUES (1, 'library entries', '2026-01-01T00:00:00Z')");
			s.execute("INSERT INTO LibraryEntries (UniqueHash, FilePath, FileSize, AddedAt, Title, Artist, Album, Format, "
					+ "Bitrate, DurationSeconds, BPM, MusicalKey) VALUES ('h1', '/m/a.flac', 1000, '2026-01-01T00:00:00Z', "
					+ "'Song A', 'Artist A', 'Album', 'flac', 900, 300, 128.0, '8A')");
			s.execute("INSERT INTO LibraryEntries (UniqueHash, FilePath, FileSize, AddedAt, Title, Artist, Album, Format, "
					+ "Bitrate) VALUES ('h2', '/m/b.mp3', 2000, '2026-01-02T00:00:00Z', 'Song B', 'Artist B', NULL, 'mp3', 320)");
		}
		return file;
	}

	private static Connection sqlite(Path file) throws SQLException {
		Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
		try (Statement s = c.createStatement()) {
			s.execute("PRAGMA foreign_keys=ON");
		}
		return c;
	}

	private static List<String> column(Connection c, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	@Test
	void versionOneFileIsUpgradedInPlaceWithEveryRow() throws Exception {
		Path file = versionOneLibrary();
		try (LibraryDatabase db = LibraryDatabase.open(file)) {
			assertEquals(9, db.schemaVersion());
			assertTrue(db.integrityProblems().isEmpty());
		}
		try (Connection c = sqlite(file)) {
			assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), column(c, "SELECT Version FROM SchemaVersion ORDER BY Version"));
			assertEquals(List.of("0", "0", "0"), column(c, "SELECT COUNT(*) FROM OnlineMetadata UNION ALL "
					+ "SELECT COUNT(*) FROM EnrichmentQueue UNION ALL SELECT COUNT(*) FROM ProviderStates"));
			assertEquals(List.of("0"), column(c, "SELECT COUNT(*) FROM ScanProblems"));
			assertEquals(List.of("/m/a.flac|Song A|128.0|8A|0|", "/m/b.mp3|Song B|||0|"),
					column(c, "SELECT FilePath || '|' || Title || '|' || COALESCE(BPM, '') || '|' || COALESCE(MusicalKey, '')"
							+ " || '|' || IntegrityLevel || '|' || COALESCE(ManualBPM, '') FROM LibraryEntries ORDER BY Id"));
			List<String> columns = column(c, "SELECT name FROM pragma_table_info('LibraryEntries')");
			for (String expected : List.of("Id", "UniqueHash", "FilePath", "FileSize", "AddedAt", "Title", "Artist", "Album",
					"Format", "Bitrate", "DurationSeconds", "BPM", "MusicalKey", "SpotifyBPM", "SpotifyKey",
					"SpotifyDuration", "SpotifyTrackId", "ManualBPM", "ManualKey", "IntegrityLevel",
					"LastUpgradeScanAt", "LastUpgradeAt", "UpgradeSource", "FileModifiedAt")) {
				assertTrue(columns.contains(expected), expected + " in " + columns);
			}
			List<String> indexes = column(c, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
			assertTrue(indexes.containsAll(List.of("IX_LibraryEntries_UniqueHash", "IX_PlaylistTracks_PlaylistId",
					"IX_PlaylistTracks_TrackUniqueHash", "IX_LibraryEntries_IntegrityLevel",
					"IX_LibraryEntries_LastUpgradeScanAt")), indexes.toString());
			assertTrue(column(c, "SELECT sql FROM sqlite_master WHERE name = 'IX_LibraryEntries_LastUpgradeScanAt'").get(0)
					.contains("WHERE LastUpgradeScanAt IS NOT NULL"), "partial index");
		}
		// Opening again runs nothing more.
		try (LibraryDatabase db = LibraryDatabase.open(file)) {
			assertEquals(9, db.schemaVersion());
		}
	}

	/**
	 * Version 4 wrote every provider's answer into the Spotify columns. The upgrade keeps every value,
	 * each as its own provider's: in the answers, the online values, the Spotify columns and history.
	 */
	@Test
	void versionFourLibraryKeepsEveryProvidersAnswerAsItsOwn() throws Exception {
		Path home = dir.resolve("home");
		java.nio.file.Files.createDirectories(home);
		Path file = home.resolve("library.db");
		VersionFourLibrary.write(file);

		EntryDetails both = OsgiServices.withHome(home, Library.class, l -> l.details(1).orElseThrow());
		assertEquals(List.of("spotify 128.0 8A 300 sp1", "deezer 64.0 null 301 3001"), both.answers().stream()
				.map(a -> a.provider() + " " + a.bpm() + " " + a.musicalKey() + " " + a.durationSeconds() + " "
						+ a.providerTrackId()).toList(), "both answers kept, Spotify (the richest) first");
		assertEquals(new OnlineValues(128.0, "spotify", "8A", "spotify", 300, "spotify"), both.entry().online());
		assertEquals(IntegrityLevel.SILVER, both.entry().integrityLevel());
		assertTrue(both.gold().failures().contains("BPM: spotify 128.0 and deezer 64.0 differ by more than 0.5"),
				both.gold().failures().toString());
		assertEquals(List.of("BPM:null->128.0:spotify", "MusicalKey:null->8A:spotify", "DurationSeconds:null->300:spotify",
				"TrackId:null->sp1:spotify", "IntegrityLevel:BRONZE->GOLD:spotify", "BPM:128.0->64.0:deezer",
				"DurationSeconds:300->301:deezer", "IntegrityLevel:GOLD->SILVER:deezer"),
				both.history().stream().map(h -> h.field() + ":" + h.oldValue() + "->" + h.newValue() + ":" + h.origin())
						.toList());

		EntryDetails only = OsgiServices.withHome(home, Library.class, l -> l.details(2).orElseThrow());
		assertEquals(new OnlineValues(122.0, "deezer", null, null, 200, "deezer"), only.entry().online());
		assertEquals("5A", only.entry().manualKey(), "the user's value survives");
		assertEquals(MetadataSource.FILE_TAGS, only.entry().resolvedBpm().source(), "the file's own BPM still wins");
		assertTrue(only.history().stream().filter(h -> h.source() == MetadataSource.ONLINE_PROVIDER)
				.allMatch(h -> "deezer".equals(h.provider())), only.history().toString());

		EntryDetails before = OsgiServices.withHome(home, Library.class, l -> l.details(3).orElseThrow());
		assertEquals(125.0, before.entry().online().bpm(), "a value from before the cache stays, as Spotify's");
		assertEquals("spotify", before.entry().online().bpmProvider());
		assertEquals("spotify", before.entry().resolvedBpm().origin(), "the file has no BPM: the online one, named");
		assertFalse(before.answers().get(0).isFresh(Instant.now()), "kept as an expired answer: Spotify is asked again");

		try (Connection c = sqlite(file)) {
			// A Deezer-only value is never Spotify's, anywhere.
			assertEquals(List.of("1|128.0|8A|300|sp1", "2||||", "3|125.0|||"), column(c, "SELECT Id || '|' || "
					+ "COALESCE(SpotifyBPM, '') || '|' || COALESCE(SpotifyKey, '') || '|' || COALESCE(SpotifyDuration, '') "
					+ "|| '|' || COALESCE(SpotifyTrackId, '') FROM LibraryEntries ORDER BY Id"));
			assertEquals(List.of("0"), column(c, "SELECT COUNT(*) FROM LibraryEntryHistory WHERE Field LIKE 'Spotify%' "
					+ "OR (Provider = 'spotify' AND NewValue IN ('64.0', '122.0', '301', '200'))"));
			assertEquals(List.of("spotify", "deezer"), column(c, "SELECT Provider FROM ProviderOrder ORDER BY Position"));
		}
	}

	/** Files version 5 only reported as duplicates become entries of their own, copies of what they duplicated. */
	@Test
	void reportedDuplicatesBecomeEntriesThatNameTheirStandingCopy() throws Exception {
		Path home = dir.resolve("dups");
		java.nio.file.Files.createDirectories(home);
		Path file = home.resolve("library.db");
		VersionFourLibrary.write(file);
		try (Connection c = sqlite(file); Statement s = c.createStatement()) {
			s.execute("INSERT INTO DuplicateFiles (EntryId, UniqueHash, FilePath, FileSize, SeenAt) VALUES "
					+ "(1, 'h1', '/m/Downloads/both (1).flac', 999, '2026-09-02T00:00:00Z')");
		}
		try (LibraryDatabase db = LibraryDatabase.open(file)) {
			assertEquals(9, db.schemaVersion());
		}
		try (Connection c = sqlite(file)) {
			assertEquals(List.of("/m/Downloads/both (1).flac|1|Both|Agree|999|"), column(c, "SELECT FilePath || '|' || "
					+ "DuplicateOf || '|' || Title || '|' || Artist || '|' || FileSize || '|' || COALESCE(FileModifiedAt, '') "
					+ "FROM LibraryEntries WHERE DuplicateOf IS NOT NULL"));
			assertEquals(List.of("0"), column(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'DuplicateFiles'"));
			assertEquals(List.of("0"), column(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'IX_LibraryEntries_UniqueHash' "
					+ "AND sql LIKE 'CREATE UNIQUE%'"), "several files may hold one recording");
		}
		List<orbit.library.DuplicateFile> copies = OsgiServices.withHome(home, Library.class, Library::duplicates);
		assertEquals(1, copies.size());
		assertEquals("/m/both.flac", copies.get(0).entryFilePath());
	}

	@Test
	void playlistStatsAreRecountedByTheDatabaseOnEveryChange() throws Exception {
		Path file = dir.resolve("library.db");
		LibraryDatabase.open(file).close();
		try (Connection c = sqlite(file); Statement s = c.createStatement()) {
			s.execute("INSERT INTO PlaylistJobs (Id, SourceTitle, SourceType, CreatedAt) VALUES (7, 'Set', 'CSV', 'now')");
			s.execute("INSERT INTO PlaylistTracks (PlaylistId, Position, TrackUniqueHash, Status) VALUES "
					+ "(7, 1, 'a', 'Matched'), (7, 2, 'b', 'Missing'), (7, 3, 'c', 'Missing'), (7, 4, 'd', 'Failed')");
			String stats = "SELECT TotalTracks || '/' || SuccessfulCount || '/' || FailedCount || '/' || MissingCount FROM PlaylistJobs WHERE Id = 7";
			assertEquals(List.of("4/1/1/2"), column(c, stats));
			s.execute("UPDATE PlaylistTracks SET Status = 'Matched' WHERE TrackUniqueHash = 'b'");
			assertEquals(List.of("4/2/1/1"), column(c, stats));
			s.execute("DELETE FROM PlaylistTracks WHERE TrackUniqueHash = 'd'");
			assertEquals(List.of("3/2/0/1"), column(c, stats));
			s.execute("DELETE FROM PlaylistJobs WHERE Id = 7");
			assertEquals(List.of("0"), column(c, "SELECT COUNT(*) FROM PlaylistTracks"), "tracks go with their playlist");
		}
	}

	@Test
	void historyRowsNeedARealEntryAndAKnownSource() throws Exception {
		Path file = dir.resolve("library.db");
		LibraryDatabase.open(file).close();
		try (Connection c = sqlite(file); Statement s = c.createStatement()) {
			s.execute("INSERT INTO LibraryEntries (Id, UniqueHash, FilePath, AddedAt) VALUES (1, 'h', '/x.mp3', 'now')");
			s.execute("INSERT INTO LibraryEntryHistory (EntryId, Field, OldValue, NewValue, Source, ChangedAt) "
					+ "VALUES (1, 'ManualBPM', NULL, '126.0', 'User', 'now')");
			assertThrows(SQLException.class, () -> s.execute("INSERT INTO LibraryEntryHistory (EntryId, Field, Source, "
					+ "ChangedAt) VALUES (99, 'BPM', 'User', 'now')"), "foreign key");
			assertThrows(SQLException.class, () -> s.execute("INSERT INTO LibraryEntryHistory (EntryId, Field, Source, "
					+ "ChangedAt) VALUES (1, 'BPM', 'Somebody', 'now')"), "source check");
			s.execute("INSERT INTO LibraryEntryHistory (EntryId, Field, NewValue, Source, Provider, ChangedAt) "
					+ "VALUES (1, 'BPM', '126.0', 'OnlineProvider', 'deezer', 'now')");
			assertThrows(SQLException.class, () -> s.execute("INSERT INTO LibraryEntryHistory (EntryId, Field, Source, "
					+ "Provider, ChangedAt) VALUES (1, 'BPM', 'FileTags', 'deezer', 'now')"), "a provider names online changes only");
			assertThrows(SQLException.class,
					() -> s.execute("UPDATE LibraryEntries SET IntegrityLevel = 4 WHERE Id = 1"), "level check");
		}
	}
}
