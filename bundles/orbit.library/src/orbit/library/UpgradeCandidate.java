package orbit.library;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file that may replace a library track, with its verdict.
 *
 * @param id               its id; 0 before it is kept
 * @param file             the candidate file
 * @param entryId          the library entry it was matched to; null when none matched
 * @param format           its format ("FLAC")
 * @param bitrate          its average bitrate in kbit/s
 * @param bitsPerSample    its resolution for lossless formats; 0 for lossy ones
 * @param sampleRate       its sample rate
 * @param durationSeconds  its decoded length
 * @param state            where it stands
 * @param reason           the verdict in words: "ready: FLAC 16/44.1 replaces MP3 192 kbps, offset +26 ms"
 * @param confidence       how sure the audio comparison is that it holds the entry's recording (0-1); null
 *                         when it was not compared
 * @param offsetMillis     how much later the recording starts in the candidate than in the track (cue
 *                         points move by this much); null when not compared
 * @param foundAt          when it was found (or found again)
 * @param nextRetryAt      for a deferred candidate, when it is tried again
 * @param heldBy           for a deferred candidate, who held the track ("rekordbox (pid 4242) has it open")
 * @param upgradeSource    for a done one: "Auto" (a Gold entry in an automatic run) or "Manual" (approved);
 *                         for a deferred one, the approval its retry keeps; for a rejected one, "Manual"
 *                         when the user rejected it
 * @param replacedFile     for a done one: the track's path before
 * @param keptOriginal     for a done one: where the original is kept until purged; null once purged
 * @param upgradedAt       for a done one: when
 */
public record UpgradeCandidate(long id, Path file, Long entryId, String format, int bitrate, int bitsPerSample,
		int sampleRate, double durationSeconds, UpgradeState state, String reason, Double confidence,
		Double offsetMillis, Instant foundAt, Instant nextRetryAt, String heldBy, String upgradeSource,
		Path replacedFile, Path keptOriginal, Instant upgradedAt) {

	/** "Auto": an automatic run upgraded a Gold entry (seed 004). */
	public static final String AUTO = "Auto";
	/** "Manual": the user approved the upgrade of an entry that is not Gold. */
	public static final String MANUAL = "Manual";

	/** The reason kept when the user rejects a candidate. */
	public static final String REJECTED_BY_USER = "rejected by the user";

	/** The user rejected this candidate (a later look at its file leaves it rejected). */
	public boolean rejectedByUser() {
		return state == UpgradeState.REJECTED && MANUAL.equals(upgradeSource);
	}

	/** A new verdict on a file, not yet kept. */
	public static UpgradeCandidate found(Path file, Long entryId, String format, int bitrate, int bitsPerSample,
			int sampleRate, double durationSeconds, UpgradeState state, String reason, Double confidence,
			Double offsetMillis) {
		return new UpgradeCandidate(0, file, entryId, format, bitrate, bitsPerSample, sampleRate, durationSeconds, state,
				reason, confidence, offsetMillis, Instant.now(), null, null, null, null, null, null);
	}
}
