package orbit.buffer;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A deck that plays one track through the buffer. Every control returns at once; the audio is
 * pulled by {@link #read}, which never waits on rendering: what is not rendered yet is served from
 * the decoded source, crossfaded, and reported as a {@link FallbackSpan}. Thread-safe.
 */
@ProviderType
public interface PreviewDeck extends AutoCloseable {

	/** Hot cues and their buttons are numbered 1 to this. */
	int HOT_CUES = 4;

	/**
	 * Loads a track: it is decoded in the background, from the start, and plays as soon as the
	 * playhead's audio is decoded. The call returns once the first half second is decoded (a few
	 * milliseconds, at most a second), so that play starts with audio. The deck stops and goes to
	 * 0 s.
	 *
	 * @param bpm the track's tempo for beat jumps, or 0 when unknown
	 */
	void load(Path file, double bpm);

	void play();

	void pause();

	/** Moves the playhead to a time of the track (clamped to it). */
	void seek(double seconds);

	void preset(Preset preset);

	void intensity(double intensity);

	/** The key-locked tempo change, -8 to +8 percent. */
	void tempo(double percent);

	/** Sets hot cue {@code n} (1 to {@link #HOT_CUES}) at the playhead. */
	void setCue(int n);

	/** Jumps to hot cue {@code n}; nothing when it is not set. */
	void hotCue(int n);

	/** Jumps by a number of beats at the track's BPM (negative jumps back). */
	void beatJump(int beats);

	/**
	 * The audio callback: fills {@code out} with {@code frames} interleaved frames at
	 * {@link DeckStatus#sampleRate()} and {@link DeckStatus#channels()}, and advances the playhead
	 * when playing. Paused, it gives silence. Never blocks on rendering.
	 *
	 * @return {@code frames}
	 */
	int read(float[] out, int frames);

	DeckStatus status();

	/**
	 * The waveform overview: the peak of each of {@code columns} equal slices of the track, 0 to 1,
	 * for the part decoded so far (the rest is 0).
	 */
	float[] overview(int columns);

	/** The latest fallback spans, oldest first (at most a few hundred are kept). */
	List<FallbackSpan> fallbacks();

	/** Told of every stretch of audio the deck serves, on the thread that calls {@link #read}. */
	void onServed(ServedAudioListener listener);

	/** Stops the deck and releases its track. */
	@Override
	void close();
}
