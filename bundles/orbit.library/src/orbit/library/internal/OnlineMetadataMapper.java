package orbit.library.internal;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import orbit.library.OnlineAnswer;

/**
 * SQL for the online metadata store: the providers' answers (the cache), the enrichment queue,
 * provider states and the provider order. Nothing here writes {@code LibraryEntries}. Every value
 * is bound.
 */
public interface OnlineMetadataMapper {

	/** A provider's answer, as MyBatis maps it. */
	class Row {
		public String provider;
		public long entryId;
		public boolean found;
		public String providerTrackId;
		public Double bpm;
		public String musicalKey;
		public Integer durationSeconds;
		public String isrc;
		public String fetchedAt;
		public String expiresAt;

		static Row of(OnlineAnswer answer) {
			Row row = new Row();
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
			return row;
		}

		OnlineAnswer toAnswer() {
			return new OnlineAnswer(provider, entryId, found, providerTrackId, bpm, musicalKey, durationSeconds, isrc,
					Instant.parse(fetchedAt), Instant.parse(expiresAt));
		}
	}

	/** A provider state, as MyBatis maps it. */
	class StateRow {
		public String provider;
		public String openUntil;
		public String disabledCapabilities;
		public String lastError;
		public String updatedAt;
	}

	String ANSWER_COLUMNS = "m.Provider AS provider, m.EntryId AS entryId, m.Found AS found, "
			+ "m.ProviderTrackId AS providerTrackId, m.BPM AS bpm, m.MusicalKey AS musicalKey, "
			+ "m.DurationSeconds AS durationSeconds, m.ISRC AS isrc, m.FetchedAt AS fetchedAt, m.ExpiresAt AS expiresAt";

	/** Providers in the provider order; one the order does not list yet comes after, by name. */
	String IN_PROVIDER_ORDER = "COALESCE((SELECT o.Position FROM ProviderOrder o WHERE o.Provider = m.Provider), 2147483647), m.Provider";

	@Insert("INSERT INTO OnlineMetadata (Provider, EntryId, Found, ProviderTrackId, BPM, MusicalKey, DurationSeconds, ISRC, "
			+ "FetchedAt, ExpiresAt) VALUES (#{provider}, #{entryId}, #{found}, #{providerTrackId}, #{bpm}, #{musicalKey}, "
			+ "#{durationSeconds}, #{isrc}, #{fetchedAt}, #{expiresAt}) ON CONFLICT (Provider, EntryId) DO UPDATE SET "
			+ "Found = excluded.Found, ProviderTrackId = excluded.ProviderTrackId, BPM = excluded.BPM, "
			+ "MusicalKey = excluded.MusicalKey, DurationSeconds = excluded.DurationSeconds, ISRC = excluded.ISRC, "
			+ "FetchedAt = excluded.FetchedAt, ExpiresAt = excluded.ExpiresAt")
	int upsert(Row row);

	@Select("SELECT " + ANSWER_COLUMNS + " FROM OnlineMetadata m WHERE m.Provider = #{provider} AND m.EntryId = #{id}")
	Row answer(@Param("provider") String provider, @Param("id") long entryId);

	/** Every provider's latest answer for an entry, in the provider order. */
	@Select("SELECT " + ANSWER_COLUMNS + " FROM OnlineMetadata m WHERE m.EntryId = #{id} ORDER BY " + IN_PROVIDER_ORDER)
	List<Row> answers(@Param("id") long entryId);

	/** The answers for the entries whose files are under a folder, by entry, each in the provider order. */
	@Select("SELECT " + ANSWER_COLUMNS + " FROM OnlineMetadata m JOIN LibraryEntries e ON e.Id = m.EntryId "
			+ "WHERE substr(e.FilePath, 1, length(#{prefix})) = #{prefix} ORDER BY m.EntryId, " + IN_PROVIDER_ORDER)
	List<Row> answersUnder(@Param("prefix") String prefix);

	@Select("SELECT DISTINCT EntryId FROM OnlineMetadata ORDER BY EntryId")
	List<Long> answeredEntries();

	@Insert("INSERT INTO EnrichmentQueue (EntryId, QueuedAt) SELECT Id, #{now} FROM LibraryEntries WHERE Id = #{id} "
			+ "ON CONFLICT (EntryId) DO NOTHING")
	int enqueue(@Param("id") long entryId, @Param("now") String now);

	@Select("SELECT " + LibraryEntryMapper.ALL_COLUMNS + " FROM EnrichmentQueue q JOIN LibraryEntries e ON e.Id = q.EntryId "
			+ "ORDER BY q.QueuedAt, q.EntryId LIMIT #{limit}")
	List<EntryRow> queued(@Param("limit") int limit);

	@Select("SELECT COUNT(*) FROM EnrichmentQueue")
	int queueSize();

	@Delete("DELETE FROM EnrichmentQueue WHERE EntryId = #{id}")
	int dequeue(@Param("id") long entryId);

	@Update("UPDATE EnrichmentQueue SET Attempts = Attempts + 1, LastError = #{error} WHERE EntryId = #{id}")
	int attemptFailed(@Param("id") long entryId, @Param("error") String error);

	@Select("SELECT Provider AS provider, OpenUntil AS openUntil, DisabledCapabilities AS disabledCapabilities, "
			+ "LastError AS lastError, UpdatedAt AS updatedAt FROM ProviderStates WHERE Provider = #{provider}")
	StateRow state(@Param("provider") String provider);

	@Insert("INSERT INTO ProviderStates (Provider, OpenUntil, DisabledCapabilities, LastError, UpdatedAt) VALUES "
			+ "(#{provider}, #{openUntil}, #{disabledCapabilities}, #{lastError}, #{updatedAt}) ON CONFLICT (Provider) DO "
			+ "UPDATE SET OpenUntil = excluded.OpenUntil, DisabledCapabilities = excluded.DisabledCapabilities, "
			+ "LastError = excluded.LastError, UpdatedAt = excluded.UpdatedAt")
	int saveState(StateRow row);

	@Select("SELECT Provider FROM ProviderOrder ORDER BY Position")
	List<String> providerOrder();

	@Delete("DELETE FROM ProviderOrder")
	int clearProviderOrder();

	@Insert("INSERT INTO ProviderOrder (Provider, Position) VALUES (#{provider}, #{position})")
	int placeProvider(@Param("provider") String provider, @Param("position") int position);

	/** A provider the order does not list yet goes last: the first to answer is first until the order is set. */
	@Insert("INSERT INTO ProviderOrder (Provider, Position) SELECT #{provider}, (SELECT COALESCE(MAX(Position) + 1, 0) "
			+ "FROM ProviderOrder) WHERE NOT EXISTS (SELECT 1 FROM ProviderOrder WHERE Provider = #{provider})")
	int placeProviderLast(@Param("provider") String provider);

	@Select("SELECT Provider FROM ProviderPreference ORDER BY Position")
	List<String> preferredOrder();

	@Delete("DELETE FROM ProviderPreference")
	int clearPreferredOrder();

	@Insert("INSERT INTO ProviderPreference (Provider, Position) VALUES (#{provider}, #{position})")
	int preferProvider(@Param("provider") String provider, @Param("position") int position);
}
