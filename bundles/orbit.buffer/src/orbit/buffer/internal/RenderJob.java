package orbit.buffer.internal;

import orbit.buffer.internal.dsp.TrackProfile;

/**
 * A chunk to render: output frames {@code [outStart, outStart + outFrames)} of a track at the
 * key's settings.
 */
public record RenderJob(DecodedTrack track, ChunkKey key, long outStart, int outFrames, TrackProfile profile,
		int tier, double probability) {

	RenderJob withProfile(TrackProfile newProfile, int newTier, double newProbability) {
		return new RenderJob(track, key, outStart, outFrames, newProfile, newTier, newProbability);
	}
}
