package orbit.buffer.internal;

/**
 * A rendered chunk held in a tier. Its probability and last use are updated under the tier's lock.
 */
public final class Chunk {

	final ChunkKey key;
	final float[] samples;
	final int frames;
	/** What the tier accounts for it: frames × channels × 4, set when it enters a tier. */
	long bytes;
	double probability;
	long lastUsed;

	public Chunk(ChunkKey key, float[] samples, int channels, double probability) {
		this.key = key;
		this.samples = samples;
		this.frames = samples.length / channels;
		this.bytes = (long) samples.length * Float.BYTES;
		this.probability = probability;
	}

	public ChunkKey key() {
		return key;
	}

	public float[] samples() {
		return samples;
	}

	public int frames() {
		return frames;
	}

	public long bytes() {
		return bytes;
	}
}
