package orbit.buffer.internal;

import orbit.buffer.RenderSettings;

/**
 * One chunk of processed audio: output frames {@code [index × length, (index + 1) × length)} of a
 * track's load at some settings.
 *
 * @param generation the {@link DecodedTrack#generation()} it was rendered from
 */
public record ChunkKey(long generation, RenderSettings settings, long index) {
}
