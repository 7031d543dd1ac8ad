package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for {@code LibraryEntries}; every value is a bound parameter. */
public interface LibraryEntryMapper {

	String COLUMNS = "Id AS id, UniqueHash AS uniqueHash, FilePath AS filePath, FileSize AS fileSize, "
			+ "AddedAt AS addedAt, Title AS title, Artist AS artist, Album AS album, Format AS format, "
			+ "Bitrate AS bitrate, DurationSeconds AS durationSeconds, BPM AS bpm, MusicalKey AS musicalKey";

	@Select("SELECT COUNT(*) FROM LibraryEntries")
	long count();

	String ALL_COLUMNS = COLUMNS + ", SpotifyBPM AS spotifyBpm, SpotifyKey AS spotifyKey, "
			+ "SpotifyDuration AS spotifyDuration, SpotifyTrackId AS spotifyTrackId, ManualBPM AS manualBpm, "
			+ "ManualKey AS manualKey, IntegrityLevel AS integrityLevel, UserVerifiedGold AS userVerifiedGold, "
			+ "LastUpgradeScanAt AS lastUpgradeScanAt, LastUpgradeAt AS lastUpgradeAt, UpgradeSource AS upgradeSource, "
			+ "FileModifiedAt AS fileModifiedAt, MissingSince AS missingSince";

	@Select("SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE Id = #{id}")
	FullEntryRow entryById(@Param("id") long id);

	@Select("SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE FilePath = #{path}")
	FullEntryRow entryByPath(@Param("path") String path);

	@Update("UPDATE LibraryEntries SET ManualBPM = #{manualBpm}, ManualKey = #{manualKey}, "
			+ "UserVerifiedGold = #{userVerifiedGold}, IntegrityLevel = #{integrityLevel} WHERE Id = #{id}")
	int updateOverrides(FullEntryRow row);

	@Insert("INSERT INTO LibraryEntryHistory (EntryId, Field, OldValue, NewValue, Source, ChangedAt) "
			+ "VALUES (#{entryId}, #{field}, #{oldValue}, #{newValue}, #{source}, #{changedAt})")
	int insertHistory(HistoryRow row);

	@Select("SELECT EntryId AS entryId, Field AS field, OldValue AS oldValue, NewValue AS newValue, Source AS source, "
			+ "ChangedAt AS changedAt FROM LibraryEntryHistory WHERE EntryId = #{id} ORDER BY Id")
	List<HistoryRow> history(@Param("id") long id);

	@Select("SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE substr(FilePath, 1, length(#{prefix})) = #{prefix}")
	List<FullEntryRow> entriesUnder(@Param("prefix") String prefix);

	@Select("SELECT UniqueHash AS uniqueHash, Id AS id FROM LibraryEntries")
	List<HashHolder> hashHolders();

	@Select("SELECT Id FROM LibraryEntries WHERE UniqueHash = #{hash}")
	Long idByHash(@Param("hash") String hash);

	@Insert("INSERT INTO LibraryEntries (UniqueHash, FilePath, FileSize, AddedAt, Title, Artist, Album, Format, Bitrate, "
			+ "DurationSeconds, BPM, MusicalKey, IntegrityLevel, FileModifiedAt) VALUES (#{uniqueHash}, #{filePath}, "
			+ "#{fileSize}, #{addedAt}, #{title}, #{artist}, #{album}, #{format}, #{bitrate}, #{durationSeconds}, #{bpm}, "
			+ "#{musicalKey}, #{integrityLevel}, #{fileModifiedAt})")
	int insertScanned(FullEntryRow row);

	@Update("UPDATE LibraryEntries SET UniqueHash = #{uniqueHash}, FileSize = #{fileSize}, Title = #{title}, "
			+ "Artist = #{artist}, Album = #{album}, Format = #{format}, Bitrate = #{bitrate}, "
			+ "DurationSeconds = #{durationSeconds}, BPM = #{bpm}, MusicalKey = #{musicalKey}, "
			+ "IntegrityLevel = #{integrityLevel}, FileModifiedAt = #{fileModifiedAt}, MissingSince = NULL WHERE Id = #{id}")
	int updateScanned(FullEntryRow row);

	@Update("UPDATE LibraryEntries SET MissingSince = #{now} WHERE Id = #{id}")
	int markMissing(@Param("id") long id, @Param("now") String now);

