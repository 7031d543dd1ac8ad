package orbit.library.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import orbit.audio.AudioAnalysis;

import orbit.core.ActionableException;
import orbit.core.DataDirectory;
import orbit.library.AudioCheckReport;
import orbit.library.AudioQuality;
import orbit.library.QualityReport;
import orbit.library.AudioState;
import orbit.library.DualTruth;
import orbit.library.DuplicateFile;
import orbit.library.EntryDetails;
import orbit.library.EntryOrder;
import orbit.library.EntryQuery;
import orbit.library.GoldRule;
import orbit.library.HistoryRecord;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.UserOverride;
import orbit.library.LibraryHealth;
import orbit.library.LibraryListing;
import orbit.library.OnlineAnswer;
import orbit.library.PlaylistFormat;
import orbit.library.PlaylistSummary;
import orbit.library.PlaylistTrack;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import orbit.library.Tempo;
import orbit.library.TrackInput;
import orbit.library.UniqueHash;
import orbit.safewrite.AudioIntegrity;

/**
 * The {@link Library} service on {@code library.db}: reads entries, listings, history, problems,
 * duplicates and playlists; every change of an entry goes to the {@link EntryWriter}, in one
 * transaction per call.
 */
@Component(service = Library.class)
public class SqliteLibrary implements Library {

	@Reference
	private DataDirectory dataDirectory;

	private LibraryFile libraryFile;

	@Reference
	private EntryWriter writer;

	@Reference
	private AudioIntegrity audio;

	@Activate
	void activate() {
		libraryFile = new LibraryFile(dataDirectory);
	}

	/** Released by its last user: the database is checkpointed and closed, leaving no -wal file behind. */
	@Deactivate
	void deactivate() {
		libraryFile.close();
	}

	private LibraryDatabase database() {
		return libraryFile.database();
	}

	@Override
	public Path databaseFile() {
		return libraryFile.path();
	}

