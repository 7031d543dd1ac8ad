package orbit.library.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import orbit.library.AudioQuality;
import orbit.library.AudioVerdict;
import orbit.library.IntegrityLevel;
import orbit.library.LibraryEntry;
import orbit.library.LibraryListing;
import orbit.library.OnlineValues;
import orbit.library.TrackState;

/** A whole {@code LibraryEntries} row as MyBatis maps it. */
public class EntryRow {
	public long id;
	public String uniqueHash;
	public String filePath;
	public long fileSize;
	public String addedAt;
	public String title;
	public String artist;
	public String album;
	public String format;
	public int bitrate;
	public Integer durationSeconds;
	public Double bpm;
	public String musicalKey;
	/** Spotify's own answer, the seed's columns; written from the "spotify" provider's answers only. */
	public Double spotifyBpm;
	public String spotifyKey;
	public Integer spotifyDuration;
	public String spotifyTrackId;
	/** The online values, each from the first provider in the provider order that has one. */
	public Double onlineBpm;
	public String onlineBpmProvider;
	public String onlineKey;
	public String onlineKeyProvider;
	public Integer onlineDuration;
	public String onlineDurationProvider;
	public Double manualBpm;
	public String manualKey;
	public int integrityLevel;
	public boolean userVerifiedGold;
	public String lastUpgradeScanAt;
	public String lastUpgradeAt;
	public String upgradeSource;
	public Long fileModifiedAt;
	public String missingSince;
	/** The entry that stands for this one's recording; null when this one stands for it. */
	public Long duplicateOf;
	/** The last audio check; all null until one ran. */
	public String audioCheckedAt;
	public Boolean audioIntact;
	public String audioDetail;
	public String audioCheck;
	/** The last quality measurement (seed 004, Phase 8); all null until one ran. */
	public String spectralHash;
	public Double qualityConfidence;
	public String qualityCheckedAt;
	/** Only in listings: the scan problem of the entry's file, and whether it waits for enrichment. */
	public String problem;
	public boolean queued;
	/** Only in listings: a deferred upgrade's retry time and holder, joined by char 31. */
	public String deferral;

	OnlineValues online() {
		return new OnlineValues(onlineBpm, onlineBpmProvider, onlineKey, onlineKeyProvider, onlineDuration,
				onlineDurationProvider);
	}

	LibraryEntry toEntry() {
		return new LibraryEntry(id, uniqueHash, filePath, fileSize, instant(addedAt), title, artist, album, format,
				bitrate, durationSeconds, bpm, musicalKey, online(), manualBpm, manualKey,
				IntegrityLevel.ofCode(integrityLevel), userVerifiedGold, instant(lastUpgradeScanAt), instant(lastUpgradeAt),
				upgradeSource, fileModifiedAt, instant(missingSince), duplicateOf, audio(), quality());
	}

	AudioVerdict audio() {
		return audioCheckedAt == null || audioIntact == null ? null
				: new AudioVerdict(instant(audioCheckedAt), audioIntact, audioDetail, CHECK_DECODED.equals(audioCheck));
	}

	AudioQuality quality() {
		return qualityCheckedAt == null ? null : new AudioQuality(instant(qualityCheckedAt), qualityConfidence, spectralHash);
	}

	/** {@code AudioCheck} values: the scan's frame check, or a full decode. */
	static final String CHECK_FRAMES = "Frames";
	static final String CHECK_DECODED = "Decoded";

	TrackState state() {
		String damaged = Boolean.FALSE.equals(audioIntact) ? audioDetail : null;
		String[] deferral = this.deferral == null ? null : this.deferral.split("\u001f", 2);
		TrackState state = new TrackState(instant(missingSince), problem, damaged, duplicateOf, queued,
				deferral == null ? null : instant(deferral[0]), deferral == null ? null : deferral[1]);
		return state.ok() ? TrackState.OK : state;
	}

	LibraryListing toListing() {
		return new LibraryListing(toEntry(), state());
	}

	/**
	 * Reads a row selected with {@link LibraryEntryMapper#ALL_COLUMNS}, by position. Single-entry
	 * lookups use it on a plain statement: MyBatis's auto-mapping reads the metadata of all 40
	 * columns again for every result set, which doubled the cost of a lookup by id.
	 */
	static EntryRow read(ResultSet rs) throws SQLException {
		EntryRow row = new EntryRow();
		int c = 0;
		row.id = rs.getLong(++c);
		row.uniqueHash = rs.getString(++c);
		row.filePath = rs.getString(++c);
		row.fileSize = rs.getLong(++c);
		row.addedAt = rs.getString(++c);
		row.title = rs.getString(++c);
		row.artist = rs.getString(++c);
		row.album = rs.getString(++c);
		row.format = rs.getString(++c);
		row.bitrate = rs.getInt(++c);
		row.durationSeconds = integer(rs, ++c);
		row.bpm = real(rs, ++c);
		row.musicalKey = rs.getString(++c);
		row.spotifyBpm = real(rs, ++c);
		row.spotifyKey = rs.getString(++c);
		row.spotifyDuration = integer(rs, ++c);
		row.spotifyTrackId = rs.getString(++c);
		row.onlineBpm = real(rs, ++c);
		row.onlineBpmProvider = rs.getString(++c);
		row.onlineKey = rs.getString(++c);
		row.onlineKeyProvider = rs.getString(++c);
		row.onlineDuration = integer(rs, ++c);
		row.onlineDurationProvider = rs.getString(++c);
		row.manualBpm = real(rs, ++c);
		row.manualKey = rs.getString(++c);
		row.integrityLevel = rs.getInt(++c);
		row.userVerifiedGold = rs.getBoolean(++c);
		row.lastUpgradeScanAt = rs.getString(++c);
		row.lastUpgradeAt = rs.getString(++c);
		row.upgradeSource = rs.getString(++c);
		long modified = rs.getLong(++c);
		row.fileModifiedAt = rs.wasNull() ? null : modified;
		row.missingSince = rs.getString(++c);
		long duplicateOf = rs.getLong(++c);
		row.duplicateOf = rs.wasNull() ? null : duplicateOf;
		row.audioCheckedAt = rs.getString(++c);
		boolean intact = rs.getBoolean(++c);
		row.audioIntact = rs.wasNull() ? null : intact;
		row.audioDetail = rs.getString(++c);
		row.audioCheck = rs.getString(++c);
		row.spectralHash = rs.getString(++c);
		row.qualityConfidence = real(rs, ++c);
		row.qualityCheckedAt = rs.getString(++c);
		return row;
	}

	private static Integer integer(ResultSet rs, int column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Double real(ResultSet rs, int column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(String text) {
		return text == null ? null : Instant.parse(text);
	}
}
