package orbit.library.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

import orbit.core.ActionableException;
import orbit.core.ErrorSentences;
import orbit.library.PlaylistSummary;
import orbit.library.ScanProgress;
import orbit.library.UniqueHash;

/**
 * Imports a playlist file (CSV with Artist/Title/Album columns or a Spotify export's "Track
 * Name"/"Artist Name(s)"/"Album Name" columns; M3U/M3U8), matching each row to a library entry.
 * A row without a match is Missing; a row that names no track is Failed.
 *
 * <p>A playlist imports whole or not at all. A CSV is read twice as a stream, never held in
 * memory: once to check every line and count the rows (a malformed line is refused before
 * anything is written), then to import the rows in transactions of {@link #BATCH} rows each.
 * Until the last batch is in, the playlist is marked as importing and no listing shows it; a
 * failure part way (a full disk) deletes it again. A file imported before updates its playlist
 * when the last batch is in (see {@link #finish}).
 */
final class PlaylistImport {

	/** Rows per transaction: few enough that the WAL stays small, many enough that commits cost little. */
	static final int BATCH = 5_000;
	private static final int PROGRESS_STEP = 500;
	/** A playlist still marked as importing after this long was left by an import that died. */
	private static final java.time.Duration ABANDONED = java.time.Duration.ofHours(1);

	private record Row(String artist, String title, String album, String path) {
	}

	/** The rows of a playlist file, read as they are imported. */
	private interface Rows extends AutoCloseable {
		java.util.Iterator<Row> iterator();

		@Override
		void close() throws IOException;
	}

	private final SqlSessionFactory sessions;
	private final ScanProgress progress;

	PlaylistImport(SqlSessionFactory sessions, ScanProgress progress) {
		this.sessions = sessions;
		this.progress = progress;
	}

	PlaylistSummary run(Path file) {
		Path source = file.toAbsolutePath().normalize();
		if (!Files.isRegularFile(source)) {
			throw new ActionableException(source + " is not a playlist file", "Give a .csv, .m3u or .m3u8 file");
		}
		String name = source.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		int total;
		String type;
		List<Row> listed = null;
		if (lower.endsWith(".csv")) {
			total = checkCsv(source);
			type = "CSV";
		} else if (lower.endsWith(".m3u") || lower.endsWith(".m3u8")) {
			listed = m3u(source);
			total = listed.size();
			type = "M3U";
		} else {
			throw new ActionableException(name + " is not a playlist format ORBIT reads",
					"Give a .csv (plain or a Spotify export), .m3u or .m3u8 file");
		}
		progress.filesFound(total);
		PlaylistRow playlist = new PlaylistRow();
		playlist.sourceTitle = name.replaceFirst("\\.[^.]+$", "");
		playlist.sourceType = type;
		playlist.sourceUrl = source.toUri().toString();
		playlist.createdAt = Instant.now().toString();
		try (SqlSession session = sessions.openSession(false)) {
			PlaylistMapper mapper = session.getMapper(PlaylistMapper.class);
			mapper.deleteAbandoned(Instant.now().minus(ABANDONED).toString());
			mapper.insertPlaylist(playlist);
			session.commit(true);
			try (Rows rows = listed == null ? csv(source) : listed(listed);
					Statements statements = new Statements(session.getConnection())) {
				int position = 0;
				for (var it = rows.iterator(); it.hasNext();) {
					statements.insert(playlist.id, ++position, it.next());
					if (position % BATCH == 0) {
						statements.flush();
						session.commit(true);
					}
					if (position % PROGRESS_STEP == 0) {
						progress.fileDone(position, total);
					}
					if (progress.isCancelled()) {
						throw new ActionableException("The import of " + name + " was stopped; nothing was imported",
								"Import it again when you have the time");
					}
				}
				statements.flush();
				long kept = finish(mapper, playlist);
				session.commit(true);
				progress.fileDone(position, total);
				return mapper.byId(kept).toSummary();
			} catch (IOException | SQLException | RuntimeException e) {
				RuntimeException failure = e instanceof ActionableException a ? a
						: e instanceof SQLException sql ? new PersistenceException("Cannot import " + name + ": "
								+ sql.getMessage(), sql)
						: e instanceof IOException || e instanceof UncheckedIOException ? unreadable(source, e)
								: (RuntimeException) e;
				forget(session, playlist.id, failure);
				throw failure;
			}
		}
	}

