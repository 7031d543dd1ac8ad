package orbit.buffer.internal;

import orbit.buffer.RenderSettings;
import orbit.buffer.internal.dsp.ChunkRender;
import orbit.buffer.internal.dsp.SourceFrames;
import orbit.buffer.internal.dsp.TrackProfile;

/**
 * Renders one range of a track's output timeline. The buffer's workers and every direct render
 * go through one, so that a test can put a fault between them.
 */
@FunctionalInterface
public interface ChunkRenderer {

	ChunkRender.Rendered render(SourceFrames source, RenderSettings settings, TrackProfile profile, long outStart,
			int outFrames) throws Exception;

	/** The real DSP. */
	ChunkRenderer DSP = ChunkRender::render;
}
