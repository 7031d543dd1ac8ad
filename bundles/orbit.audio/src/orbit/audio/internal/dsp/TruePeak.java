package orbit.audio.internal.dsp;

import java.util.Arrays;

import orbit.audio.Pcm;

/**
 * The true peak after BS.1770-4 Annex 2: each channel oversampled four times by a polyphase FIR
 * and the largest magnitude, in dBTP. The interpolator is a Kaiser-windowed sinc whose phase 0 is
 * the samples themselves; the three others have {@value #TAPS_PER_PHASE} taps each. The Annex's
 * example has 12, which loses up to a dB on the overshoots of material near Nyquist (white noise
 * at 48 kHz) that FFmpeg's longer filter finds.
 *
 * <p>Most of a track cannot hold the peak, and only bounds prove it, so the result is that of
 * {@link #everyPoint}: between samples that are all small no interpolated value can exceed the
 * largest found so far (it is bounded by their maximum times the phase's absolute tap sum), and
 * such stretches are skipped; elsewhere a point's 4 nearest taps are summed first, then its next
 * 4, its next 8 and then the rest only while what the remaining taps could add might still pass the
 * peak. The phases' symmetry halves the multiplications.
 */
public final class TruePeak {

	static final int FACTOR = 4;
	static final int TAPS_PER_PHASE = 32;
	private static final double KAISER_BETA = 8;
	private static final int HALF = TAPS_PER_PHASE / 2;
	/** Frames per stretch that is either skipped or interpolated; at least HALF, so that a stretch's taps reach only its neighbours. */
	private static final int STRETCH = HALF;
	/** Frames of one channel copied out of the interleaved samples at a time. */
	private static final int CHUNK = 1 << 14;

	/** The taps of phases 1 to 3: phase p, tap t weighs sample n - HALF + 1 + t for the point n + p / 4. */
	private static final float[][] PHASES = phases();
	private static final double GAIN_BOUND = gainBound();
	/**
	 * The taps folded around the centre, pair k being tap k and tap 31 - k: for the sum and the
	 * difference of phases 1 and 3, and phase 2's own (a symmetric phase folds to its taps).
	 */
	private static final float[] PLUS = folded(0, 1), MINUS = folded(0, -1), MIDDLE = folded(1, 0);
	/**
	 * What the taps beyond a point's nearest 4, 8 and 16 can add at most, in multiples of the
	 * largest sample around.
	 */
	private static final double BEYOND_4 = beyond(4), BEYOND_8 = beyond(8), BEYOND_16 = beyond(16);

	private TruePeak() {
	}

	/** The true peak in dBTP; negative infinity for digital silence. */
	public static double of(Pcm pcm) {
		return of(pcm, largest(pcm.samples(), 0, (int) pcm.frames() * pcm.channels()));
	}

	/**
	 * {@link #of(Pcm)} when the sample peak, the largest magnitude of the samples, is known. It is
	 * the bar from the start, so that most stretches are skipped.
	 */
	static double of(Pcm pcm, float samplePeak) {
		float peak = Math.max(samplePeak, interpolatedPeak(pcm, samplePeak));
		return peak > 0 ? 20 * Math.log10(peak) : Double.NEGATIVE_INFINITY;
	}

	/**
	 * The true peak as {@link #of} defines it, with every tap of every point of every channel and
	 * nothing skipped: what {@link #of} must equal.
	 */
	public static double everyPoint(Pcm pcm) {
		int channels = pcm.channels();
		int frames = (int) pcm.frames();
		float[] samples = pcm.samples();
		float peak = 0;
		for (int c = 0; c < channels; c++) {
			for (int n = 0; n < frames; n++) {
				peak = Math.max(peak, Math.abs(samples[n * channels + c]));
				for (float[] taps : PHASES) {
					float sum = 0;
					for (int t = 0; t < TAPS_PER_PHASE; t++) {
						int frame = n - HALF + 1 + t;
						sum += frame >= 0 && frame < frames ? taps[t] * samples[frame * channels + c] : 0;
					}
					peak = Math.max(peak, Math.abs(sum));
				}
			}
		}
		return peak > 0 ? 20 * Math.log10(peak) : Double.NEGATIVE_INFINITY;
	}

