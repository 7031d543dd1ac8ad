package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The reads of {@code LibraryEntries} and its history; every value is a bound parameter. Entries are
 * written by {@link EntryWriter} alone, through {@link EntryWriteMapper}.
 */
public interface LibraryEntryMapper {

	String COLUMNS = "Id AS id, UniqueHash AS uniqueHash, FilePath AS filePath, FileSize AS fileSize, "
			+ "AddedAt AS addedAt, Title AS title, Artist AS artist, Album AS album, Format AS format, "
			+ "Bitrate AS bitrate, DurationSeconds AS durationSeconds, BPM AS bpm, MusicalKey AS musicalKey";

	@Select("SELECT COUNT(*) FROM LibraryEntries")
	long count();

	String ALL_COLUMNS = COLUMNS + ", SpotifyBPM AS spotifyBpm, SpotifyKey AS spotifyKey, "
			+ "SpotifyDuration AS spotifyDuration, SpotifyTrackId AS spotifyTrackId, OnlineBPM AS onlineBpm, "
			+ "OnlineBPMProvider AS onlineBpmProvider, OnlineKey AS onlineKey, OnlineKeyProvider AS onlineKeyProvider, "
			+ "OnlineDuration AS onlineDuration, OnlineDurationProvider AS onlineDurationProvider, ManualBPM AS manualBpm, "
			+ "ManualKey AS manualKey, IntegrityLevel AS integrityLevel, UserVerifiedGold AS userVerifiedGold, "
			+ "LastUpgradeScanAt AS lastUpgradeScanAt, LastUpgradeAt AS lastUpgradeAt, UpgradeSource AS upgradeSource, "
			+ "FileModifiedAt AS fileModifiedAt, MissingSince AS missingSince, DuplicateOf AS duplicateOf, "
			+ "AudioCheckedAt AS audioCheckedAt, AudioIntact AS audioIntact, AudioDetail AS audioDetail, AudioCheck AS audioCheck, "
			+ "SpectralHash AS spectralHash, QualityConfidence AS qualityConfidence, QualityCheckedAt AS qualityCheckedAt";

	/** The lookups by a unique key, as plain JDBC: see {@link EntryRow#read}. */
	String ENTRY_BY_ID = "SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE Id = ?";
	String ENTRY_BY_PATH = "SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE FilePath = ?";

	@Select("SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE Id = #{id}")
	EntryRow entryById(@Param("id") long id);

	@Select("SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE FilePath = #{path}")
	EntryRow entryByPath(@Param("path") String path);

	@Select("SELECT EntryId AS entryId, Field AS field, OldValue AS oldValue, NewValue AS newValue, Source AS source, "
			+ "Provider AS provider, ChangedAt AS changedAt FROM LibraryEntryHistory WHERE EntryId = #{id} ORDER BY Id")
	List<HistoryRow> history(@Param("id") long id);

	@Select("SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE substr(FilePath, 1, length(#{prefix})) = #{prefix}")
	List<EntryRow> entriesUnder(@Param("prefix") String prefix);

	/** Entries under a folder whose file is there and was not checked since it last changed. */
	@Select("SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE substr(FilePath, 1, length(#{prefix})) = #{prefix} "
			+ "AND AudioCheckedAt IS NULL AND MissingSince IS NULL ORDER BY FilePath")
	List<EntryRow> uncheckedUnder(@Param("prefix") String prefix);

	/** Entries under a folder whose file is there and whose quality was not measured since it last changed. */
	@Select("SELECT " + ALL_COLUMNS + " FROM LibraryEntries WHERE substr(FilePath, 1, length(#{prefix})) = #{prefix} "
			+ "AND QualityCheckedAt IS NULL AND MissingSince IS NULL ORDER BY FilePath")
	List<EntryRow> unmeasuredUnder(@Param("prefix") String prefix);

	@Select("SELECT FilePath FROM LibraryEntries")
	List<String> filePaths();