	@Override
	public long countTracks() {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(LibraryEntryMapper.class).count();
		}
	}

	@Override
	public int addTracks(List<TrackInput> tracks) {
		return LibraryDatabase.readThenWrite(() -> add(tracks));
	}

	private int add(List<TrackInput> tracks) {
		String now = Instant.now().toString();
		try (SqlSession session = database().sessions().openSession(ExecutorType.REUSE, false)) {
			Set<String> held = new HashSet<>(session.getMapper(LibraryEntryMapper.class).filePaths());
			int added = 0;
			Set<String> recordings = new HashSet<>();
			for (TrackInput input : tracks) {
				if (!held.add(input.filePath())) {
					continue;
				}
				String hash = UniqueHash.of(input.artist(), input.title(), input.album());
				recordings.add(hash);
				writer.add(session, input.filePath(), new EntryWriter.FileFacts(hash, input.fileSize(), null,
						new TagReader.FileTags(input.title(), input.artist(), input.album(), input.format(), input.bitrate(),
								input.durationSeconds(), input.bpm(), input.musicalKey())),
						now);
				added++;
			}
			RecordingCopies.rebuild(session, writer, recordings, now);
			session.commit();
			return added;
		}
	}

	@Override
	public LibraryHealth health() {
		LibraryDatabase db = database();
		List<String> problems = db.integrityProblems();
		long bytes;
		try {
			bytes = Files.size(db.file());
		} catch (IOException e) {
			bytes = -1;
		}
		return new LibraryHealth(db.file(), bytes, db.schemaVersion(), Migration.latestVersion(),
				db.pragma("journal_mode"), problems.isEmpty() ? countTracks() : -1, problems);
	}

	@Override
	public Optional<LibraryEntry> entry(long id) {
		return lookUp(LibraryEntryMapper.ENTRY_BY_ID, id);
	}

	@Override
	public Optional<LibraryEntry> entryAt(Path file) {
		String path = file.toAbsolutePath().normalize().toString();
		return lookUp(LibraryEntryMapper.ENTRY_BY_PATH, path);
	}

	/** One entry by a unique key, read on a plain statement in auto-commit (see {@link EntryRow#read}). */
	private Optional<LibraryEntry> lookUp(String sql, Object key) {
		try (SqlSession session = database().sessions().openSession(true);
				PreparedStatement statement = session.getConnection().prepareStatement(sql)) {
			statement.setObject(1, key);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? Optional.of(EntryRow.read(rs).toEntry()) : Optional.empty();
			}
		} catch (SQLException e) {
			throw new PersistenceException("Could not read the library entry " + key, e);
		}
	}

	@Override
	public Optional<EntryDetails> details(long id) {
		try (SqlSession session = database().sessions().openSession()) {
			List<EntryRow> rows = session.getMapper(LibraryEntryMapper.class).listings(List.of(id));
			if (rows.isEmpty()) {
				return Optional.empty();
			}
			EntryRow row = rows.get(0);
			LibraryEntry entry = row.toEntry();
			List<OnlineAnswer> answers = EntryWriter.answers(session, id);
			List<HistoryRecord> history = session.getMapper(LibraryEntryMapper.class).history(id).stream()
					.map(HistoryRow::toRecord).toList();
			return Optional.of(new EntryDetails(entry, row.state(), answers, GoldRule.evaluate(entry, answers), history));
		}
	}

	@Override
	public LibraryEntry override(long id, UserOverride change) {
		Tempo.check(change.bpm());
		return LibraryDatabase.readThenWrite(() -> {
			try (SqlSession session = database().sessions().openSession(false)) {
				EntryRow row = writer.override(session, id, change, Instant.now().toString());
				session.commit();
				return row.toEntry();
			}
		});
	}

	@Override
	public Optional<LibraryEntry> refreshEntry(Path file) {
		String path = file.toAbsolutePath().normalize().toString();
		if (entryAt(Path.of(path)).isEmpty()) {
			return Optional.empty();
		}
		// The file is read before the transaction opens, which then holds only the database's work.
		EntryWriter.FileFacts facts = FolderScan.readAgain(audio, Path.of(path));
		return LibraryDatabase.readThenWrite(() -> {
			try (SqlSession session = database().sessions().openSession(false)) {
				EntryRow row = session.getMapper(LibraryEntryMapper.class).entryByPath(path);
				if (row == null) {
					return Optional.<LibraryEntry>empty();
				}
				String now = Instant.now().toString();
				String before = row.uniqueHash;
				// ORBIT's own tag write proved the audio bit-identical: the last audio check still holds.
				writer.fileRead(session, row, facts, EntryWriter.answers(session, row.id), true, now);
				RecordingCopies.rebuild(session, writer, new HashSet<>(Arrays.asList(before, row.uniqueHash)), now);
				session.commit();
				return Optional.of(row.toEntry());
			}
		});
	}

	@Override
	public List<HistoryRecord> history(long id) {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(LibraryEntryMapper.class).history(id).stream().map(HistoryRow::toRecord).toList();
		}
	}

	@Override
	public ScanReport scan(Path folder, ScanProgress progress) {
		return new FolderScan(database().sessions(), writer, audio, progress).run(folder);
	}

	@Override
	public AudioCheckReport checkAudio(Path folder, ScanProgress progress) {
		return new AudioSweep(database().sessions(), writer, audio, progress).run(folder);
	}

	/** The measurements of the audio itself; optional, so that the library works without the audio bundle. */
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile AudioAnalysis analysis;

	@Override
	public QualityReport measureQuality(Path folder, ScanProgress progress) {
		AudioAnalysis measuring = analysis;
		if (measuring == null) {
			throw new ActionableException("Measuring audio quality needs ORBIT's audio bundle, which is not installed",
					"Install the orbit.audio bundle");
		}
		return new QualitySweep(database().sessions(), writer, measuring, progress).run(folder);
	}

	@Override
	public Optional<LibraryEntry> recordAudioCheck(Path file, boolean intact, String detail, boolean decoded) {
		String path = file.toAbsolutePath().normalize().toString();
		return LibraryDatabase.readThenWrite(() -> {
			try (SqlSession session = database().sessions().openSession(false)) {
				EntryRow row = session.getMapper(LibraryEntryMapper.class).entryByPath(path);
				if (row == null) {
					return Optional.<LibraryEntry>empty();
				}
				writer.audioChecked(session, row, intact, detail, decoded, Instant.now().toString());
				RecordingCopies.rebuild(session, writer, Set.of(row.uniqueHash), Instant.now().toString());
				session.commit();
				return Optional.of(row.toEntry());
			}
		});
	}

	@Override
	public List<ScanProblem> scanProblems() {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(ScanProblemMapper.class).all().stream().map(ScanProblemRow::toProblem).toList();
		}
	}

	@Override
	public List<DuplicateFile> duplicates() {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(LibraryEntryMapper.class).duplicatePairs().stream().map(line -> {
				String[] parts = line.split("\u001F", 4);
				return new DuplicateFile(Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2]), parts[3]);
			}).toList();
		}
	}

	@Override
	public PlaylistSummary importPlaylist(Path file, ScanProgress progress) {
		return new PlaylistImport(database().sessions(), progress).run(file);
	}

	@Override
	public List<PlaylistSummary> playlists() {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(PlaylistMapper.class).all().stream().map(PlaylistRow::toSummary).toList();
		}
	}

	@Override
	public Optional<PlaylistSummary> playlist(long id) {
		try (SqlSession session = database().sessions().openSession()) {
			return Optional.ofNullable(session.getMapper(PlaylistMapper.class).visible(id)).map(PlaylistRow::toSummary);
		}
	}

	@Override
	public List<PlaylistTrack> playlistTracks(long playlistId) {
		List<PlaylistTrackRow> rows;
		try (SqlSession session = database().sessions().openSession()) {
			rows = session.getMapper(PlaylistMapper.class).tracks(playlistId);
		}
		long[] ids = rows.stream().filter(r -> r.entryId != null).mapToLong(r -> r.entryId).distinct().toArray();
		Map<Long, LibraryListing> entries = new HashMap<>();
		for (LibraryListing listing : listings(ids)) {
			entries.put(listing.entry().id(), listing);
		}
		List<PlaylistTrack> tracks = new ArrayList<>(rows.size());
		for (PlaylistTrackRow row : rows) {
			LibraryListing found = row.entryId == null ? null : entries.get(row.entryId);
			PlaylistTrack.State state = found != null
					? found.state().missingSince() == null ? PlaylistTrack.State.FOUND : PlaylistTrack.State.FILE_MISSING
					: "Failed".equals(row.status) ? PlaylistTrack.State.NO_TRACK : PlaylistTrack.State.NOT_IN_LIBRARY;
			tracks.add(new PlaylistTrack(row.position, row.artist, row.title, row.album, state,
					found == null ? null : found.entry(), row.rating, row.liked, row.playCount,
					row.lastPlayedAt == null ? null : Instant.parse(row.lastPlayedAt)));
		}
		return tracks;
	}

	@Override
	public List<PlaylistTrack> markPlaylistTracks(long playlistId, List<Integer> positions, Integer rating, Boolean liked) {
		if (rating != null && (rating < 0 || rating > 5)) {
			throw new ActionableException("A rating of " + rating + " is not one ORBIT keeps",
					"Give 1 to 5 stars, or 0 to take the rating away");
		}
		try (SqlSession session = database().sessions().openSession(false)) {
			PlaylistMapper mapper = session.getMapper(PlaylistMapper.class);
			if (mapper.visible(playlistId) == null) {
				throw unknownPlaylist(playlistId);
			}
			for (int position : positions) {
				int changed = position < 1 ? 0 : rating == null ? 1 : mapper.rate(playlistId, position, rating == 0 ? null : rating);
				if (changed == 1 && liked != null) {
					changed = mapper.like(playlistId, position, liked);
				}
				if (changed != 1) {
					// Closing the session without a commit rolls back the rows marked so far.
					throw new ActionableException("Playlist " + playlistId + " has no track at position " + position,
							"orbit playlist show " + playlistId + " lists its tracks with their positions");
				}
			}
			session.commit(true);
		}
		List<PlaylistTrack> all = playlistTracks(playlistId);
		return positions.stream().map(position -> all.get(position - 1)).toList();
	}

	@Override
	public Optional<byte[]> artwork(Path file) {
		return TagReader.artwork(file);
	}

	@Override
	public PlaylistSummary addToPlaylist(String name, long[] entryIds) {
		if (name == null || name.isBlank()) {
			throw new ActionableException("A playlist needs a name", "Give the playlist a name");
		}
		try (SqlSession session = database().sessions().openSession(false)) {
			PlaylistMapper mapper = session.getMapper(PlaylistMapper.class);
			Long id = mapper.named(name.strip());
			if (id == null) {
				PlaylistRow row = new PlaylistRow();
				row.sourceTitle = name.strip();
				row.createdAt = Instant.now().toString();
				mapper.insertManual(row);
				id = row.id;
			}
			for (long entry : entryIds) {
				if (mapper.append(id, entry) != 1) {
					throw new ActionableException("There is no library entry " + entry + "; nothing was added to " + name,
							"orbit tracks lists the entries with their ids");
				}
			}
			session.commit(true);
			return mapper.byId(id).toSummary();
		}
	}

	@Override
	public int countPlay(long entryId, Instant at) {
		try (SqlSession session = database().sessions().openSession(true)) {
			return session.getMapper(PlaylistMapper.class).countPlay(entryId, at.toString());
		}
	}

	@Override
	public int writePlaylist(long playlistId, PlaylistFormat format, OutputStream out) throws IOException {
		PlaylistSummary playlist = playlist(playlistId).orElseThrow(() -> unknownPlaylist(playlistId));
		List<PlaylistTrack> tracks = playlistTracks(playlistId);
		PlaylistWriter.write(format, playlist, tracks, out);
		return (int) tracks.stream().filter(t -> t.state() == PlaylistTrack.State.FOUND).count();
	}

	private static ActionableException unknownPlaylist(long id) {
		return new ActionableException("There is no playlist " + id, "orbit playlists lists them with their ids");
	}

	@Override
	public List<LibraryEntry> findEntries(String text, IntegrityLevel level, long offset, int limit) {
		return findEntries(text, level, null, offset, limit);
	}

	@Override
	public List<LibraryEntry> findEntries(String text, IntegrityLevel level, AudioState audio, long offset, int limit) {
		return findEntries(text, level, audio, null, offset, limit);
	}

	@Override
	public List<LibraryEntry> findEntries(String text, IntegrityLevel level, AudioState audio, AudioQuality.Kind quality,
			long offset, int limit) {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(LibraryEntryMapper.class)
					.find(text == null || text.isBlank() ? null : SearchFold.of(text.strip()), level == null ? null : level.code(),
							audio == null ? null : audio.name(), quality == null ? null : quality.name(), null, null, null, offset, limit)
					.stream().map(EntryRow::toEntry).toList();
		}
	}

	@Override
	public long[] entryIds(EntryQuery query) {
		Integer level = query.level() == null ? null : query.level().code();
		String audio = query.audio() == null ? null : query.audio().name();
		String quality = query.quality() == null ? null : query.quality().name();
		try (SqlSession session = database().sessions().openSession()) {
			LibraryEntryMapper mapper = session.getMapper(LibraryEntryMapper.class);
			String text = SearchFold.of(query.text());
			if (query.order() != EntryOrder.KEY && query.keys() == null) {
				return mapper.ids(text, level, audio, quality, query.bpmFrom(), query.bpmTo(), query.format(), query.order().name(),
						query.descending());
			}
			// The resolved key is parsed in Java (tags spell keys many ways), for its order and its filter.
			List<EntryRow> keyed = mapper.keys(text, level, audio, quality, query.bpmFrom(), query.bpmTo(), query.format());
			if (query.keys() != null) {
				keyed = keyed.stream().filter(row -> DualTruth.key(row.manualKey, row.musicalKey, row.onlineKey, null)
						.value().filter(query.keys()::contains).isPresent()).toList();
			}
			if (query.order() == EntryOrder.KEY) {
				return byResolvedKey(keyed, query.descending());
			}
			java.util.Set<Long> kept = new java.util.HashSet<>();
			keyed.forEach(row -> kept.add(row.id));
			return Arrays.stream(mapper.ids(text, level, audio, quality, query.bpmFrom(), query.bpmTo(),
					query.format(), query.order().name(), query.descending())).filter(kept::contains).toArray();
		}
	}

	/** Camelot order (1A 1B 2A …), entries without a key last; ties by id. */
	private static long[] byResolvedKey(List<EntryRow> rows, boolean descending) {
		record Keyed(long id, int rank) {
		}
		List<Keyed> keyed = new ArrayList<>(rows.size());
		for (EntryRow row : rows) {
			int rank = DualTruth.key(row.manualKey, row.musicalKey, row.onlineKey, null).value()
					.map(k -> k.camelotNumber() * 2 + (k.minor() ? 0 : 1)).orElse(Integer.MAX_VALUE);
			keyed.add(new Keyed(row.id, rank));
		}
		Comparator<Keyed> byKey = Comparator.comparingInt(Keyed::rank);
		if (descending) {
			byKey = Comparator.comparing((Keyed k) -> k.rank() == Integer.MAX_VALUE)
					.thenComparing(byKey.reversed()).thenComparing(Comparator.comparingLong(Keyed::id).reversed());
		} else {
			byKey = byKey.thenComparingLong(Keyed::id);
		}
		return keyed.stream().sorted(byKey).mapToLong(Keyed::id).toArray();
	}

	@Override
	public List<LibraryListing> listings(long[] ids) {
		if (ids.length == 0) {
			return List.of();
		}
		Map<Long, LibraryListing> byId = new HashMap<>();
		try (SqlSession session = database().sessions().openSession()) {
			LibraryEntryMapper mapper = session.getMapper(LibraryEntryMapper.class);
			// SQLite binds at most 32,766 parameters per statement.
			for (int from = 0; from < ids.length; from += 10_000) {
				List<Long> chunk = Arrays.stream(ids, from, Math.min(ids.length, from + 10_000)).boxed().toList();
				for (EntryRow row : mapper.listings(chunk)) {
					byId.put(row.id, row.toListing());
				}
			}
		}
		List<LibraryListing> ordered = new ArrayList<>(ids.length);
		for (long id : ids) {
			LibraryListing listing = byId.get(id);
			if (listing != null) {
				ordered.add(listing);
			}
		}
		return ordered;
	}
}
