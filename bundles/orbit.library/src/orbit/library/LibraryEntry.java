package orbit.library;

import java.time.Instant;

/**
 * Everything the library knows of one entry: the file, its tags, the online provider's values,
 * the user's overrides, integrity and upgrade tracking ({@code LibraryEntries}, all columns).
 */
public record LibraryEntry(
		long id,
		String uniqueHash,
		String filePath,
		long fileSize,
		Instant addedAt,
		String title,
		String artist,
		String album,
		String format,
		int bitrate,
		Integer durationSeconds,
		Double bpm,
		String musicalKey,
		Double spotifyBpm,
		String spotifyKey,
		Integer spotifyDuration,
		String spotifyTrackId,
		Double manualBpm,
		String manualKey,
		IntegrityLevel integrityLevel,
		boolean userVerifiedGold,
		Instant lastUpgradeScanAt,
		Instant lastUpgradeAt,
		String upgradeSource,
		Long fileModifiedAt,
		Instant missingSince) {

	public DualTruth.Resolved<Double> resolvedBpm() {
		return DualTruth.bpm(manualBpm, bpm, spotifyBpm);
	}

	public DualTruth.Resolved<MusicalKey> resolvedKey() {
		return DualTruth.key(manualKey, musicalKey, spotifyKey);
	}

	public DualTruth.Resolved<Integer> resolvedDuration() {
		return DualTruth.duration(durationSeconds, spotifyDuration);
	}

	public GoldRule.Evaluation gold() {
		return GoldRule.evaluate(bpm, musicalKey, durationSeconds, spotifyBpm, spotifyKey, spotifyDuration,
				userVerifiedGold);
	}
}