	/**
	 * What deciding a recording's standing copy needs, of every entry that can be or has been a
	 * copy: those of recordings more than one file holds, and those that still name a standing one
	 * (a library of 100,000 files with a few hundred copies reads a few hundred rows).
	 */
	@Select("SELECT Id AS id, UniqueHash AS uniqueHash, FilePath AS filePath, Format AS format, Bitrate AS bitrate, "
			+ "DurationSeconds AS durationSeconds, MissingSince AS missingSince, DuplicateOf AS duplicateOf, "
			+ "AudioIntact AS audioIntact FROM LibraryEntries WHERE DuplicateOf IS NOT NULL OR UniqueHash IN "
			+ "(SELECT UniqueHash FROM LibraryEntries GROUP BY UniqueHash HAVING COUNT(*) > 1)")
	List<EntryRow> copyCandidates();

	@Select("<script>SELECT Id AS id, UniqueHash AS uniqueHash, FilePath AS filePath, Format AS format, Bitrate AS bitrate, "
			+ "DurationSeconds AS durationSeconds, MissingSince AS missingSince, DuplicateOf AS duplicateOf, "
			+ "AudioIntact AS audioIntact FROM LibraryEntries WHERE UniqueHash IN "
			+ "<foreach item='h' collection='hashes' open='(' separator=',' close=')'>#{h}</foreach></script>")
	List<EntryRow> copyFactsOf(@Param("hashes") List<String> hashes);

	@Select("SELECT COUNT(*) FROM LibraryEntries WHERE DuplicateOf IS NOT NULL "
			+ "AND substr(FilePath, 1, length(#{prefix})) = #{prefix}")
	int copiesUnder(@Param("prefix") String prefix);

	/** Each copy with the entry that stands for its recording. */
	@Select("SELECT c.Id || char(31) || c.FilePath || char(31) || s.Id || char(31) || s.FilePath FROM LibraryEntries c "
			+ "JOIN LibraryEntries s ON s.Id = c.DuplicateOf ORDER BY s.Id, c.FilePath")
	List<String> duplicatePairs();

	/** Text is matched case-insensitively inside title, artist, album or path with instr(), so % and _ are plain. */
	@Select("<script>SELECT " + ALL_COLUMNS + " FROM LibraryEntries " + MATCHING_AUDIO + " ORDER BY Id LIMIT #{limit} "
			+ "OFFSET #{offset}</script>")
	List<EntryRow> find(@Param("text") String text, @Param("level") Integer level, @Param("audio") String audio,
			@Param("quality") String quality, @Param("bpmFrom") Double bpmFrom, @Param("bpmTo") Double bpmTo, @Param("format") String format,
			@Param("offset") long offset, @Param("limit") int limit);

	/**
	 * {@code text} arrives folded ({@link SearchFold}); a column is folded (orbit_fold, in Java) only
	 * when it has a character beyond ASCII, which a GLOB finds in SQLite itself; else lower() is the
	 * same, and cheaper.
	 */
	String TEXT = "<if test='text != null'>("
			+ "(instr(lower(Title), #{text}) OR Title GLOB '*[^ -~]*' AND instr(orbit_fold(Title), #{text})) "
			+ "OR (instr(lower(Artist), #{text}) OR Artist GLOB '*[^ -~]*' AND instr(orbit_fold(Artist), #{text})) "
			+ "OR (instr(lower(Album), #{text}) OR Album GLOB '*[^ -~]*' AND instr(orbit_fold(Album), #{text})) "
			+ "OR (instr(lower(FilePath), #{text}) OR FilePath GLOB '*[^ -~]*' AND instr(orbit_fold(FilePath), #{text})))</if>";

	/** The lossless verdict's classes, on the confidence (see {@link orbit.library.AudioQuality#kind()}). */
	String QUALITY = "<if test='quality == \"TRANSCODED\"'> AND QualityConfidence &lt; "
			+ orbit.library.AudioQuality.TRANSCODED_BELOW + "</if><if test='quality == \"LOSSLESS\"'> AND QualityConfidence &gt;= "
			+ orbit.library.AudioQuality.LOSSLESS_FROM + "</if><if test='quality == \"UNKNOWN\"'> AND QualityConfidence &gt;= "
			+ orbit.library.AudioQuality.TRANSCODED_BELOW + " AND QualityConfidence &lt; " + orbit.library.AudioQuality.LOSSLESS_FROM
			+ "</if>";

