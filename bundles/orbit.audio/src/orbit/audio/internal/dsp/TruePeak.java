package orbit.audio.internal.dsp;

import orbit.audio.Pcm;

/**
 * The true peak after BS.1770-4 Annex 2: each channel oversampled four times by a polyphase FIR
 * and the largest magnitude, in dBTP. The interpolator is a Kaiser-windowed sinc whose phase 0 is
 * the samples themselves; the three others have {@value #TAPS_PER_PHASE} taps each. The Annex's
 * example has 12, which loses up to a dB on the overshoots of material near Nyquist (white noise
 * at 48 kHz) that FFmpeg's longer filter finds.
 *
 * <p>Most of a track cannot hold the peak: between samples that are all small no interpolated
 * value can exceed the largest found so far (it is bounded by their maximum times the phase's
 * absolute tap sum), and such stretches are skipped.
 */
final class TruePeak {

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

	private TruePeak() {
	}

	/** The true peak in dBTP; negative infinity for digital silence. */
	static double of(Pcm pcm) {
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
					peak = Math.max(peak, interpolatedPeak(channel, s * STRETCH, Math.min(length, (s + 1) * STRETCH)));
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

	/** The largest interpolated magnitude after frames {@code from} to {@code to} of the chunk. */
	private static float interpolatedPeak(float[] channel, int from, int to) {
		float peak = 0;
		float[] p1 = PHASES[0], p2 = PHASES[1], p3 = PHASES[2];
		for (int n = from; n < to; n++) {
			float a1 = 0, a2 = 0, a3 = 0;
			for (int t = 0; t < TAPS_PER_PHASE; t++) {
				float x = channel[n + 1 + t];
				a1 += p1[t] * x;
				a2 += p2[t] * x;
				a3 += p3[t] * x;
			}
			peak = Math.max(peak, Math.max(Math.abs(a1), Math.max(Math.abs(a2), Math.abs(a3))));
		}
		return peak;
	}

	private static float[][] phases() {
		float[][] phases = new float[FACTOR - 1][TAPS_PER_PHASE];
		for (int p = 1; p < FACTOR; p++) {
			double sum = 0;
			for (int t = 0; t < TAPS_PER_PHASE; t++) {
				// from the interpolated point to the sample, in samples
				double x = t - HALF + 1 - p / (double) FACTOR;
				double sinc = Math.sin(Math.PI * x) / (Math.PI * x);
				double r = x / HALF;
				double window = r * r < 1 ? bessel0(KAISER_BETA * Math.sqrt(1 - r * r)) / bessel0(KAISER_BETA) : 0;
				phases[p - 1][t] = (float) (sinc * window);
				sum += phases[p - 1][t];
			}
			for (int t = 0; t < TAPS_PER_PHASE; t++) {
				phases[p - 1][t] /= (float) sum;
			}
		}
		return phases;
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
