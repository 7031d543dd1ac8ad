package orbit.library.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import orbit.core.DataDirectory;
import orbit.core.ActionableException;
import orbit.library.DualTruth;
import orbit.library.DuplicateFile;
import orbit.library.EntryOrder;
import orbit.library.EntryQuery;
import orbit.library.LibraryListing;
import orbit.library.HistoryRecord;
import orbit.library.PlaylistSummary;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MetadataSource;
import orbit.library.MusicalKey;
import orbit.library.OnlineMetadataStore;
import orbit.library.LibraryHealth;
import orbit.library.Tempo;
import orbit.library.TrackInput;
import orbit.library.UniqueHash;

/**
 * The {@link Library} service on {@code library.db} in the data directory. The database is
 * opened on first use, not at activation, so that a problem with it reaches the caller as an
 * {@link orbit.core.ActionableException} instead of a component that silently failed. When the
 * data directory changes (a command line given another {@code --home}) the library follows it.
 */
@Component(service = { Library.class, OnlineMetadataStore.class })
public class SqliteLibrary implements Library, OnlineMetadataStore {

	public static final String DATABASE_FILE = "library.db";

	@Reference
	private DataDirectory dataDirectory;

	private LibraryDatabase database;

	@Deactivate
	synchronized void deactivate() {
		if (database != null) {
			database.close();
			database = null;
		}
	}

	private synchronized LibraryDatabase database() {
		Path file = databaseFile();
		if (database != null && !database.file().equals(file)) {
			database.close();
			database = null;
		}
		if (database == null) {
			dataDirectory.ensureWritable();
			database = LibraryDatabase.open(file);
		}
		return database;
	}

	@Override
	public Path databaseFile() {
		return dataDirectory.resolve(DATABASE_FILE).toAbsolutePath().normalize();
	}

