package orbit.audio;

import java.util.Locale;

/**
 * What the spectrum says about the audio's history: whether lossless audio is genuine, or was
 * decoded from a lossy file.
 *
 * @param kind          the verdict
 * @param cutoff        the measurement it rests on
 * @param estimatedKbps for a transcode, the lossy source's likely bitrate in kbit/s; 0 otherwise
 */
public record LosslessVerdict(Kind kind, SpectralCutoff cutoff, int estimatedKbps) {

	public enum Kind {
		/** Energy reaches (almost) the top of the band: nothing was cut away. */
		GENUINE_LOSSLESS,
		/** A brick-wall low-pass well below the top of the band, as lossy encoders cut. */
		TRANSCODED,
		/** Too little high-frequency material to tell (a quiet or narrow-band recording). */
		CANNOT_TELL
	}

	/** As the command line and the inspector say it. */
	public String sentence() {
		return switch (kind) {
		case GENUINE_LOSSLESS -> "genuine lossless";
		case TRANSCODED -> String.format(Locale.ROOT, "transcoded from lossy, about %d kbps (cutoff %.1f kHz)",
				estimatedKbps, cutoff.hz() / 1000);
		case CANNOT_TELL -> "cannot tell";
		};
	}
}
