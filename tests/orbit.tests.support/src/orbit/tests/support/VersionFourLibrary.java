package orbit.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.osgi.framework.Bundle;

/**
 * A real library file at schema version 4, made with the released V1 to V4 scripts of the
 * orbit.library bundle, holding what version 4 wrote after Spotify and Deezer answered: every
 * provider's value in the Spotify columns (the last answer won) and in history as a Spotify change.
 * <ul>
 * <li>entry 1, "Agree - Both": Spotify 128.0, 8A, 300 s, id sp1; then Deezer 64.0 (half time), 301 s</li>
 * <li>entry 2, "Deezer - Only": Spotify did not find it; Deezer 122.0, 200 s; the user's key 5A</li>
 * <li>entry 3, "Before - Cache": SpotifyBPM 125.0 from before the cache existed, no answer kept</li>
 * </ul>
 */
public final class VersionFourLibrary {

	private VersionFourLibrary() {
	}

	public static void write(Path file) throws IOException, SQLException {
		try (Connection c = sqlite(file); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE SchemaVersion (Version INTEGER PRIMARY KEY, Description TEXT NOT NULL, AppliedAt TEXT NOT NULL)");
			String[] scripts = { "V1__library_entries.sql", "V2__dual_truth_playlists_history.sql", "V3__scan_problems.sql",
					"V4__online_metadata.sql" };
			for (int v = 1; v <= 4; v++) {
				for (String sql : statements(script(scripts[v - 1]))) {
					s.execute(sql);
				}
				s.execute("INSERT INTO SchemaVersion VALUES (" + v + ", 'v" + v + "', '2026-01-01T00:00:00Z')");
			}
			s.execute("INSERT INTO LibraryEntries (Id, UniqueHash, FilePath, FileSize, AddedAt, Title, Artist, Album, Format, "
					+ "Bitrate, DurationSeconds, BPM, MusicalKey, SpotifyBPM, SpotifyKey, SpotifyDuration, SpotifyTrackId, "
					+ "IntegrityLevel) VALUES "
					+ "(1, 'h1', '/m/both.flac', 1000, '2026-09-01T00:00:00Z', 'Both', 'Agree', 'LP', 'flac', 900, 300, 128.0, "
					+ "'8A', 64.0, '8A', 301, 'sp1', 2), "
					+ "(2, 'h2', '/m/only.mp3', 1000, '2026-09-01T00:00:00Z', 'Only', 'Deezer', 'LP', 'mp3', 320, 200, 122.0, "
					+ "'4A', 122.0, NULL, 200, NULL, 2), "
					+ "(3, 'h3', '/m/cache.mp3', 1000, '2026-09-01T00:00:00Z', 'Cache', 'Before', 'LP', 'mp3', 320, 240, NULL, "
					+ "NULL, 125.0, NULL, NULL, NULL, 2)");
			s.execute("INSERT INTO OnlineMetadata (Provider, EntryId, Found, ProviderTrackId, BPM, MusicalKey, DurationSeconds, "
					+ "ISRC, FetchedAt, ExpiresAt) VALUES "
					+ "('spotify', 1, 1, 'sp1', 128.0, '8A', 300, 'GBAAA2600001', '2026-10-01T10:00:00.000Z', '2026-12-30T10:00:00Z'), "
					+ "('deezer', 1, 1, '3001', 64.0, NULL, 301, 'GBAAA2600001', '2026-10-01T10:00:01.000Z', '2026-12-30T10:00:01Z'), "
					+ "('spotify', 2, 0, NULL, NULL, NULL, NULL, NULL, '2026-10-01T10:00:02.000Z', '2026-10-15T10:00:02Z'), "
					+ "('deezer', 2, 1, '3002', 122.0, NULL, 200, NULL, '2026-10-01T10:00:03.000Z', '2026-12-30T10:00:03Z')");
			s.execute("INSERT INTO LibraryEntryHistory (EntryId, Field, OldValue, NewValue, Source, ChangedAt) VALUES "
					+ "(1, 'SpotifyBPM', NULL, '128.0', 'OnlineProvider', '2026-10-01T10:00:00.004Z'), "
					+ "(1, 'SpotifyKey', NULL, '8A', 'OnlineProvider', '2026-10-01T10:00:00.004Z'), "
					+ "(1, 'SpotifyDuration', NULL, '300', 'OnlineProvider', '2026-10-01T10:00:00.004Z'), "
					+ "(1, 'SpotifyTrackId', NULL, 'sp1', 'OnlineProvider', '2026-10-01T10:00:00.004Z'), "
					+ "(1, 'IntegrityLevel', 'BRONZE', 'GOLD', 'OnlineProvider', '2026-10-01T10:00:00.004Z'), "
					+ "(1, 'SpotifyBPM', '128.0', '64.0', 'OnlineProvider', '2026-10-01T10:00:01.004Z'), "
					+ "(1, 'SpotifyDuration', '300', '301', 'OnlineProvider', '2026-10-01T10:00:01.004Z'), "
					+ "(1, 'IntegrityLevel', 'GOLD', 'SILVER', 'OnlineProvider', '2026-10-01T10:00:01.004Z'), "
					+ "(2, 'SpotifyBPM', NULL, '122.0', 'OnlineProvider', '2026-10-01T10:00:03.004Z'), "
					+ "(2, 'SpotifyDuration', NULL, '200', 'OnlineProvider', '2026-10-01T10:00:03.004Z'), "
					+ "(2, 'IntegrityLevel', 'BRONZE', 'SILVER', 'OnlineProvider', '2026-10-01T10:00:03.004Z'), "
					+ "(2, 'ManualKey', NULL, '5A', 'User', '2026-10-02T09:00:00.000Z')");
			s.execute("UPDATE LibraryEntries SET ManualKey = '5A' WHERE Id = 2");
		}
	}

	public static Connection sqlite(Path file) throws SQLException {
		Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
		try (Statement s = c.createStatement()) {
			s.execute("PRAGMA foreign_keys=ON");
		}
		return c;
	}

	/** A released script of orbit.library, read from the installed bundle. */
	private static String script(String name) throws IOException {
		Bundle library = null;
		for (Bundle bundle : OsgiServices.context().getBundles()) {
			if (bundle.getSymbolicName().equals("orbit.library")) {
				library = bundle;
			}
		}
		URL entry = library == null ? null : library.getEntry("db/" + name);
		if (entry == null) {
			throw new IOException("orbit.library has no db/" + name);
		}
		try (InputStream in = entry.openStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Statements end with a semicolon at the end of a line (a trigger holds semicolons inside a line). */
	private static List<String> statements(String script) {
		List<String> result = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : script.split("\\R")) {
			if (line.strip().isEmpty() || line.strip().startsWith("--")) {
				continue;
			}
			current.append(line).append('\n');
			if (line.strip().endsWith(";")) {
				result.add(current.toString().strip());
				current.setLength(0);
			}
		}
		return result;
	}
}
