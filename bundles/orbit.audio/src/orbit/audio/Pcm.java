package orbit.audio;

/**
 * A whole decoded file in memory.
 *
 * @param info     the stream it came from
 * @param samples  interleaved samples, {@code frames * info.channels()} of them
 * @param frames   the decoded length in frames
 * @param replaced NaN or infinite samples that were replaced while decoding
 */
public record Pcm(StreamInfo info, float[] samples, long frames, long replaced) {

	public int sampleRate() {
		return info.sampleRate();
	}

	public int channels() {
		return info.channels();
	}

	public double durationSeconds() {
		return frames / (double) info.sampleRate();
	}

	/** The channels averaged into one. */
	public float[] mono() {
		int channels = info.channels();
		int n = (int) frames;
		if (channels == 1) {
			return java.util.Arrays.copyOf(samples, n);
		}
		float[] mono = new float[n];
		for (int i = 0, s = 0; i < n; i++) {
			float sum = 0;
			for (int c = 0; c < channels; c++) {
				sum += samples[s++];
			}
			mono[i] = sum / channels;
		}
		return mono;
	}
}