	@Insert("INSERT INTO DuplicateFiles (EntryId, UniqueHash, FilePath, FileSize, SeenAt) VALUES (#{entryId}, #{hash}, "
			+ "#{path}, #{size}, #{now}) ON CONFLICT (FilePath) DO UPDATE SET EntryId = excluded.EntryId, "
			+ "UniqueHash = excluded.UniqueHash, FileSize = excluded.FileSize, SeenAt = excluded.SeenAt")
	int upsertDuplicate(@Param("entryId") long entryId, @Param("hash") String hash, @Param("path") String path,
			@Param("size") long size, @Param("now") String now);

	@Select("SELECT d.FilePath || char(31) || e.Id || char(31) || e.FilePath FROM DuplicateFiles d "
			+ "JOIN LibraryEntries e ON e.Id = d.EntryId ORDER BY e.Id, d.FilePath")
	List<String> duplicatePairs();

	/** Text is matched case-insensitively inside title, artist or album with instr(), so % and _ are plain. */
	@Select("<script>SELECT " + ALL_COLUMNS + " FROM LibraryEntries <where>"
			+ "<if test='text != null'>(instr(lower(Title), lower(#{text})) OR instr(lower(Artist), lower(#{text})) "
			+ "OR instr(lower(Album), lower(#{text})))</if>"
			+ "<if test='level != null'> AND IntegrityLevel = #{level}</if></where> ORDER BY Id LIMIT #{limit} OFFSET #{offset}</script>")
	List<FullEntryRow> find(@Param("text") String text, @Param("level") Integer level, @Param("offset") long offset,
			@Param("limit") int limit);

	@Insert("INSERT OR IGNORE INTO LibraryEntries (UniqueHash, FilePath, FileSize, AddedAt, Title, Artist, Album, "
			+ "Format, Bitrate, DurationSeconds, BPM, MusicalKey) VALUES (#{uniqueHash}, #{filePath}, #{fileSize}, "
			+ "#{addedAt}, #{title}, #{artist}, #{album}, #{format}, #{bitrate}, #{durationSeconds}, #{bpm}, "
			+ "#{musicalKey})")
	int insert(EntryRow row);

	String MATCHING = "<where><if test='text != null'>(instr(lower(Title), lower(#{text})) OR instr(lower(Artist), lower(#{text})) "
			+ "OR instr(lower(Album), lower(#{text})))</if><if test='level != null'> AND IntegrityLevel = #{level}</if></where>";

	/**
	 * Ids in a column's order, entries without a value last, then by id. The order is one of the
	 * fixed expressions below, chosen by name; nothing is spliced into the statement.
	 */
	@Select("<script>SELECT Id FROM LibraryEntries " + MATCHING + " ORDER BY <choose>"
			+ "<when test='order == \"ARTIST\"'>Artist IS NULL, Artist COLLATE NOCASE</when>"
			+ "<when test='order == \"TITLE\"'>Title IS NULL, Title COLLATE NOCASE</when>"
			+ "<when test='order == \"ALBUM\"'>Album IS NULL, Album COLLATE NOCASE</when>"
			+ "<when test='order == \"BPM\"'>COALESCE(ManualBPM, BPM, SpotifyBPM) IS NULL, COALESCE(ManualBPM, BPM, SpotifyBPM)</when>"
			+ "<when test='order == \"DURATION\"'>DurationSeconds IS NULL, DurationSeconds</when>"
			+ "<when test='order == \"FORMAT\"'>Format IS NULL, Format COLLATE NOCASE</when>"
			+ "<when test='order == \"BITRATE\"'>Bitrate</when>"
			+ "<when test='order == \"INTEGRITY\"'>IntegrityLevel</when>"
			+ "<when test='order == \"ADDED\"'>AddedAt</when>"
			+ "<otherwise>Id</otherwise></choose><if test='descending'> DESC</if>, Id<if test='descending'> DESC</if></script>")
	long[] ids(@Param("text") String text, @Param("level") Integer level, @Param("order") String order,
			@Param("descending") boolean descending);

	/** The three key sources of the selected entries, for ordering by resolved key (parsed in Java). */
	@Select("<script>SELECT Id AS id, ManualKey AS manualKey, MusicalKey AS musicalKey, SpotifyKey AS spotifyKey "
			+ "FROM LibraryEntries " + MATCHING + " ORDER BY Id</script>")
	List<FullEntryRow> keys(@Param("text") String text, @Param("level") Integer level);

	@Select("<script>SELECT " + ALL_COLUMNS + ", (SELECT Reason FROM ScanProblems p WHERE p.FilePath = LibraryEntries.FilePath) "
			+ "AS problem, EXISTS (SELECT 1 FROM EnrichmentQueue q WHERE q.EntryId = LibraryEntries.Id) AS queued "
			+ "FROM LibraryEntries WHERE Id IN <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
	List<FullEntryRow> listings(@Param("ids") List<Long> ids);
}
