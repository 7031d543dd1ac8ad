package orbit.buffer.internal.dsp;

/**
 * A stereo-linked lookahead peak limiter whose output never exceeds its ceiling.
 *
 * <p>It works on a whole block at once: the gain at frame {@code n} is the mean, over the last
 * {@link #lookahead()} frames, of a held gain {@code h}, where {@code h[k]} is at most the gain
 * every frame in {@code [k, k + lookahead)} needs. Every term of the mean covers frame {@code n},
 * so the mean is at most the gain frame {@code n} needs: the attack is a ramp of lookahead frames
 * that ends exactly at the peak, and no peak gets through. Release is an exponential recovery of
 * {@code h}. The last {@code lookahead - 1} frames of a block see no further than its end, so a
 * caller adds that many frames after the range it keeps (their gain is still safe, only
 * rougher). A final clamp takes care of float rounding.
 */
public final class Limiter {

	private final int channels;
	private final float ceiling;
	private final int lookahead;
	private final double releaseCoef;

	/**
	 * @param ceilingDb   the highest output level in dBFS
	 * @param lookaheadMs the attack ramp and the distance the limiter sees ahead
	 * @param releaseMs   the time constant of the gain's recovery
	 */
	public Limiter(double sampleRate, int channels, double ceilingDb, double lookaheadMs, double releaseMs) {
		this.channels = channels;
		this.ceiling = (float) Math.pow(10, ceilingDb / 20);
		this.lookahead = Math.max(1, (int) Math.round(lookaheadMs * 0.001 * sampleRate));
		this.releaseCoef = 1 - Math.exp(-1 / (releaseMs * 0.001 * sampleRate));
	}

	public float ceiling() {
		return ceiling;
	}

	/** Frames of lookahead: what a caller renders past the range it keeps. */
	public int lookahead() {
		return lookahead;
	}

	/** Limits {@code frames} interleaved frames of {@code buf} in place. */
	public void process(float[] buf, int frames) {
		if (frames == 0) {
			return;
		}
		// the gain each frame needs
		float[] need = new float[frames];
		for (int f = 0, i = 0; f < frames; f++, i += channels) {
			float peak = 0;
			for (int c = 0; c < channels; c++) {
				peak = Math.max(peak, Math.abs(buf[i + c]));
			}
			need[f] = peak > ceiling ? ceiling / peak : 1f;
		}
		float[] held = aheadMinimum(need, lookahead);
		// recovery: h never rises above what the window ahead needs
		double h = 1;
		for (int f = 0; f < frames; f++) {
			double m = held[f];
			h = m <= h ? m : Math.min(m, h + (m - h) * releaseCoef);
			held[f] = (float) h;
		}
		// the ramp: the mean of the last lookahead values of h (1 before the block)
		double sum = lookahead;
		double inverse = 1.0 / lookahead;
		for (int f = 0, i = 0; f < frames; f++, i += channels) {
			sum += held[f] - (f >= lookahead ? held[f - lookahead] : 1f);
			float gain = (float) Math.min(sum * inverse, need[f]);
			for (int c = 0; c < channels; c++) {
				float y = buf[i + c] * gain;
				buf[i + c] = y > ceiling ? ceiling : y < -ceiling ? -ceiling : y;
			}
		}
	}

	/** {@code out[k] = min(in[k .. k + width))}, with the window cut at the end, by a monotonic queue. */
	static float[] aheadMinimum(float[] in, int width) {
		int n = in.length;
		float[] out = new float[n];
		int[] queue = new int[n];
		int head = 0, tail = 0;
		// walk backwards: the window of k is [k, k + width)
		for (int k = n - 1; k >= 0; k--) {
			while (tail > head && in[queue[tail - 1]] >= in[k]) {
				tail--;
			}
			queue[tail++] = k;
			if (queue[head] >= k + width) {
				head++;
			}
			out[k] = in[queue[head]];
		}
		return out;
	}
}