	/**
	 * Shows the new playlist; or, when the same file was imported before, makes the new rows that
	 * playlist's, each keeping the DJ's marks on its recording, so that re-importing updates it.
	 *
	 * @return the id of the playlist the rows are in
	 */
	private static long finish(PlaylistMapper mapper, PlaylistRow playlist) {
		Long earlier = mapper.earlierImport(playlist.sourceUrl, playlist.id);
		if (earlier == null) {
			mapper.finishImport(playlist.id);
			return playlist.id;
		}
		mapper.carryMarks(earlier, playlist.id);
		mapper.deleteTracks(earlier);
		mapper.moveTracks(playlist.id, earlier);
		mapper.deletePlaylist(playlist.id);
		return earlier;
	}

	/** The import's lookups and its insert, prepared once on the import's connection; inserts go in batches. */
	private static final class Statements implements AutoCloseable {
		private final PreparedStatement byPath, byHash, byName, insert;

		Statements(Connection connection) throws SQLException {
			byPath = connection.prepareStatement(PlaylistMapper.MATCH_BY_PATH);
			byHash = connection.prepareStatement(PlaylistMapper.MATCH_BY_HASH);
			byName = connection.prepareStatement(PlaylistMapper.MATCH_BY_ARTIST_TITLE);
			insert = connection.prepareStatement(PlaylistMapper.INSERT_TRACK);
		}

		void insert(long playlistId, int position, Row row) throws SQLException {
			insert.setLong(1, playlistId);
			insert.setInt(2, position);
			insert.setString(4, row.artist());
			insert.setString(5, row.title());
			insert.setString(6, row.album());
			// Normalising and hashing the tags is a good part of a row's cost: once per row.
			String hash = row.title() == null ? null : UniqueHash.of(row.artist(), row.title(), row.album());
			Object[] entry = match(row, hash);
			if (entry != null) {
				insert.setObject(3, entry[0]);
				insert.setString(7, "Matched");
				for (int column = 1; column < entry.length; column++) {
					insert.setObject(7 + column, entry[column]);
				}
			} else {
				insert.setString(3, hash != null ? hash : UniqueHash.of(row.artist(), row.title(), row.album()));
				insert.setString(7, row.title() == null && row.path() == null ? "Failed" : "Missing");
				for (int column = 8; column <= 12; column++) {
					insert.setObject(column, null);
				}
			}
			insert.addBatch();
		}

		void flush() throws SQLException {
			insert.executeBatch();
		}

		/** The entry's {@link PlaylistMapper#MATCH_COLUMNS}, or null when no entry matches. */
		private Object[] match(Row row, String hash) throws SQLException {
			if (row.path() != null) {
				Object[] byFile = first(byPath, row.path());
				if (byFile != null) {
					return byFile;
				}
			}
			if (row.title() == null) {
				return null;
			}
			Object[] byRecording = first(byHash, hash);
			if (byRecording != null || row.artist() == null) {
				return byRecording;
			}
			Object[] byArtist = first(byName, row.artist().strip(), row.title().strip());
			if (byArtist == null && row.artist().contains(",")) {
				// Spotify exports list every artist ("A, B"); the file's tag often names only the first.
				byArtist = first(byName, row.artist().split(",")[0].strip(), row.title().strip());
			}
			return byArtist;
		}

		private static Object[] first(PreparedStatement query, String... values) throws SQLException {
			for (int i = 0; i < values.length; i++) {
				query.setString(i + 1, values[i]);
			}
			try (ResultSet rows = query.executeQuery()) {
				if (!rows.next()) {
					return null;
				}
				Object[] entry = new Object[6];
				for (int column = 0; column < entry.length; column++) {
					entry[column] = rows.getObject(column + 1);
				}
				return entry;
			}
		}

		@Override
		public void close() throws SQLException {
			for (PreparedStatement statement : List.of(byPath, byHash, byName, insert)) {
				statement.close();
			}
		}
	}

