package orbit.library;

import java.time.Instant;

/**
 * Everything the library keeps in one entry, one per readable audio file: the file, its tags, the
 * resolved online values (each with its provider), the user's overrides, integrity and upgrade
 * tracking, the entry that stands for its recording when this file is a copy ({@code duplicateOf}),
 * and the last check of its audio (null until checked). Each provider's own answers are in
 * {@link EntryDetails#answers()}.
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
		OnlineValues online,
		Double manualBpm,
		String manualKey,
		IntegrityLevel integrityLevel,
		boolean userVerifiedGold,
		Instant lastUpgradeScanAt,
		Instant lastUpgradeAt,
		String upgradeSource,
		Long fileModifiedAt,
		Instant missingSince,
		Long duplicateOf,
		AudioVerdict audio,
		AudioQuality quality) {

	/** The title, or until the file is tagged its file name without the extension. */
	public String displayTitle() {
		if (title != null && !title.isBlank()) {
			return title;
		}
		String name = java.nio.file.Path.of(filePath).getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	public DualTruth.Resolved<Double> resolvedBpm() {
		return DualTruth.bpm(manualBpm, bpm, online);
	}

	public DualTruth.Resolved<MusicalKey> resolvedKey() {
		return DualTruth.key(manualKey, musicalKey, online);
	}

	public DualTruth.Resolved<Integer> resolvedDuration() {
		return DualTruth.duration(durationSeconds, online);
	}
}
