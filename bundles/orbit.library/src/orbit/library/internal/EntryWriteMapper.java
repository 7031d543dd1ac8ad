package orbit.library.internal;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Update;

/**
 * The only SQL that writes {@code LibraryEntries} and its history; {@link EntryWriter} alone uses
 * it. Every value is a bound parameter.
 */
interface EntryWriteMapper {

	@Insert("INSERT INTO LibraryEntries (UniqueHash, FilePath, FileSize, AddedAt, Title, Artist, Album, Format, Bitrate, "
			+ "DurationSeconds, BPM, MusicalKey, IntegrityLevel, FileModifiedAt, DuplicateOf) VALUES (#{uniqueHash}, "
			+ "#{filePath}, #{fileSize}, #{addedAt}, #{title}, #{artist}, #{album}, #{format}, #{bitrate}, #{durationSeconds}, "
			+ "#{bpm}, #{musicalKey}, #{integrityLevel}, #{fileModifiedAt}, #{duplicateOf})")
	int insert(EntryRow row);

	/** Every column an entry's life changes; Id and AddedAt never change. */
	@Update("UPDATE LibraryEntries SET UniqueHash = #{uniqueHash}, FilePath = #{filePath}, FileSize = #{fileSize}, "
			+ "Title = #{title}, Artist = #{artist}, Album = #{album}, Format = #{format}, Bitrate = #{bitrate}, "
			+ "DurationSeconds = #{durationSeconds}, BPM = #{bpm}, MusicalKey = #{musicalKey}, "
			+ "SpotifyBPM = #{spotifyBpm}, SpotifyKey = #{spotifyKey}, SpotifyDuration = #{spotifyDuration}, "
			+ "SpotifyTrackId = #{spotifyTrackId}, OnlineBPM = #{onlineBpm}, OnlineBPMProvider = #{onlineBpmProvider}, "
			+ "OnlineKey = #{onlineKey}, OnlineKeyProvider = #{onlineKeyProvider}, OnlineDuration = #{onlineDuration}, "
			+ "OnlineDurationProvider = #{onlineDurationProvider}, ManualBPM = #{manualBpm}, ManualKey = #{manualKey}, "
			+ "IntegrityLevel = #{integrityLevel}, UserVerifiedGold = #{userVerifiedGold}, "
			+ "LastUpgradeScanAt = #{lastUpgradeScanAt}, LastUpgradeAt = #{lastUpgradeAt}, UpgradeSource = #{upgradeSource}, "
			+ "FileModifiedAt = #{fileModifiedAt}, MissingSince = #{missingSince}, DuplicateOf = #{duplicateOf}, "
			+ "AudioCheckedAt = #{audioCheckedAt}, AudioIntact = #{audioIntact}, AudioDetail = #{audioDetail}, "
			+ "AudioCheck = #{audioCheck}, SpectralHash = #{spectralHash}, QualityConfidence = #{qualityConfidence}, "
			+ "QualityCheckedAt = #{qualityCheckedAt} WHERE Id = #{id}")
	int update(EntryRow row);

	@Insert("INSERT INTO LibraryEntryHistory (EntryId, Field, OldValue, NewValue, Source, Provider, ChangedAt) "
			+ "VALUES (#{entryId}, #{field}, #{oldValue}, #{newValue}, #{source}, #{provider}, #{changedAt})")
	int insertHistory(HistoryRow row);
}