	/**
	 * The largest interpolated magnitude of every channel, or {@code peak} when none is larger. The
	 * channels are copied out of the interleaved samples a chunk at a time, all in one pass.
	 */
	private static float interpolatedPeak(Pcm pcm, float peak) {
		int channels = pcm.channels();
		int frames = (int) pcm.frames();
		float[] samples = pcm.samples();
		// channel[c][j] holds frame start - HALF + j of channel c, zero outside the file
		float[][] channel = new float[channels][CHUNK + 2 * HALF];
		// largest[c][s + 1]: the largest magnitude of stretch s of channel c; largest[c][0]: of the frames before the chunk
		float[][] largest = new float[channels][CHUNK / STRETCH + 2];
		// the 4 nearest taps' folded sums of the chunk's points, and their magnitude (see nearest)
		float[][] nearest = new float[4][CHUNK];
		for (int start = 0; start < frames; start += CHUNK) {
			int length = Math.min(CHUNK, frames - start);
			int first = Math.max(0, HALF - start), end = Math.min(length + 2 * HALF, frames - start + HALF);
			int stretches = (length + STRETCH - 1) / STRETCH;
			deinterleave(samples, channels, start, first, end, stretches, length, channel, largest);
			for (int c = 0; c < channels; c++) {
				float[] one = channel[c];
				Arrays.fill(one, 0, first, 0f);
				Arrays.fill(one, end, length + 2 * HALF, 0f);
				largest[c][stretches + 1] = largest[c][stretches];
				for (int s = 0; s < stretches;) {
					if (around(largest[c], s) * GAIN_BOUND <= peak) {
						s++;
						continue;
					}
					int run = s + 1;
					while (run < stretches && around(largest[c], run) * GAIN_BOUND > peak) {
						run++;
					}
					peak = interpolatedPeak(one, s, run, length, largest[c], nearest, peak);
					s = run;
				}
			}
		}
		return peak;
	}

	/**
	 * Copies the chunk's frames out of the interleaved samples into each channel's array, from
	 * index {@code first} to {@code end} (frame {@code start - HALF + j} to index j), and finds on
	 * the way each channel's largest magnitude of the frames before the chunk, {@code largest[c][0]},
	 * and of each stretch s, {@code largest[c][s + 1]}: the last stretch takes in the frames after the
	 * chunk, which a shorter last stretch's neighbour reaches.
	 */
	private static void deinterleave(float[] samples, int channels, int start, int first, int end, int stretches,
			int length, float[][] channel, float[][] largest) {
		for (int k = 0; k <= stretches; k++) {
			int from = Math.max(first, k == 0 ? 0 : HALF + (k - 1) * STRETCH);
			int to = Math.min(end, k == 0 ? HALF : k == stretches ? length + 2 * HALF : HALF + k * STRETCH);
			int i = (start - HALF + from) * channels;
			if (channels == 2) {
				float[] left = channel[0], right = channel[1];
				int l = 0, r = 0;
				for (int j = from; j < to; j++, i += 2) {
					float x = samples[i], y = samples[i + 1];
					left[j] = x;
					right[j] = y;
					l = Math.max(l, Float.floatToRawIntBits(x) & 0x7fffffff);
					r = Math.max(r, Float.floatToRawIntBits(y) & 0x7fffffff);
				}
				largest[0][k] = Float.intBitsToFloat(l);
				largest[1][k] = Float.intBitsToFloat(r);
				continue;
			}
			for (int c = 0; c < channels; c++) {
				float[] one = channel[c];
				int bits = 0;
				for (int j = from, ic = i + c; j < to; j++, ic += channels) {
					float x = samples[ic];
					one[j] = x;
					bits = Math.max(bits, Float.floatToRawIntBits(x) & 0x7fffffff);
				}
				largest[c][k] = Float.intBitsToFloat(bits);
			}
		}
	}

	/**
	 * The largest magnitude from {@code from} to {@code to}. A float's magnitude orders as its bits
	 * without the sign do, and a maximum of ints is a reduction the compiler vectorises, where
	 * {@code Math.max} of floats is a chain of dependent steps.
	 */
	private static float largest(float[] samples, int from, int to) {
		int largest = 0;
		for (int j = from; j < to; j++) {
			largest = Math.max(largest, Float.floatToRawIntBits(samples[j]) & 0x7fffffff);
		}
		return Float.intBitsToFloat(largest);
	}