	@Override
	public long countTracks() {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(LibraryEntryMapper.class).count();
		}
	}

	@Override
	public int addTracks(List<TrackInput> tracks) {
		String now = Instant.now().toString();
		try (SqlSession session = database().sessions().openSession(ExecutorType.REUSE, false)) {
			LibraryEntryMapper mapper = session.getMapper(LibraryEntryMapper.class);
			int added = 0;
			for (TrackInput input : tracks) {
				EntryRow row = new EntryRow();
				row.uniqueHash = UniqueHash.of(input.artist(), input.title(), input.album());
				row.filePath = input.filePath();
				row.fileSize = input.fileSize();
				row.addedAt = now;
				row.title = input.title();
				row.artist = input.artist();
				row.album = input.album();
				row.format = input.format();
				row.bitrate = input.bitrate();
				row.durationSeconds = input.durationSeconds();
				row.bpm = input.bpm();
				row.musicalKey = input.musicalKey();
				added += mapper.insert(row);
			}
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
		try (SqlSession session = database().sessions().openSession()) {
			return Optional.ofNullable(session.getMapper(LibraryEntryMapper.class).entryById(id)).map(FullEntryRow::toEntry);
		}
	}

	@Override
	public Optional<LibraryEntry> entryAt(Path file) {
		String path = file.toAbsolutePath().normalize().toString();
		try (SqlSession session = database().sessions().openSession()) {
			return Optional.ofNullable(session.getMapper(LibraryEntryMapper.class).entryByPath(path))
					.map(FullEntryRow::toEntry);
		}
	}

	@Override
	public LibraryEntry override(long id, Double manualBpm, MusicalKey manualKey, boolean gold) {
		Tempo.check(manualBpm);
		String now = Instant.now().toString();
		try (SqlSession session = database().sessions().openSession(false)) {
			LibraryEntryMapper mapper = session.getMapper(LibraryEntryMapper.class);
			FullEntryRow row = mapper.entryById(id);
			if (row == null) {
				throw new ActionableException("No library entry has id " + id, "List the entries with 'orbit tracks'");
			}
			if (manualBpm != null && !manualBpm.equals(row.manualBpm)) {
				mapper.insertHistory(change(id, "ManualBPM", row.manualBpm, manualBpm, now));
				row.manualBpm = manualBpm;
			}
			// Overrides are stored in Camelot, the library's one notation; shown in the user's choice.
			if (manualKey != null && !manualKey.camelot().equals(row.manualKey)) {
				mapper.insertHistory(change(id, "ManualKey", row.manualKey, manualKey.camelot(), now));
				row.manualKey = manualKey.camelot();
			}
			if (gold && !row.userVerifiedGold) {
				mapper.insertHistory(change(id, "UserVerifiedGold", false, true, now));
				row.userVerifiedGold = true;
			}
			LibraryEntry entry = row.toEntry();
			IntegrityLevel level = IntegrityLevel.assess(row.missingSince == null,
					row.title != null && row.artist != null, row.spotifyBpm != null || row.spotifyKey != null
							|| row.spotifyDuration != null,
					row.userVerifiedGold, entry.gold());
			if (level.code() != row.integrityLevel) {
				mapper.insertHistory(change(id, "IntegrityLevel", IntegrityLevel.ofCode(row.integrityLevel), level, now));
				row.integrityLevel = level.code();
			}
			mapper.updateOverrides(row);
			session.commit();
			return row.toEntry();
		}
	}

	private static HistoryRow change(long id, String field, Object oldValue, Object newValue, String now) {
		HistoryRow history = new HistoryRow();
		history.entryId = id;
		history.field = field;
		history.oldValue = oldValue == null ? null : oldValue.toString();
		history.newValue = newValue == null ? null : newValue.toString();
		history.source = MetadataSource.USER.stored();
		history.changedAt = now;
		return history;
	}

	@Override
	public Optional<LibraryEntry> refreshEntry(Path file) {
		String path = file.toAbsolutePath().normalize().toString();
		try (SqlSession session = database().sessions().openSession(false)) {
			LibraryEntryMapper mapper = session.getMapper(LibraryEntryMapper.class);
			FullEntryRow row = mapper.entryByPath(path);
			if (row == null) {
				return Optional.empty();
			}
			FolderScan.refresh(mapper, row, Path.of(path), Instant.now().toString());
			session.commit();
			return Optional.of(row.toEntry());
		}
	}

	@Override
	public List<HistoryRecord> history(long id) {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(LibraryEntryMapper.class).history(id).stream().map(HistoryRow::toRecord).toList();
		}
	}

	@Override
	public ScanReport scan(Path folder, ScanProgress progress) {
		return new FolderScan(database().sessions(), progress).run(folder);
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
				String[] parts = line.split("\u001F", 3);
				return new DuplicateFile(parts[0], Long.parseLong(parts[1]), parts[2]);
			}).toList();
		}
	}

	@Override
	public PlaylistSummary importPlaylist(Path file) {
		return new PlaylistImport(database().sessions()).run(file);
	}

	@Override
	public List<PlaylistSummary> playlists() {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(PlaylistMapper.class).all().stream().map(PlaylistRow::toSummary).toList();
		}
	}

	@Override
	public List<LibraryEntry> findEntries(String text, IntegrityLevel level, long offset, int limit) {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(LibraryEntryMapper.class)
					.find(text == null || text.isBlank() ? null : text, level == null ? null : level.code(), offset, limit)
					.stream().map(FullEntryRow::toEntry).toList();
		}
	}

	@Override
	public long[] entryIds(EntryQuery query) {
		Integer level = query.level() == null ? null : query.level().code();
		try (SqlSession session = database().sessions().openSession()) {
			LibraryEntryMapper mapper = session.getMapper(LibraryEntryMapper.class);
			if (query.order() != EntryOrder.KEY) {
				return mapper.ids(query.text(), level, query.order().name(), query.descending());
			}
			return byResolvedKey(mapper.keys(query.text(), level), query.descending());
		}
	}

	/** Camelot order (1A 1B 2A …), entries without a key last; ties by id. */
	private static long[] byResolvedKey(List<FullEntryRow> rows, boolean descending) {
		record Keyed(long id, int rank) {
		}
		List<Keyed> keyed = new ArrayList<>(rows.size());
		for (FullEntryRow row : rows) {
			int rank = DualTruth.key(row.manualKey, row.musicalKey, row.spotifyKey).value()
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
				for (FullEntryRow row : mapper.listings(chunk)) {
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

	// --- OnlineMetadataStore: the enrichment cache, queue and provider states ---

	@Override
	public List<OnlineMetadata> cached(long entryId) {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(OnlineMetadataMapper.class).cached(entryId).stream()
					.map(r -> new OnlineMetadata(r.provider, r.entryId, r.found, r.providerTrackId, r.bpm, r.musicalKey,
							r.durationSeconds, r.isrc, Instant.parse(r.fetchedAt), Instant.parse(r.expiresAt)))
					.toList();
		}
	}

	@Override
	public void store(List<OnlineMetadata> answers) {
		String now = Instant.now().toString();
		try (SqlSession session = database().sessions().openSession(ExecutorType.REUSE, false)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			for (OnlineMetadata answer : answers) {
				store(session, mapper, answer, now);
			}
			session.commit();
		}
	}

	private static void store(SqlSession session, OnlineMetadataMapper mapper, OnlineMetadata answer, String now) {
		{
			OnlineMetadataMapper.Row row = new OnlineMetadataMapper.Row();
			row.provider = answer.provider();
			row.entryId = answer.entryId();
			row.found = answer.found();
			row.providerTrackId = answer.providerTrackId();
			row.bpm = answer.bpm();
			row.musicalKey = answer.musicalKey();
			row.durationSeconds = answer.durationSeconds();
			row.isrc = answer.isrc();
			row.fetchedAt = answer.fetchedAt().toString();
			row.expiresAt = answer.expiresAt().toString();
			mapper.upsert(row);
			FullEntryRow entry = session.getMapper(LibraryEntryMapper.class).entryById(answer.entryId());
			if (entry != null && answer.found()) {
				LibraryEntryMapper entries = session.getMapper(LibraryEntryMapper.class);
				long id = entry.id;
				// A provider without a value (Deezer has no key) leaves the one another provider gave.
				if (answer.bpm() != null && !answer.bpm().equals(entry.spotifyBpm)) {
					entries.insertHistory(online(id, "SpotifyBPM", entry.spotifyBpm, answer.bpm(), now));
					entry.spotifyBpm = answer.bpm();
				}
				if (answer.musicalKey() != null && !answer.musicalKey().equals(entry.spotifyKey)) {
					entries.insertHistory(online(id, "SpotifyKey", entry.spotifyKey, answer.musicalKey(), now));
					entry.spotifyKey = answer.musicalKey();
				}
				if (answer.durationSeconds() != null && !answer.durationSeconds().equals(entry.spotifyDuration)) {
					entries.insertHistory(online(id, "SpotifyDuration", entry.spotifyDuration, answer.durationSeconds(), now));
					entry.spotifyDuration = answer.durationSeconds();
				}
				if (answer.providerTrackId() != null && answer.provider().equals("spotify")
						&& !answer.providerTrackId().equals(entry.spotifyTrackId)) {
					entries.insertHistory(online(id, "SpotifyTrackId", entry.spotifyTrackId, answer.providerTrackId(), now));
					entry.spotifyTrackId = answer.providerTrackId();
				}
				LibraryEntry assessed = entry.toEntry();
				IntegrityLevel level = IntegrityLevel.assess(entry.missingSince == null,
						entry.title != null && entry.artist != null, entry.spotifyBpm != null || entry.spotifyKey != null
								|| entry.spotifyDuration != null,
						entry.userVerifiedGold, assessed.gold());
				if (level.code() != entry.integrityLevel) {
					entries.insertHistory(online(id, "IntegrityLevel", IntegrityLevel.ofCode(entry.integrityLevel), level, now));
					entry.integrityLevel = level.code();
				}
				mapper.updateOnline(entry);
			}
		}
	}

	private static HistoryRow online(long id, String field, Object oldValue, Object newValue, String now) {
		HistoryRow history = change(id, field, oldValue, newValue, now);
		history.source = MetadataSource.ONLINE_PROVIDER.stored();
		return history;
	}

	@Override
	public void enqueue(Collection<Long> entryIds) {
		String now = Instant.now().toString();
		try (SqlSession session = database().sessions().openSession(ExecutorType.REUSE, false)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			for (long id : entryIds) {
				mapper.enqueue(id, now);
			}
			session.commit();
		}
	}

	@Override
	public List<LibraryEntry> queued(int limit) {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(OnlineMetadataMapper.class).queued(limit).stream().map(FullEntryRow::toEntry).toList();
		}
	}

	@Override
	public int queueSize() {
		try (SqlSession session = database().sessions().openSession()) {
			return session.getMapper(OnlineMetadataMapper.class).queueSize();
		}
	}

	@Override
	public void dequeue(Collection<Long> entryIds) {
		try (SqlSession session = database().sessions().openSession(ExecutorType.REUSE, false)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			entryIds.forEach(mapper::dequeue);
			session.commit();
		}
	}

	@Override
	public void attemptFailed(Collection<Long> entryIds, String error) {
		try (SqlSession session = database().sessions().openSession(ExecutorType.REUSE, false)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			entryIds.forEach(id -> mapper.attemptFailed(id, error));
			session.commit();
		}
	}

	@Override
	public Optional<ProviderRecord> providerRecord(String provider) {
		try (SqlSession session = database().sessions().openSession()) {
			OnlineMetadataMapper.StateRow row = session.getMapper(OnlineMetadataMapper.class).state(provider);
			if (row == null) {
				return Optional.empty();
			}
			Set<String> disabled = new LinkedHashSet<>(Arrays.asList(row.disabledCapabilities.split(",")));
			disabled.remove("");
			return Optional.of(new ProviderRecord(row.provider, row.openUntil == null ? null : Instant.parse(row.openUntil),
					Set.copyOf(disabled), row.lastError, Instant.parse(row.updatedAt)));
		}
	}

	@Override
	public void saveProviderRecord(ProviderRecord record) {
		OnlineMetadataMapper.StateRow row = new OnlineMetadataMapper.StateRow();
		row.provider = record.provider();
		row.openUntil = record.openUntil() == null ? null : record.openUntil().toString();
		row.disabledCapabilities = String.join(",", record.disabledCapabilities().stream().sorted().toList());
		row.lastError = record.lastError();
		row.updatedAt = Objects.requireNonNullElse(record.updatedAt(), Instant.now()).toString();
		try (SqlSession session = database().sessions().openSession(false)) {
			session.getMapper(OnlineMetadataMapper.class).saveState(row);
			session.commit();
		}
	}
}
