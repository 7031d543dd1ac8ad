package orbit.buffer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of each homogeneous stretch of audio a deck serves, so that what was heard can be checked
 * against direct renders.
 */
@ConsumerType
public interface ServedAudioListener {

	/**
	 * @param samples        the interleaved samples, {@code frames} of them from {@code offset}
	 *                       (frames, not samples); valid only during the call
	 * @param settings       the settings the deck was at
	 * @param outputPosition the first frame's position in the output timeline of those settings'
	 *                       tempo (output frame × ratio is the source frame)
	 * @param fallback       null when these frames are exactly the render of {@code settings} at
	 *                       this position; else why not: a {@link FallbackSpan} reason, or
	 *                       {@link #SILENCE} (paused, stopped)
	 */
	void served(float[] samples, int offset, int frames, RenderSettings settings, long outputPosition,
			String fallback);

	/** The deck is paused or stopped: silence, not a fallback. */
	String SILENCE = "silence";
}
