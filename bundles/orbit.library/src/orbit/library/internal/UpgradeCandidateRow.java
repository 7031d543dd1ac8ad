package orbit.library.internal;

import java.nio.file.Path;
import java.time.Instant;

import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;

/** A {@code UpgradeCandidates} row as MyBatis maps it. */
public class UpgradeCandidateRow {
	public long id;
	public String filePath;
	public Long entryId;
	public String format;
	public int bitrate;
	public int bitsPerSample;
	public int sampleRate;
	public double durationSeconds;
	public String state;
	public String reason;
	public Double confidence;
	public Double offsetMs;
	public String foundAt;
	public String nextRetryTime;
	public String heldBy;
	public String upgradeSource;
	public String replacedFilePath;
	public String keptOriginalPath;
	public String upgradedAt;

	static UpgradeCandidateRow of(UpgradeCandidate c) {
		UpgradeCandidateRow row = new UpgradeCandidateRow();
		row.id = c.id();
		row.filePath = c.file().toAbsolutePath().normalize().toString();
		row.entryId = c.entryId();
		row.format = c.format();
		row.bitrate = c.bitrate();
		row.bitsPerSample = c.bitsPerSample();
		row.sampleRate = c.sampleRate();
		row.durationSeconds = c.durationSeconds();
		row.state = c.state().stored();
		row.reason = c.reason();
		row.confidence = c.confidence();
		row.offsetMs = c.offsetMillis();
		row.foundAt = text(c.foundAt());
		row.nextRetryTime = text(c.nextRetryAt());
		row.heldBy = c.heldBy();
		row.upgradeSource = c.upgradeSource();
		row.replacedFilePath = c.replacedFile() == null ? null : c.replacedFile().toString();
		row.keptOriginalPath = c.keptOriginal() == null ? null : c.keptOriginal().toString();
		row.upgradedAt = text(c.upgradedAt());
		return row;
	}

	UpgradeCandidate toCandidate() {
		return new UpgradeCandidate(id, Path.of(filePath), entryId, format, bitrate, bitsPerSample, sampleRate,
				durationSeconds, UpgradeState.ofStored(state), reason, confidence, offsetMs, instant(foundAt),
				instant(nextRetryTime), heldBy, upgradeSource, path(replacedFilePath), path(keptOriginalPath),
				instant(upgradedAt));
	}

	private static String text(Instant instant) {
		return instant == null ? null : instant.toString();
	}

	private static Instant instant(String text) {
		return text == null ? null : Instant.parse(text);
	}

	private static Path path(String text) {
		return text == null ? null : Path.of(text);
	}
}
