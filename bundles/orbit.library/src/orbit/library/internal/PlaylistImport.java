package orbit.library.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

import orbit.core.ActionableException;
import orbit.library.PlaylistSummary;
import orbit.library.UniqueHash;

/**
 * Imports a playlist file (CSV with Artist/Title/Album columns or a Spotify export's "Track
 * Name"/"Artist Name(s)"/"Album Name" columns; M3U/M3U8) in one transaction, matching each row
 * to a library entry. A row without a match is Missing; a row that names no track is Failed.
 */
final class PlaylistImport {

	private record Row(String artist, String title, String album, String path) {
	}

	private final SqlSessionFactory sessions;

	PlaylistImport(SqlSessionFactory sessions) {
		this.sessions = sessions;
	}

	PlaylistSummary run(Path file) {
		Path source = file.toAbsolutePath().normalize();
		if (!Files.isRegularFile(source)) {
			throw new ActionableException(source + " is not a playlist file", "Give a .csv, .m3u or .m3u8 file");
		}
		String name = source.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		List<Row> rows;
		String type;
		if (lower.endsWith(".csv")) {
			rows = csv(source);
			type = "CSV";
		} else if (lower.endsWith(".m3u") || lower.endsWith(".m3u8")) {
			rows = m3u(source);
			type = "M3U";
		} else {
			throw new ActionableException(name + " is not a playlist format ORBIT reads",
					"Give a .csv (plain or a Spotify export), .m3u or .m3u8 file");
		}
		try (SqlSession session = sessions.openSession(false)) {
			PlaylistMapper mapper = session.getMapper(PlaylistMapper.class);
			PlaylistRow playlist = new PlaylistRow();
			playlist.sourceTitle = name.replaceFirst("\\.[^.]+$", "");
			playlist.sourceType = type;
			playlist.sourceUrl = source.toUri().toString();
			playlist.createdAt = Instant.now().toString();
			mapper.insertPlaylist(playlist);
			int position = 0;
			for (Row row : rows) {
				PlaylistTrackRow track = new PlaylistTrackRow();
				track.playlistId = playlist.id;
				track.position = ++position;
				track.artist = row.artist();
				track.title = row.title();
				track.album = row.album();
				EntryRow entry = match(mapper, row);
				if (entry != null) {
					track.trackUniqueHash = entry.uniqueHash;
					track.status = "Matched";
					track.resolvedFilePath = entry.filePath;
					track.bpm = entry.bpm;
					track.musicalKey = entry.musicalKey;
					track.spotifyBpm = entry.spotifyBpm;
					track.spotifyKey = entry.spotifyKey;
				} else {
					track.trackUniqueHash = UniqueHash.of(row.artist(), row.title(), row.album());
					track.status = row.title() == null && row.path() == null ? "Failed" : "Missing";
				}
				mapper.insertTrack(track);
			}
			session.commit();
			return mapper.byId(playlist.id).toSummary();
		}
	}

	private static EntryRow match(PlaylistMapper mapper, Row row) {
		if (row.path() != null) {
			EntryRow byPath = mapper.entryByPath(row.path());
			if (byPath != null) {
				return byPath;
			}
		}
		if (row.title() == null) {
			return null;
		}
		EntryRow byHash = mapper.entryByHash(UniqueHash.of(row.artist(), row.title(), row.album()));
		if (byHash != null || row.artist() == null) {
			return byHash;
		}
		EntryRow byName = mapper.entryByArtistTitle(row.artist().strip(), row.title().strip());
		if (byName == null && row.artist().contains(",")) {
			// Spotify exports list every artist ("A, B"); the file's tag often names only the first.
			byName = mapper.entryByArtistTitle(row.artist().split(",")[0].strip(), row.title().strip());
		}
		return byName;
	}

	private static List<Row> csv(Path file) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
				.setTrim(true).get();
		try (Reader reader = new java.io.StringReader(utf8(file).replaceFirst("^\uFEFF", ""));
				CSVParser parser = format.parse(reader)) {
			Map<String, Integer> header = parser.getHeaderMap();
			String title = column(header, "Track Name", "Title", "Name", "Track");
			String artist = column(header, "Artist Name(s)", "Artist Name", "Artist", "Artists");
			String album = column(header, "Album Name", "Album");
			if (title == null) {
				throw new ActionableException(file.getFileName() + " has no title column (its columns: " + header.keySet() + ")",
						"Give a CSV with a Title (or Spotify 'Track Name') column");
			}
			List<Row> rows = new ArrayList<>();
			for (CSVRecord record : parser) {
				rows.add(new Row(value(record, artist), value(record, title), value(record, album), null));
			}
			return rows;
		} catch (CharacterCodingException e) {
			throw new ActionableException(file + " is not UTF-8 text", "Save the playlist as UTF-8 and import it again");
		} catch (IOException | IllegalArgumentException | IllegalStateException e) {
			throw new ActionableException("Cannot read " + file + " as CSV (" + e.getMessage() + ")",
					"Check that it is a comma-separated file with a header line");
		}
	}

	private static String utf8(Path file) throws IOException {
		return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
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