	/**
	 * The largest magnitude of stretch {@code s}'s neighbourhood: the taps of the points after its
	 * frames reach HALF frames either side of it.
	 */
	private static float around(float[] largest, int s) {
		return Math.max(largest[s], Math.max(largest[s + 1], largest[s + 2]));
	}

	/**
	 * The largest interpolated magnitude after the frames of stretches {@code first} to
	 * {@code last} (exclusive) of the chunk, or {@code peak} when none is larger. Every point's 4
	 * nearest taps are summed first, for the whole run at once ({@link #nearest}); the others can
	 * add at most {@link #BEYOND_4} times the largest sample around, and only a point that could then
	 * pass the peak gets the next 4, and after the same tests with {@link #BEYOND_8} and
	 * {@link #BEYOND_16}, the next 8 and the rest. (On loud broadband material the 4 nearest rule
	 * out about half of the points the 8 nearest rule out.)
	 */
	private static float interpolatedPeak(float[] channel, int first, int last, int length, float[] largest,
			float[][] nearest, float peak) {
		int from = first * STRETCH, to = Math.min(length, last * STRETCH);
		nearest(channel, from, to, nearest);
		float[] sum4 = nearest[0], difference4 = nearest[1], middle4 = nearest[2], magnitude4 = nearest[3];
		float s0 = PLUS[HALF - 4], s1 = PLUS[HALF - 3];
		float d0 = MINUS[HALF - 4], d1 = MINUS[HALF - 3];
		float m0 = MIDDLE[HALF - 4], m1 = MIDDLE[HALF - 3];
		for (int s = first; s < last; s++) {
			float around = around(largest, s);
			float beyond4 = (float) (BEYOND_4 * around), beyond8 = (float) (BEYOND_8 * around);
			float beyond16 = (float) (BEYOND_16 * around);
			for (int n = s * STRETCH, end = Math.min(to, n + STRETCH); n < end; n++) {
				if (magnitude4[n] + beyond4 <= peak) {
					continue;
				}
				// pairs 12 and 13: samples n + 13 and n + 14 and their mirrors n + 20 and n + 19
				float x0 = channel[n + 13], x1 = channel[n + 14], x6 = channel[n + 19], x7 = channel[n + 20];
				float u0 = x0 + x7, u1 = x1 + x6, v0 = x0 - x7, v1 = x1 - x6;
				float sum = (s0 * u0 + s1 * u1) + sum4[n];
				float difference = (d0 * v0 + d1 * v1) + difference4[n];
				float middle = (m0 * u0 + m1 * u1) + middle4[n];
				if (magnitude(sum, difference, middle) + beyond8 <= peak) {
					continue;
				}
				for (int k = HALF - 8; k < HALF - 4; k++) {
					float x = channel[n + 1 + k], mirror = channel[n + TAPS_PER_PHASE - k];
					sum += PLUS[k] * (x + mirror);
					difference += MINUS[k] * (x - mirror);
					middle += MIDDLE[k] * (x + mirror);
				}
				if (magnitude(sum, difference, middle) + beyond16 <= peak) {
					continue;
				}
				for (int k = 0; k < HALF - 8; k++) {
					float x = channel[n + 1 + k], mirror = channel[n + TAPS_PER_PHASE - k];
					sum += PLUS[k] * (x + mirror);
					difference += MINUS[k] * (x - mirror);
					middle += MIDDLE[k] * (x + mirror);
				}
				peak = Math.max(peak, magnitude(sum, difference, middle));
			}
		}
		return peak;
	}

