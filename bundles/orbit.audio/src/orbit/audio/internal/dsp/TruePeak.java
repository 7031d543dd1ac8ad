package orbit.audio.internal.dsp;

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
 * such stretches are skipped; elsewhere a point's 8 nearest taps are summed first, and the 24
 * others, which add at most a third of the largest sample around, only where the point could
 * then pass the peak.
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
	/** The taps nearest to a point, summed for every point that may hold the peak. */
	private static final int INNER = 8;
	private static final int FIRST_INNER = HALF - INNER / 2;
	/**
	 * The inner taps folded around the centre: for the sum and the difference of phases 1 and 3,
	 * and phase 2's own (a symmetric phase folds to its taps).
	 */
	private static final float[] PLUS = folded(0, 1), MINUS = folded(0, -1), MIDDLE = folded(1, 0);
	private static final double OUTER_BOUND = outerBound();

	private TruePeak() {
	}

	/** The true peak in dBTP; negative infinity for digital silence. */
	public static double of(Pcm pcm) {
		// the sample peak first: with it as the bar from the start, most stretches are skipped
		float peak = 0;
		float[] samples = pcm.samples();
		for (int i = 0, n = (int) pcm.frames() * pcm.channels(); i < n; i++) {
			peak = Math.max(peak, Math.abs(samples[i]));
		}
		float[] channel = new float[CHUNK + 2 * HALF];
		for (int c = 0; c < pcm.channels(); c++) {
			peak = Math.max(peak, channelPeak(pcm, c, channel, peak));
		}
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

	/** The largest interpolated magnitude of one channel, or {@code peak} when none is larger. */
	private static float channelPeak(Pcm pcm, int c, float[] channel, float peak) {
		int channels = pcm.channels();
		int frames = (int) pcm.frames();
		float[] samples = pcm.samples();
		// largest[s + 1]: the largest magnitude of stretch s; largest[0]: of the frames before the chunk
		float[] largest = new float[CHUNK / STRETCH + 2];
		for (int start = 0; start < frames; start += CHUNK) {
			// channel[j] holds frame start - HALF + j, zero outside the file
			int length = Math.min(CHUNK, frames - start);
			for (int j = 0; j < length + 2 * HALF; j++) {
				int frame = start - HALF + j;
				channel[j] = frame >= 0 && frame < frames ? samples[frame * channels + c] : 0;
			}
			int stretches = (length + STRETCH - 1) / STRETCH;
			largest[0] = largest(channel, 0, HALF);
			for (int s = 0; s < stretches; s++) {
				// the last stretch takes in the frames after the chunk, which a shorter last stretch's neighbour reaches
				int to = s == stretches - 1 ? length + 2 * HALF : HALF + (s + 1) * STRETCH;
				largest[s + 1] = largest(channel, HALF + s * STRETCH, to);
			}
			largest[stretches + 1] = largest[stretches];
			for (int s = 0; s < stretches; s++) {
				// the taps of points after the stretch's frames reach HALF frames either side of it
				float around = Math.max(largest[s], Math.max(largest[s + 1], largest[s + 2]));
				if (around * GAIN_BOUND > peak) {
					peak = interpolatedPeak(channel, s * STRETCH, Math.min(length, (s + 1) * STRETCH), around, peak);
				}
			}
		}
		return peak;
	}

	private static float largest(float[] channel, int from, int to) {
		float largest = 0;
		for (int j = from; j < to; j++) {
			largest = Math.max(largest, Math.abs(channel[j]));
		}
		return largest;
	}

	/**
	 * The largest interpolated magnitude after frames {@code from} to {@code to} of the chunk, or
	 * {@code peak} when none is larger. A point's {@value #INNER} taps nearest to it are summed
	 * first; the outer ones can add at most {@link #OUTER_BOUND} times the largest sample around,
	 * and only a point that could then pass the peak gets them.
	 */
	private static float interpolatedPeak(float[] channel, int from, int to, float around, float peak) {
		float outer = (float) (OUTER_BOUND * around);
		// two points at a time: six independent sums keep the arithmetic units busy
		int n = from;
		for (; n + 1 < to; n += 2) {
			float sa = 0, da = 0, ma = 0, sb = 0, db = 0, mb = 0;
			for (int k = 0; k < INNER / 2; k++) {
				// the taps are symmetric: tap t and tap 31 - t weigh a pair of samples alike (phase 2)
				// or crosswise (phases 1 and 3), so each pair is added and subtracted once
				int near = n + 1 + FIRST_INNER + k, far = n + TAPS_PER_PHASE - FIRST_INNER - k;
				float xa = channel[near], ya = channel[far], xb = channel[near + 1], yb = channel[far + 1];
				float plusA = xa + ya, minusA = xa - ya, plusB = xb + yb, minusB = xb - yb;
				sa += PLUS[k] * plusA;
				da += MINUS[k] * minusA;
				ma += MIDDLE[k] * plusA;
				sb += PLUS[k] * plusB;
				db += MINUS[k] * minusB;
				mb += MIDDLE[k] * plusB;
			}
			// the larger of phases 1 and 3 is half the sum of |their sum| and |their difference|
			if (Math.max((Math.abs(sa) + Math.abs(da)) * 0.5f, Math.abs(ma)) + outer > peak) {
				peak = Math.max(peak, pointPeak(channel, n));
			}
			if (Math.max((Math.abs(sb) + Math.abs(db)) * 0.5f, Math.abs(mb)) + outer > peak) {
				peak = Math.max(peak, pointPeak(channel, n + 1));
			}
		}
		if (n < to) {
			peak = Math.max(peak, pointPeak(channel, n));
		}
		return peak;
	}

	/** The largest magnitude of the three points interpolated after frame {@code n}, with every tap. */
	private static float pointPeak(float[] channel, int n) {
		float[] p1 = PHASES[0], p2 = PHASES[1], p3 = PHASES[2];
		float a1 = 0, a2 = 0, a3 = 0;
		for (int t = 0; t < TAPS_PER_PHASE; t++) {
			float x = channel[n + 1 + t];
			a1 += p1[t] * x;
			a2 += p2[t] * x;
			a3 += p3[t] * x;
		}
		return Math.max(Math.abs(a1), Math.max(Math.abs(a2), Math.abs(a3)));
	}

	/** The sum of the outer taps' magnitudes of the phase where it is largest, rounded up past float error. */
	private static double outerBound() {
		double bound = 0;
		for (float[] taps : PHASES) {
			double sum = 0;
			for (int t = 0; t < TAPS_PER_PHASE; t++) {
				if (t < FIRST_INNER || t >= FIRST_INNER + INNER) {
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
	 * The inner taps of phase {@code phase} + 1 folded with their mirror images: tap k weighs the
	 * k-th inner sample and its mirror, plus {@code sign} times the mirror's tap.
	 */
	private static float[] folded(int phase, int sign) {
		float[] folded = new float[INNER / 2];
		for (int k = 0; k < folded.length; k++) {
			int t = FIRST_INNER + k;
			folded[k] = PHASES[phase][t] + sign * PHASES[phase][TAPS_PER_PHASE - 1 - t];
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
