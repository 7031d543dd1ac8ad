package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for {@code UpgradeCandidates}; every value is a bound parameter. */
public interface UpgradeMapper {

	String COLUMNS = "Id AS id, FilePath AS filePath, EntryId AS entryId, Format AS format, Bitrate AS bitrate, "
			+ "BitsPerSample AS bitsPerSample, SampleRate AS sampleRate, DurationSeconds AS durationSeconds, State AS state, "
			+ "Reason AS reason, Confidence AS confidence, OffsetMs AS offsetMs, FoundAt AS foundAt, "
			+ "NextRetryTime AS nextRetryTime, HeldBy AS heldBy, UpgradeSource AS upgradeSource, "
			+ "ReplacedFilePath AS replacedFilePath, KeptOriginalPath AS keptOriginalPath, UpgradedAt AS upgradedAt";

	/**
	 * A verdict on a file: new, or in place of the last one unless that one is done or the user
	 * rejected it. A rejection by a look at the file forgets the approval a deferral kept, so that
	 * "Rejected" with "Manual" always means the user's own rejection.
	 */
	@Insert("INSERT INTO UpgradeCandidates (FilePath, EntryId, Format, Bitrate, BitsPerSample, SampleRate, DurationSeconds, "
			+ "State, Reason, Confidence, OffsetMs, FoundAt) VALUES (#{filePath}, #{entryId}, #{format}, #{bitrate}, "
			+ "#{bitsPerSample}, #{sampleRate}, #{durationSeconds}, #{state}, #{reason}, #{confidence}, #{offsetMs}, "
			+ "#{foundAt}) ON CONFLICT (FilePath) DO UPDATE SET EntryId = excluded.EntryId, Format = excluded.Format, "
			+ "Bitrate = excluded.Bitrate, BitsPerSample = excluded.BitsPerSample, SampleRate = excluded.SampleRate, "
			+ "DurationSeconds = excluded.DurationSeconds, State = excluded.State, Reason = excluded.Reason, "
			+ "Confidence = excluded.Confidence, OffsetMs = excluded.OffsetMs, FoundAt = excluded.FoundAt, "
			+ "NextRetryTime = NULL, HeldBy = NULL, UpgradeSource = CASE WHEN excluded.State = 'Rejected' THEN NULL "
			+ "ELSE UpgradeCandidates.UpgradeSource END WHERE UpgradeCandidates.State <> 'Done' AND NOT "
			+ "(UpgradeCandidates.State = 'Rejected' AND UpgradeCandidates.UpgradeSource IS 'Manual')")
	int keep(UpgradeCandidateRow row);

	@Select("SELECT " + COLUMNS + " FROM UpgradeCandidates WHERE FilePath = #{path}")
	UpgradeCandidateRow atPath(@Param("path") String path);

	@Select("SELECT " + COLUMNS + " FROM UpgradeCandidates WHERE Id = #{id}")
	UpgradeCandidateRow byId(@Param("id") long id);

	@Select("SELECT " + COLUMNS + " FROM UpgradeCandidates ORDER BY FoundAt DESC, Id DESC")
	List<UpgradeCandidateRow> all();

	@Select("SELECT " + COLUMNS + " FROM UpgradeCandidates WHERE EntryId = #{entryId} ORDER BY FoundAt DESC, Id DESC")
	List<UpgradeCandidateRow> forEntry(@Param("entryId") long entryId);

	@Select("SELECT " + COLUMNS + " FROM UpgradeCandidates WHERE State = 'Deferred' AND NextRetryTime <= #{now} "
			+ "ORDER BY NextRetryTime")
	List<UpgradeCandidateRow> due(@Param("now") String now);

	/** The run's approval is kept in UpgradeSource for the retry; a done upgrade records its own. */
	@Update("UPDATE UpgradeCandidates SET State = 'Deferred', NextRetryTime = #{retryAt}, HeldBy = #{heldBy}, "
			+ "UpgradeSource = #{source} WHERE Id = #{id}")
	int defer(@Param("id") long id, @Param("retryAt") String retryAt, @Param("heldBy") String heldBy,
			@Param("source") String source);

	/** The user's rejection; a done upgrade is left as it is (it is undone first). */
	@Update("UPDATE UpgradeCandidates SET State = 'Rejected', Reason = #{reason}, UpgradeSource = 'Manual', "
			+ "NextRetryTime = NULL, HeldBy = NULL WHERE Id = #{id} AND State <> 'Done'")
	int rejected(@Param("id") long id, @Param("reason") String reason);

	@Update("UPDATE UpgradeCandidates SET State = 'Failed', Reason = #{reason}, NextRetryTime = NULL, HeldBy = NULL "
			+ "WHERE Id = #{id}")
	int failed(@Param("id") long id, @Param("reason") String reason);

	@Update("UPDATE UpgradeCandidates SET State = 'Done', UpgradeSource = #{source}, ReplacedFilePath = #{replaced}, "
			+ "KeptOriginalPath = #{kept}, UpgradedAt = #{at}, NextRetryTime = NULL, HeldBy = NULL WHERE Id = #{id}")
	int done(@Param("id") long id, @Param("source") String source, @Param("replaced") String replaced,
			@Param("kept") String kept, @Param("at") String at);

	@Update("UPDATE UpgradeCandidates SET State = 'Undone', KeptOriginalPath = NULL WHERE Id = #{id}")
	int undone(@Param("id") long id);

	@Update("UPDATE UpgradeCandidates SET KeptOriginalPath = NULL WHERE Id = #{id}")
	int purged(@Param("id") long id);

	/** Playlists name files by path: those that named the old one name the new one. */
	@Update("UPDATE PlaylistTracks SET ResolvedFilePath = #{to} WHERE ResolvedFilePath = #{from}")
	int relocatePlaylists(@Param("from") String from, @Param("to") String to);
}
