package orbit.buffer.internal.dsp;

/**
 * Key-locked time stretch by WSOLA: overlap-add of Hann-windowed source segments at 50 % overlap,
 * each taken near its nominal place and shifted to resemble what the segment before it would have
 * continued with.
 *
 * <p>The output is a pure function of the output position, so that any range renders alike
 * whatever range came before it. Synthesis frame {@code j} is centred on output frame
 * {@code j * hop} and on source frame {@code s(j) + delta(j)}, with the nominal
 * {@code s(j) = round(j * hop * ratio)}. The shifts are chosen in groups of {@link #GROUP} frames:
 * the first frame of a group compares its candidates against the nominal continuation of frame
 * {@code j - 1} (as if that frame had no shift), the others against the actual continuation of
 * their predecessor in the group. A frame's shift therefore depends only on its group, never on
 * where a render started; within a group phases stay locked, and a group boundary costs at most
 * a small phase step every {@code GROUP * hop} frames.
 *
 * <p>The search runs on a mono mix, first on a grid of every {@link #DECIMATION}th frame (means of
 * that many frames), then at full rate around the best coarse candidate. Its score is the
 * correlation with the template over the candidate's energy, so loud passages do not win merely
 * for being loud.
 */
public final class TempoStretch {

	/** Frames whose shifts are chosen as one chain. */
	static final int GROUP = 8;
	static final int DECIMATION = 4;

	private final int channels;
	/** Half the window: the distance between synthesis frames. */
	private final int hop;
	/** How far a segment may move from its nominal place, each way. */
	private final int tolerance;
	/** The rising half of the Hann window; the falling half is {@code 1 - rise}. */
	private final float[] rise;

	public TempoStretch(int sampleRate, int channels) {
		this.channels = channels;
		this.hop = Math.max(64, (int) Math.round(sampleRate * 0.02) / DECIMATION * DECIMATION);
		this.tolerance = Math.max(DECIMATION, (int) Math.round(sampleRate * 0.01));
		this.rise = new float[hop];
		for (int n = 0; n < hop; n++) {
			rise[n] = (float) (0.5 - 0.5 * Math.cos(Math.PI * n / hop));
		}
	}

	public int hop() {
		return hop;
	}

	/** Source frame on which synthesis frame {@code j} is nominally centred. */
	private long nominal(long j, double ratio) {
		return (long) Math.floor(j * (double) hop * ratio + 0.5);
	}

	/**
	 * Renders output frames {@code [outStart, outStart + outFrames)}, interleaved, where output
	 * frame {@code o} plays source time {@code o * ratio}.
	 */
	public float[] render(SourceFrames src, double ratio, long outStart, int outFrames) {
		float[] out = new float[outFrames * channels];
		if (outFrames == 0) {
			return out;
		}
		long first = Math.floorDiv(outStart, hop);
		long last = Math.floorDiv(outStart + outFrames - 1, hop) + 1;
		long groupStart = Math.floorDiv(first, GROUP) * GROUP;

		// every source frame the search and the overlap-add can touch
		long lo = Math.min(nominal(groupStart - 1, ratio), nominal(groupStart, ratio) - hop - tolerance)
				- 2 * DECIMATION;
		lo = Math.floorDiv(lo, DECIMATION) * DECIMATION;
		long hi = nominal(last, ratio) + hop + tolerance + 2 * DECIMATION;
		int span = (int) (hi - lo);
		span += (DECIMATION - span % DECIMATION) % DECIMATION;
		float[] source = new float[span * channels];
		src.read(lo, source, span);
		Search search = new Search(source, span);

		int frames = (int) (last - groupStart + 1);
		long[] centre = new long[frames];
		for (int f = 0; f < frames; f++) {
			long j = groupStart + f;
			long template = f == 0 || Math.floorMod(j, GROUP) == 0 ? nominal(j - 1, ratio) : centre[f - 1];
			centre[f] = search.best(template - lo, nominal(j, ratio) - lo) + lo;
		}

		// overlap-add: output frame j * hop + n has frame j's falling half and frame j + 1's rising one
		for (long j = first; j < last; j++) {
			long segmentStart = j * hop;
			int from = (int) Math.max(0, outStart - segmentStart);
			int to = (int) Math.min(hop, outStart + outFrames - segmentStart);
			int falling = (int) (centre[(int) (j - groupStart)] - lo);
			int rising = (int) (centre[(int) (j + 1 - groupStart)] - lo) - hop;
			for (int n = from; n < to; n++) {
				float up = rise[n], down = 1f - up;
				int o = (int) (segmentStart + n - outStart) * channels;
				int a = (falling + n) * channels, b = (rising + n) * channels;
				for (int c = 0; c < channels; c++) {
					out[o + c] = down * source[a + c] + up * source[b + c];
				}
			}
		}
		return out;
	}

	/** The similarity search over one block of source, in block-relative frames. */
	private final class Search {

		private final float[] mono;
		private final float[] coarse;
		private final int coarseHop = hop / DECIMATION;

		Search(float[] source, int frames) {
			mono = new float[frames];
			float scale = 1f / channels;
			for (int f = 0, i = 0; f < frames; f++) {
				float sum = 0;
				for (int c = 0; c < channels; c++) {
					sum += source[i++];
				}
				mono[f] = sum * scale;
			}
			coarse = new float[frames / DECIMATION];
			for (int i = 0; i < coarse.length; i++) {
				int f = i * DECIMATION;
				coarse[i] = (mono[f] + mono[f + 1] + mono[f + 2] + mono[f + 3]) * 0.25f;
			}
		}

		/**
		 * The centre, near {@code nominal}, whose rising half best resembles the {@code hop} frames
		 * from {@code template} on; the nominal centre unless another scores strictly higher.
		 */
		long best(long template, long nominal) {
			long low = nominal - tolerance, high = nominal + tolerance;
			// coarse: candidate rising halves start on the grid
			int t = (int) Math.floorDiv(template + DECIMATION / 2, DECIMATION);
			long bestStart = nominal - hop;
			int g = (int) Math.floorDiv(bestStart + DECIMATION / 2, DECIMATION);
			double bestScore = score(coarse, t, g, coarseHop);
			int gLow = (int) -Math.floorDiv(-(low - hop), DECIMATION), gHigh = (int) Math.floorDiv(high - hop, DECIMATION);
			for (int i = gLow; i <= gHigh; i++) {
				double s = score(coarse, t, i, coarseHop);
				if (s > bestScore) {
					bestScore = s;
					bestStart = (long) i * DECIMATION;
				}
			}
			// fine: every frame around the coarse winner
			long around = bestStart;
			bestStart = Math.max(low - hop, Math.min(high - hop, around));
			bestScore = score(mono, (int) template, (int) bestStart, hop);
			for (long q = Math.max(low - hop, around - DECIMATION); q <= Math.min(high - hop, around + DECIMATION); q++) {
				double s = score(mono, (int) template, (int) q, hop);
				if (s > bestScore) {
					bestScore = s;
					bestStart = q;
				}
			}
			return bestStart + hop;
		}

		/**
		 * Correlation over the candidate's root energy. Both sums start at the candidate, never at
		 * the block, so that the score does not depend on where the render began.
		 */
		private static double score(float[] x, int template, int candidate, int length) {
			double dot = 0, energy = 0;
			for (int k = 0; k < length; k++) {
				float y = x[candidate + k];
				dot += x[template + k] * y;
				energy += y * y;
			}
			return dot / Math.sqrt(energy + 1e-9 * length);
		}
	}
}
