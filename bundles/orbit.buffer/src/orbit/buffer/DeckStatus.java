package orbit.buffer;

import java.nio.file.Path;

/**
 * A deck as of now.
 *
 * @param file             the loaded track, or null
 * @param error            why the track cannot play (unreadable, deleted), or null
 * @param decodedFraction  how much of the track is decoded, 0 to 1
 * @param playing          whether the playhead moves
 * @param positionSeconds  the playhead, in seconds of the track
 * @param durationSeconds  the track's length, in seconds (as far as known while decoding)
 * @param sampleRate       of the audio {@link PreviewDeck#read} gives
 * @param channels         of the audio {@link PreviewDeck#read} gives
 * @param settings         the preset, intensity and tempo
 * @param bpm              the track's tempo for beat jumps, 0 when unknown
 * @param cues             hot cue {@code n} at index {@code n - 1}, in seconds; NaN when unset
 * @param plays            how many times this deck started playing a loaded track from a stop
 */
public record DeckStatus(Path file, String error, double decodedFraction, boolean playing, double positionSeconds,
		double durationSeconds, int sampleRate, int channels, RenderSettings settings, double bpm, double[] cues,
		int plays) {
}
