package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the online metadata cache, the enrichment queue and provider states; every value bound. */
public interface OnlineMetadataMapper {

	/** A cached answer, as MyBatis maps it. */
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
	}

	/** A provider state, as MyBatis maps it. */
	class StateRow {
		public String provider;
		public String openUntil;
		public String disabledCapabilities;
		public String lastError;
		public String updatedAt;
	}

	@Insert("INSERT INTO OnlineMetadata (Provider, EntryId, Found, ProviderTrackId, BPM, MusicalKey, DurationSeconds, ISRC, "
			+ "FetchedAt, ExpiresAt) VALUES (#{provider}, #{entryId}, #{found}, #{providerTrackId}, #{bpm}, #{musicalKey}, "
			+ "#{durationSeconds}, #{isrc}, #{fetchedAt}, #{expiresAt}) ON CONFLICT (Provider, EntryId) DO UPDATE SET "
			+ "Found = excluded.Found, ProviderTrackId = excluded.ProviderTrackId, BPM = excluded.BPM, "
			+ "MusicalKey = excluded.MusicalKey, DurationSeconds = excluded.DurationSeconds, ISRC = excluded.ISRC, "
			+ "FetchedAt = excluded.FetchedAt, ExpiresAt = excluded.ExpiresAt")
	int upsert(Row row);

	@Select("SELECT Provider AS provider, EntryId AS entryId, Found AS found, ProviderTrackId AS providerTrackId, BPM AS bpm, "
			+ "MusicalKey AS musicalKey, DurationSeconds AS durationSeconds, ISRC AS isrc, FetchedAt AS fetchedAt, "
			+ "ExpiresAt AS expiresAt FROM OnlineMetadata WHERE EntryId = #{id} ORDER BY FetchedAt DESC")
	List<Row> cached(@Param("id") long entryId);

	@Insert("INSERT INTO EnrichmentQueue (EntryId, QueuedAt) SELECT Id, #{now} FROM LibraryEntries WHERE Id = #{id} "
			+ "ON CONFLICT (EntryId) DO NOTHING")
	int enqueue(@Param("id") long entryId, @Param("now") String now);

	@Select("SELECT " + LibraryEntryMapper.ALL_COLUMNS + " FROM EnrichmentQueue q JOIN LibraryEntries e ON e.Id = q.EntryId "
			+ "ORDER BY q.QueuedAt, q.EntryId LIMIT #{limit}")
	List<FullEntryRow> queued(@Param("limit") int limit);

	@Select("SELECT COUNT(*) FROM EnrichmentQueue")
	int queueSize();

	@Delete("DELETE FROM EnrichmentQueue WHERE EntryId = #{id}")
	int dequeue(@Param("id") long entryId);

	@Update("UPDATE EnrichmentQueue SET Attempts = Attempts + 1, LastError = #{error} WHERE EntryId = #{id}")
	int attemptFailed(@Param("id") long entryId, @Param("error") String error);

	@Update("UPDATE LibraryEntries SET SpotifyBPM = #{spotifyBpm}, SpotifyKey = #{spotifyKey}, "
			+ "SpotifyDuration = #{spotifyDuration}, SpotifyTrackId = #{spotifyTrackId}, IntegrityLevel = #{integrityLevel} "
			+ "WHERE Id = #{id}")
	int updateOnline(FullEntryRow row);

	@Select("SELECT Provider AS provider, OpenUntil AS openUntil, DisabledCapabilities AS disabledCapabilities, "
			+ "LastError AS lastError, UpdatedAt AS updatedAt FROM ProviderStates WHERE Provider = #{provider}")
	StateRow state(@Param("provider") String provider);

	@Insert("INSERT INTO ProviderStates (Provider, OpenUntil, DisabledCapabilities, LastError, UpdatedAt) VALUES "
			+ "(#{provider}, #{openUntil}, #{disabledCapabilities}, #{lastError}, #{updatedAt}) ON CONFLICT (Provider) DO "
			+ "UPDATE SET OpenUntil = excluded.OpenUntil, DisabledCapabilities = excluded.DisabledCapabilities, "
			+ "LastError = excluded.LastError, UpdatedAt = excluded.UpdatedAt")
	int saveState(StateRow row);
}