	/** The resolved BPM's range (user, then file, then online, as {@link orbit.library.DualTruth} resolves it). */
	String BPM_RANGE = "<if test='bpmFrom != null'> AND COALESCE(ManualBPM, BPM, OnlineBPM) &gt;= #{bpmFrom}</if>"
			+ "<if test='bpmTo != null'> AND COALESCE(ManualBPM, BPM, OnlineBPM) &lt;= #{bpmTo}</if>";

	String MATCHING_AUDIO = "<where>" + TEXT + "<if test='level != null'> AND IntegrityLevel = #{level}</if>"
			+ "<if test='audio == \"INTACT\"'> AND AudioIntact = 1</if><if test='audio == \"DAMAGED\"'> AND AudioIntact = 0</if>"
			+ "<if test='audio == \"UNCHECKED\"'> AND AudioIntact IS NULL</if>" + QUALITY + BPM_RANGE
			+ "<if test='format != null'> AND (CASE lower(Format) WHEN 'aif' THEN 'aiff' ELSE lower(Format) END) = #{format}</if>"
			+ "</where>";


	/**
	 * Ids in a column's order, entries without a value last, then by id. The order is one of the
	 * fixed expressions below, chosen by name; nothing is spliced into the statement.
	 */
	@Select("<script>SELECT Id FROM LibraryEntries " + MATCHING_AUDIO + " ORDER BY <choose>"
			+ "<when test='order == \"ARTIST\"'>Artist IS NULL, Artist COLLATE NOCASE</when>"
			+ "<when test='order == \"TITLE\"'>Title IS NULL, Title COLLATE NOCASE</when>"
			+ "<when test='order == \"ALBUM\"'>Album IS NULL, Album COLLATE NOCASE</when>"
			+ "<when test='order == \"BPM\"'>COALESCE(ManualBPM, BPM, OnlineBPM) IS NULL, COALESCE(ManualBPM, BPM, OnlineBPM)</when>"
			+ "<when test='order == \"DURATION\"'>DurationSeconds IS NULL, DurationSeconds</when>"
			+ "<when test='order == \"FORMAT\"'>Format IS NULL, Format COLLATE NOCASE</when>"
			+ "<when test='order == \"BITRATE\"'>Bitrate</when>"
			+ "<when test='order == \"INTEGRITY\"'>IntegrityLevel</when>"
			+ "<when test='order == \"ADDED\"'>AddedAt</when>"
			+ "<otherwise>Id</otherwise></choose><if test='descending'> DESC</if>, Id<if test='descending'> DESC</if></script>")
	long[] ids(@Param("text") String text, @Param("level") Integer level, @Param("audio") String audio,
			@Param("quality") String quality, @Param("bpmFrom") Double bpmFrom, @Param("bpmTo") Double bpmTo, @Param("format") String format,
			@Param("order") String order, @Param("descending") boolean descending);

	/** The three key sources of the selected entries, for ordering by resolved key (parsed in Java). */
	@Select("<script>SELECT Id AS id, ManualKey AS manualKey, MusicalKey AS musicalKey, OnlineKey AS onlineKey "
			+ "FROM LibraryEntries " + MATCHING_AUDIO + " ORDER BY Id</script>")
	List<EntryRow> keys(@Param("text") String text, @Param("level") Integer level, @Param("audio") String audio,
			@Param("quality") String quality, @Param("bpmFrom") Double bpmFrom, @Param("bpmTo") Double bpmTo, @Param("format") String format);

	@Select("<script>SELECT " + ALL_COLUMNS + ", (SELECT Reason FROM ScanProblems p WHERE p.FilePath = LibraryEntries.FilePath) "
			+ "AS problem, EXISTS (SELECT 1 FROM EnrichmentQueue q WHERE q.EntryId = LibraryEntries.Id) AS queued, "
			+ "(SELECT u.NextRetryTime || char(31) || coalesce(u.HeldBy, '') FROM UpgradeCandidates u "
			+ "WHERE u.EntryId = LibraryEntries.Id AND u.State = 'Deferred' ORDER BY u.NextRetryTime LIMIT 1) AS deferral "
			+ "FROM LibraryEntries WHERE Id IN <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
	List<EntryRow> listings(@Param("ids") List<Long> ids);
}
