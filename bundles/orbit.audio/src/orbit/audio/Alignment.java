package orbit.audio;

import java.util.Locale;

/**
 * Whether two decodings hold the same recording, and how far apart in time.
 *
 * @param sameRecording  whether the confidence passes the threshold of a match
 * @param confidence     0 (unrelated) to 1 (identical), the normalised correlation at the best offset
 * @param offsetMillis   how much later the recording starts in the second decoding than in the
 *                       first: +500 when the second has 500 ms more in front, negative when it
 *                       starts later in the music (a cut intro)
 */
public record Alignment(boolean sameRecording, double confidence, double offsetMillis) {

	public String sentence() {
		return sameRecording
				? String.format(Locale.ROOT, "same recording (confidence %.2f), offset %+.1f ms", confidence, offsetMillis)
				: String.format(Locale.ROOT, "different recordings (confidence %.2f)", confidence);
	}
}