	/** Deletes a playlist whose import failed part way, in a session of its own; its rows go with it. */
	private void forget(SqlSession importing, long playlistId, RuntimeException failure) {
		try {
			// The batch under way holds the write lock until it is rolled back.
			importing.rollback(true);
		} catch (RuntimeException e) {
			failure.addSuppressed(e);
		}
		try (SqlSession session = sessions.openSession(true)) {
			session.getMapper(PlaylistMapper.class).deletePlaylist(playlistId);
		} catch (RuntimeException e) {
			// Still marked as importing, so hidden, and deleted by the next import: the first failure is what counts.
			failure.addSuppressed(e);
		}
	}

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true).setTrim(true).get();

	/** Reads the whole CSV once, as a stream, and counts its rows: a malformed line is refused here, before any write. */
	private static int checkCsv(Path file) {
		try (CSVParser parser = FORMAT.parse(utf8(file))) {
			titleColumn(file, parser.getHeaderMap());
			int rows = 0;
			for (var it = parser.iterator(); it.hasNext(); it.next()) {
				rows++;
			}
			return rows;
		} catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
			throw unreadable(file, e);
		}
	}

	private static Rows csv(Path file) throws IOException {
		CSVParser parser = FORMAT.parse(utf8(file));
		Map<String, Integer> header = parser.getHeaderMap();
		String title = titleColumn(file, header);
		String artist = column(header, "Artist Name(s)", "Artist Name", "Artist", "Artists");
		String album = column(header, "Album Name", "Album");
		var records = parser.iterator();
		return new Rows() {
			@Override
			public java.util.Iterator<Row> iterator() {
				return new java.util.Iterator<>() {
					@Override
					public boolean hasNext() {
						return records.hasNext();
					}

					@Override
					public Row next() {
						CSVRecord record = records.next();
						return new Row(value(record, artist), value(record, title), value(record, album), null);
					}
				};
			}

			@Override
			public void close() throws IOException {
				parser.close();
			}
		};
	}

	private static Rows listed(List<Row> rows) {
		return new Rows() {
			@Override
			public java.util.Iterator<Row> iterator() {
				return rows.iterator();
			}

			@Override
			public void close() {
			}
		};
	}

	private static String titleColumn(Path file, Map<String, Integer> header) {
		String title = column(header, "Track Name", "Title", "Name", "Track");
		if (title == null) {
			throw new ActionableException(file.getFileName() + " has no title column (its columns: " + header.keySet() + ")",
					"Give a CSV with a Title (or Spotify 'Track Name') column");
		}
		return title;
	}

	/** One sentence naming the file and, for a malformed CSV, its line; nothing was imported. */
	private static ActionableException unreadable(Path file, Exception e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof CharacterCodingException) {
				return new ActionableException(file + " is not UTF-8 text; nothing was imported",
						"Save the playlist as UTF-8 and import it again");
			}
			if (t.getClass().getName().startsWith("org.apache.commons.csv.")) {
				java.util.regex.Matcher line = java.util.regex.Pattern.compile("line:? *(\\d[\\d,]*)").matcher(String.valueOf(t.getMessage()));
				return new ActionableException(file + (line.find() ? " line " + line.group(1).replace(",", "") : "")
						+ " is not valid CSV (a quote that is not closed, or text after a closing quote); nothing was imported",
						"Fix that line and import the file again", e);
			}
		}
		return new ActionableException("Cannot read " + file + " as CSV (" + ErrorSentences.sentence(e, file) + ")",
				"Check that it is a comma-separated file with a header line", e);
	}

	/** The file as UTF-8 text, decoded as it is read; a leading byte order mark is skipped. */
	private static Reader utf8(Path file) throws IOException {
		java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
				StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
						.onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
		reader.mark(1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
		return reader;
	}

	private static String column(Map<String, Integer> header, String... names) {
		for (String name : names) {
			for (String actual : header.keySet()) {
				if (actual.strip().replace("\uFEFF", "").equalsIgnoreCase(name)) {
					return actual;
				}
			}
		}
		return null;
	}

	private static String value(CSVRecord record, String column) {
		if (column == null || !record.isSet(column)) {
			return null;
		}
		String v = record.get(column);
		return v == null || v.isBlank() ? null : v.strip();
	}

	private static List<Row> m3u(Path file) {
		List<String> lines;
		try {
			lines = List.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString().split("\\R"));
		} catch (CharacterCodingException e) {
			try {
				// Classic .m3u files are Latin-1.
				lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
			} catch (IOException io) {
				throw new ActionableException("Cannot read " + file + " (" + io.getMessage() + ")", "Check the file");
			}
		} catch (IOException e) {
			throw new ActionableException("Cannot read " + file + " (" + e.getMessage() + ")", "Check the file");
		}
		List<Row> rows = new ArrayList<>();
		String artist = null;
		String title = null;
		for (String raw : lines) {
			String line = raw.replace("\uFEFF", "").strip();
			if (line.startsWith("#EXTINF:")) {
				String info = line.substring(line.indexOf(',') + 1).strip();
				int dash = info.indexOf(" - ");
				artist = dash < 0 ? null : info.substring(0, dash).strip();
				title = dash < 0 ? info : info.substring(dash + 3).strip();
			} else if (!line.isEmpty() && !line.startsWith("#")) {
				String path;
				try {
					Path p = Path.of(line);
					path = (p.isAbsolute() ? p : file.getParent().resolve(p)).normalize().toString();
				} catch (InvalidPathException e) {
					path = null;
				}
				rows.add(new Row(artist, title == null && path != null ? Path.of(path).getFileName().toString() : title, null,
						path));
				artist = null;
				title = null;
			}
		}
		return rows;
	}
}
