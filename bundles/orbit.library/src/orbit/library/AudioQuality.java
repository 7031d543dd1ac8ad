package orbit.library;

import java.time.Instant;

import orbit.audio.AudioReport;

/**
 * What the audio of an entry's file really is (seed 004, Phase 8): its fingerprint, and for a
 * lossless format how sure ORBIT is that the audio is genuinely lossless rather than decoded from
 * a lossy file. Measured from the decoded audio, in the background after a scan.
 *
 * @param checkedAt    when it was measured
 * @param confidence   {@code QualityConfidence}: 0 (a transcode of a lossy file) to 1 (genuine); null
 *                     for a lossy format, which claims no more than it is
 * @param spectralHash {@code SpectralHash}: the fingerprint of the recording, as text
 */
public record AudioQuality(Instant checkedAt, Double confidence, String spectralHash) {

	/** The verdicts a DJ filters on; {@code tracks --quality transcoded|lossless|unknown}. */
	public enum Kind {
		LOSSLESS("lossless"), TRANSCODED("transcoded"), UNKNOWN("unknown");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	/** Below this a lossless file counts as a transcode; from {@link #LOSSLESS_FROM} on, as genuine. */
	public static final double TRANSCODED_BELOW = 0.35;
	public static final double LOSSLESS_FROM = 0.65;

	/** The quality measured in a report: the lossless verdict as a confidence for lossless formats. */
	public static AudioQuality of(AudioReport report, Instant at) {
		Double confidence = null;
		if (report.info().codec().lossless()) {
			confidence = switch (report.verdict().kind()) {
			case GENUINE_LOSSLESS -> 0.95;
			case CANNOT_TELL -> 0.5;
			case TRANSCODED -> 0.05;
			};
		}
		return new AudioQuality(at, confidence, report.fingerprint().encoded());
	}

	/** The verdict; null for a lossy format. */
	public Kind kind() {
		if (confidence == null) {
			return null;
		}
		return confidence < TRANSCODED_BELOW ? Kind.TRANSCODED : confidence >= LOSSLESS_FROM ? Kind.LOSSLESS : Kind.UNKNOWN;
	}

	/** For a table cell: "lossless", "transcoded", "unknown", or "lossy" for a lossy format. */
	public String label() {
		Kind kind = kind();
		return kind == null ? "lossy" : kind.label();
	}
}
