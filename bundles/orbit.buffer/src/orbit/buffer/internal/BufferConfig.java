package orbit.buffer.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a buffer is sized and run.
 *
 * @param chunkFrames     output frames per chunk; 65,536 (1.5 s at 44.1 kHz): the README's
 *                        performance notes give the measurements behind it
 * @param l1Bytes         the budget of each tier, in bytes of samples (frames × channels × 4)
 * @param workers         render threads, at the lowest priority
 * @param renderBound     a render that takes longer is abandoned and its thread replaced
 * @param transitionsFile where learned preset switches are kept, or null to keep them in memory
 */
public record BufferConfig(int chunkFrames, long l1Bytes, long l2Bytes, long l3Bytes, int workers,
		Duration renderBound, Path transitionsFile) {

	public static final int CHUNK_FRAMES = 1 << 16;
	public static final long MIB = 1024 * 1024;

	/** The workstation's: 4, 24 and 8 MiB hold the whole plan of a stereo track. */
	public static BufferConfig defaults(Path transitionsFile) {
		int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
		return new BufferConfig(CHUNK_FRAMES, 4 * MIB, 24 * MIB, 8 * MIB, workers, Duration.ofSeconds(30),
				transitionsFile);
	}

	public BufferConfig withWorkers(int count) {
		return new BufferConfig(chunkFrames, l1Bytes, l2Bytes, l3Bytes, count, renderBound, transitionsFile);
	}

	public BufferConfig withRenderBound(Duration bound) {
		return new BufferConfig(chunkFrames, l1Bytes, l2Bytes, l3Bytes, workers, bound, transitionsFile);
	}

	public BufferConfig withBudgets(long l1, long l2, long l3) {
		return new BufferConfig(chunkFrames, l1, l2, l3, workers, renderBound, transitionsFile);
	}

	public BufferConfig withChunkFrames(int frames) {
		return new BufferConfig(frames, l1Bytes, l2Bytes, l3Bytes, workers, renderBound, transitionsFile);
	}
}