	/**
	 * The folded sums of the 4 nearest taps of points {@code from} to {@code to}, pairs 14 and 15
	 * (samples n + 15 and n + 16 and their mirrors n + 18 and n + 17), and their magnitude: each in a
	 * loop of its own over consecutive points with no test inside, which the compiler runs on
	 * vectors.
	 */
	private static void nearest(float[] channel, int from, int to, float[][] nearest) {
		float[] sum = nearest[0], difference = nearest[1], middle = nearest[2], magnitude = nearest[3];
		float s2 = PLUS[HALF - 2], s3 = PLUS[HALF - 1];
		float d2 = MINUS[HALF - 2], d3 = MINUS[HALF - 1];
		float m2 = MIDDLE[HALF - 2], m3 = MIDDLE[HALF - 1];
		for (int n = from; n < to; n++) {
			sum[n] = s2 * (channel[n + 15] + channel[n + 18]) + s3 * (channel[n + 16] + channel[n + 17]);
		}
		for (int n = from; n < to; n++) {
			difference[n] = d2 * (channel[n + 15] - channel[n + 18]) + d3 * (channel[n + 16] - channel[n + 17]);
		}
		for (int n = from; n < to; n++) {
			middle[n] = m2 * (channel[n + 15] + channel[n + 18]) + m3 * (channel[n + 16] + channel[n + 17]);
		}
		for (int n = from; n < to; n++) {
			magnitude[n] = Math.max((Math.abs(sum[n]) + Math.abs(difference[n])) * 0.5f, Math.abs(middle[n]));
		}
	}

	/**
	 * The largest magnitude of the three phases from the folded sums: the larger of phases 1 and 3
	 * is half the sum of |their sum| and |their difference|.
	 */
	private static float magnitude(float sum, float difference, float middle) {
		return Math.max((Math.abs(sum) + Math.abs(difference)) * 0.5f, Math.abs(middle));
	}

	/**
	 * The sum of the magnitudes of the taps beyond the {@code nearest} ones, of the phase where it is
	 * largest, rounded up past float error.
	 */
	private static double beyond(int nearest) {
		double bound = 0;
		for (float[] taps : PHASES) {
			double sum = 0;
			for (int t = 0; t < TAPS_PER_PHASE; t++) {
				if (Math.abs(t - (HALF - 0.5)) > nearest / 2.0) {
					sum += Math.abs(taps[t]);
				}
			}
			bound = Math.max(bound, sum);
		}
		return bound + 1e-4;
	}

	/**
	 * Phase 2 is symmetric and phase 3 is phase 1 reversed; both are made so exactly, which the
	 * folded sums of {@link #interpolatedPeak} rely on.
	 */
	private static float[][] phases() {
		float[][] phases = new float[FACTOR - 1][TAPS_PER_PHASE];
		for (int p = 1; p <= 2; p++) {
			double[] taps = new double[TAPS_PER_PHASE];
			double sum = 0;
			for (int t = 0; t < TAPS_PER_PHASE; t++) {
				// from the interpolated point to the sample, in samples
				double x = t - HALF + 1 - p / (double) FACTOR;
				double sinc = Math.sin(Math.PI * x) / (Math.PI * x);
				double r = x / HALF;
				double window = r * r < 1 ? bessel0(KAISER_BETA * Math.sqrt(1 - r * r)) / bessel0(KAISER_BETA) : 0;
				taps[t] = sinc * window;
				sum += taps[t];
			}
			for (int t = 0; t < TAPS_PER_PHASE; t++) {
				phases[p - 1][t] = (float) (taps[t] / sum);
			}
		}
		for (int t = 0; t < HALF; t++) {
			phases[1][TAPS_PER_PHASE - 1 - t] = phases[1][t];
		}
		for (int t = 0; t < TAPS_PER_PHASE; t++) {
			phases[2][t] = phases[0][TAPS_PER_PHASE - 1 - t];
		}
		return phases;
	}

	/**
	 * The taps of phase {@code phase} + 1 folded with their mirror images: pair k weighs sample k
	 * and its mirror with tap k plus {@code sign} times the mirror's tap.
	 */
	private static float[] folded(int phase, int sign) {
		float[] folded = new float[HALF];
		for (int k = 0; k < HALF; k++) {
			folded[k] = PHASES[phase][k] + sign * PHASES[phase][TAPS_PER_PHASE - 1 - k];
		}
		return folded;
	}

	private static double gainBound() {
		double bound = 1;
		for (float[] taps : PHASES) {
			double sum = 0;
			for (float tap : taps) {
				sum += Math.abs(tap);
			}
			bound = Math.max(bound, sum);
		}
		return bound;
	}

	/** The modified Bessel function of order 0, for the Kaiser window. */
	private static double bessel0(double x) {
		double sum = 1;
		double term = 1;
		for (int k = 1; k < 40; k++) {
			term *= (x / (2 * k)) * (x / (2 * k));
			sum += term;
		}
		return sum;
	}
}
