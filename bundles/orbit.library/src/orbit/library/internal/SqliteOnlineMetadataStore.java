package orbit.library.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import orbit.core.DataDirectory;
import orbit.library.LibraryEntry;
import orbit.library.OnlineAnswer;
import orbit.library.OnlineMetadataStore;
import orbit.library.Tempo;

/**
 * The {@link OnlineMetadataStore} on {@code library.db}: the providers' answers, the provider
 * order, the enrichment queue and provider states, through its own mapper. What an answer changes
 * in an entry is the {@link EntryWriter}'s to write, in the same transaction.
 */
@Component(service = OnlineMetadataStore.class)
public class SqliteOnlineMetadataStore implements OnlineMetadataStore {

	@Reference
	private DataDirectory dataDirectory;

	private LibraryFile libraryFile;

	@Reference
	private EntryWriter writer;

	@Activate
	void activate() {
		libraryFile = new LibraryFile(dataDirectory);
	}

	/** Released by its last user: the database is checkpointed and closed, leaving no -wal file behind. */
	@Deactivate
	void deactivate() {
		libraryFile.close();
	}

	private SqlSession open(boolean batch) {
		return libraryFile.database().sessions().openSession(batch ? ExecutorType.REUSE : ExecutorType.SIMPLE, false);
	}

	@Override
	public List<OnlineAnswer> cached(long entryId) {
		try (SqlSession session = open(false)) {
			return EntryWriter.answers(session, entryId);
		}
	}

	@Override
	public void store(List<OnlineAnswer> answers) {
		String now = Instant.now().toString();
		try (SqlSession session = open(true)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			answers.stream().map(OnlineAnswer::provider).distinct().forEach(mapper::placeProviderLast);
			for (OnlineAnswer given : answers) {
				OnlineAnswer answer = withTempoOnly(given);
				OnlineMetadataMapper.Row previous = mapper.answer(answer.provider(), answer.entryId());
				mapper.upsert(OnlineMetadataMapper.Row.of(answer));
				writer.answered(session, previous == null ? null : previous.toAnswer(), answer, now);
			}
			session.commit();
		}
	}

	/** The library's one rule for a BPM holds for every provider, a plugin's too: a value that is no tempo is none. */
	private static OnlineAnswer withTempoOnly(OnlineAnswer a) {
		return a.bpm() == null || Tempo.isTempo(a.bpm()) ? a
				: new OnlineAnswer(a.provider(), a.entryId(), a.found(), a.providerTrackId(), null, a.musicalKey(),
						a.durationSeconds(), a.isrc(), a.fetchedAt(), a.expiresAt());
	}

	@Override
	public List<String> providerOrder() {
		try (SqlSession session = open(false)) {
			return session.getMapper(OnlineMetadataMapper.class).providerOrder();
		}
	}

	@Override
	public int applyProviderOrder(List<String> order) {
		return LibraryDatabase.readThenWrite(() -> reorder(order));
	}

	private int reorder(List<String> order) {
		List<String> distinct = List.copyOf(new LinkedHashSet<>(order));
		try (SqlSession session = open(true)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			if (mapper.providerOrder().equals(distinct)) {
				return 0;
			}
			mapper.clearProviderOrder();
			for (int i = 0; i < distinct.size(); i++) {
				mapper.placeProvider(distinct.get(i), i);
			}
			// The user's order, or a new provider's place in the default one: the user's doing either way.
			int changed = writer.resettleAnswered(session, EntryWriter.Cause.USER, Instant.now().toString());
			session.commit();
			return changed;
		}
	}

	@Override
	public List<String> preferredOrder() {
		try (SqlSession session = open(false)) {
			return session.getMapper(OnlineMetadataMapper.class).preferredOrder();
		}
	}

	@Override
	public void preferOrder(List<String> providers) {
		List<String> distinct = List.copyOf(new LinkedHashSet<>(providers));
		try (SqlSession session = open(true)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			mapper.clearPreferredOrder();
			for (int i = 0; i < distinct.size(); i++) {
				mapper.preferProvider(distinct.get(i), i);
			}
			session.commit();
		}
	}

	@Override
	public void enqueue(Collection<Long> entryIds) {
		String now = Instant.now().toString();
		try (SqlSession session = open(true)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			for (long id : entryIds) {
				mapper.enqueue(id, now);
			}
			session.commit();
		}
	}

	@Override
	public List<LibraryEntry> queued(int limit) {
		try (SqlSession session = open(false)) {
			return session.getMapper(OnlineMetadataMapper.class).queued(limit).stream().map(EntryRow::toEntry).toList();
		}
	}

	@Override
	public int queueSize() {
		try (SqlSession session = open(false)) {
			return session.getMapper(OnlineMetadataMapper.class).queueSize();
		}
	}

	@Override
	public void dequeue(Collection<Long> entryIds) {
		try (SqlSession session = open(true)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			entryIds.forEach(mapper::dequeue);
			session.commit();
		}
	}

	@Override
	public void attemptFailed(Collection<Long> entryIds, String error) {
		try (SqlSession session = open(true)) {
			OnlineMetadataMapper mapper = session.getMapper(OnlineMetadataMapper.class);
			entryIds.forEach(id -> mapper.attemptFailed(id, error));
			session.commit();
		}
	}

	@Override
	public Optional<ProviderRecord> providerRecord(String provider) {
		try (SqlSession session = open(false)) {
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
		try (SqlSession session = open(false)) {
			session.getMapper(OnlineMetadataMapper.class).saveState(row);
			session.commit();
		}
	}
}
