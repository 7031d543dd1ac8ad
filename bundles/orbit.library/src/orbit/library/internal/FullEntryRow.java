package orbit.library.internal;

import java.time.Instant;

import orbit.library.IntegrityLevel;
import orbit.library.LibraryEntry;
import orbit.library.LibraryListing;
import orbit.library.TrackState;

/** A whole {@code LibraryEntries} row as MyBatis maps it. */
public class FullEntryRow extends EntryRow {
	public Double spotifyBpm;
	public String spotifyKey;
	public Integer spotifyDuration;
	public String spotifyTrackId;
	public Double manualBpm;
	public String manualKey;
	public int integrityLevel;
	public boolean userVerifiedGold;
	public String lastUpgradeScanAt;
	public String lastUpgradeAt;
	public String upgradeSource;
	public Long fileModifiedAt;
	public String missingSince;
	/** Only in listings: the scan problem of the entry's file, and whether it waits for enrichment. */
	public String problem;
	public boolean queued;

	LibraryEntry toEntry() {
		return new LibraryEntry(id, uniqueHash, filePath, fileSize, instant(addedAt), title, artist, album, format,
				bitrate, durationSeconds, bpm, musicalKey, spotifyBpm, spotifyKey, spotifyDuration, spotifyTrackId,
				manualBpm, manualKey, IntegrityLevel.ofCode(integrityLevel), userVerifiedGold,
				instant(lastUpgradeScanAt), instant(lastUpgradeAt), upgradeSource, fileModifiedAt, instant(missingSince));
	}

	LibraryListing toListing() {
		return new LibraryListing(toEntry(),
				problem == null && missingSince == null && !queued ? TrackState.OK
						: new TrackState(instant(missingSince), problem, queued));
	}

	private static Instant instant(String text) {
		return text == null ? null : Instant.parse(text);
	}
}
