package orbit.audio.internal.dsp;

import org.jtransforms.fft.FloatFFT_1D;

import orbit.audio.Alignment;
import orbit.audio.Pcm;

/**
 * The offset between two decodings of a recording, to the millisecond, in two steps: the
 * normalised cross-correlation of both decimated to about 2.8 kHz, computed by FFT for every lag
 * with enough overlap, finds the lag to a decimated sample; the correlation at the first's full
 * rate within a few milliseconds of it finds the sample. A second decoding at another rate is
 * first resampled to the first's rate (linear interpolation: the correlation rests on the
 * lower frequencies, which it keeps). The confidence is Pearson's correlation at full rate over
 * the whole overlap at the best lag.
 */
final class Aligner {

	/** Above this correlation two decodings hold the same recording; copies through lossy codecs reach 0.9 and more. */
	static final double SAME_RECORDING = 0.5;

	/** A decoding shorter than this holds too little to align. */
	static final double SHORTEST_SECONDS = 0.1;

	/** The overlap a match needs: 5 s, or half the shorter decoding when that is shorter. */
	static final double MIN_OVERLAP_SECONDS = 5;

	/** How far either way of the coarse lag the fine step looks, beyond one decimated sample. */
	private static final double FINE_SECONDS = 0.002;

	/** The fine step correlates this many stretches of the overlap, each of {@link #STRETCH_SECONDS}. */
	private static final int STRETCHES = 8;
	private static final double STRETCH_SECONDS = 0.25;

	private Aligner() {
	}

	static Alignment align(Pcm first, Pcm second) {
		int rate = first.sampleRate();
		float[] x = Decimator.mono(first);
		float[] y = second.sampleRate() == rate ? Decimator.mono(second)
				: resample(Decimator.mono(second), second.sampleRate(), rate);
		removeMean(x);
		removeMean(y);
		if (Math.min(x.length, y.length) < SHORTEST_SECONDS * rate) {
			return new Alignment(false, 0, 0);
		}
		int minOverlap = (int) Math.min(MIN_OVERLAP_SECONDS * rate, Math.min(x.length, y.length) / 2);
		// the coarse step at about 2.8 kHz: the lag to 0.4 ms, at half the cost of the transforms at 5.5 kHz
		int factor = 2 * Decimator.factor(rate);
		int coarse = coarseLag(Decimator.decimate(x, factor), Decimator.decimate(y, factor),
				Math.max(1, minOverlap / factor));
		int lag = fineLag(x, y, coarse * factor, factor + (int) Math.ceil(FINE_SECONDS * rate),
				(int) (STRETCH_SECONDS * rate));
		double confidence = Math.max(0, pearson(x, y, lag));
		boolean longEnough = overlap(x.length, y.length, lag) >= minOverlap;
		return new Alignment(longEnough && confidence >= SAME_RECORDING, confidence, lag * 1000.0 / rate);
	}

	/**
	 * The lag, in samples, at which {@code y[t + lag]} best matches {@code x[t]}, among those that
	 * overlap by at least {@code minOverlap}: the cross-correlation by FFT, each lag divided by the
	 * energies of both signals over its overlap.
	 */
	private static int coarseLag(float[] x, float[] y, int minOverlap) {
		int size = Fft.powerOfTwoAtLeast(x.length + y.length);
		float[] fx = java.util.Arrays.copyOf(x, size);
		float[] fy = java.util.Arrays.copyOf(y, size);
		FloatFFT_1D fft = Fft.real(size);
		fft.realForward(fx);
		fft.realForward(fy);
		// conj(X)·Y, in the packed layout: bins 0 and size/2 are real
		fy[0] *= fx[0];
		fy[1] *= fx[1];
		for (int k = 2; k < size; k += 2) {
			float xr = fx[k], xi = fx[k + 1], yr = fy[k], yi = fy[k + 1];
			fy[k] = xr * yr + xi * yi;
			fy[k + 1] = xr * yi - xi * yr;
		}
		fft.realInverse(fy, true);
		double[] ex = cumulativeSquares(x);
		double[] ey = cumulativeSquares(y);
		int best = 0;
		double bestScore = Double.NEGATIVE_INFINITY;
		for (int lag = -(x.length - minOverlap); lag <= y.length - minOverlap; lag++) {
			int from = Math.max(0, -lag);
			int to = Math.min(x.length, y.length - lag);
			double energy = (ex[to] - ex[from]) * (ey[to + lag] - ey[from + lag]);
			if (energy <= 0) {
				continue;
			}
			double score = fy[lag >= 0 ? lag : size + lag] / Math.sqrt(energy);
			if (score > bestScore) {
				bestScore = score;
				best = lag;
			}
		}
		return best;
	}

	/**
	 * The lag within {@code reach} of {@code around} where the normalised correlation of stretches
	 * spread over the overlap is highest.
	 */
	private static int fineLag(float[] x, float[] y, int around, int reach, int longestStretch) {
		int from = Math.max(0, reach - around);
		int to = Math.min(x.length, y.length - (around + reach));
		if (to <= from) {
			return around;
		}
		int stretch = Math.min(to - from, longestStretch);
		int count = Math.min(STRETCHES, Math.max(1, (to - from) / stretch));
		int spacing = count == 1 ? 0 : (to - from - stretch) / (count - 1);
		int best = around;
		double bestScore = Double.NEGATIVE_INFINITY;
		for (int lag = around - reach; lag <= around + reach; lag++) {
			double dot = 0, energy = 0;
			for (int s = 0; s < count; s++) {
				int start = from + s * spacing;
				for (int t = start; t < start + stretch; t++) {
					float b = y[t + lag];
					dot += x[t] * b;
					energy += b * b;
				}
			}
			double score = energy > 0 ? dot / Math.sqrt(energy) : 0;
			if (score > bestScore) {
				bestScore = score;
				best = lag;
			}
		}
		return best;
	}

	/** Pearson's correlation of {@code x[t]} and {@code y[t + lag]} over their overlap. */
	private static double pearson(float[] x, float[] y, int lag) {
		int from = Math.max(0, -lag);
		int to = Math.min(x.length, y.length - lag);
		int n = to - from;
		if (n < 2) {
			return 0;
		}
		double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
		for (int t = from; t < to; t++) {
			double a = x[t];
			double b = y[t + lag];
			sx += a;
			sy += b;
			sxx += a * a;
			syy += b * b;
			sxy += a * b;
		}
		double cov = sxy - sx * sy / n;
		double vx = sxx - sx * sx / n;
		double vy = syy - sy * sy / n;
		return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
	}

	private static int overlap(int xLength, int yLength, int lag) {
		return Math.max(0, Math.min(xLength, yLength - lag) - Math.max(0, -lag));
	}

	private static double[] cumulativeSquares(float[] signal) {
		double[] sums = new double[signal.length + 1];
		for (int i = 0; i < signal.length; i++) {
			sums[i + 1] = sums[i] + signal[i] * (double) signal[i];
		}
		return sums;
	}

	private static void removeMean(float[] signal) {
		double sum = 0;
		for (float s : signal) {
			sum += s;
		}
		float mean = (float) (sum / Math.max(1, signal.length));
		for (int i = 0; i < signal.length; i++) {
			signal[i] -= mean;
		}
	}

	/** {@code signal} at {@code to} Hz instead of {@code from} Hz, by linear interpolation. */
	private static float[] resample(float[] signal, int from, int to) {
		int length = (int) ((long) signal.length * to / from);
		float[] out = new float[length];
		double step = from / (double) to;
		for (int i = 0; i < length; i++) {
			double position = i * step;
			int j = (int) position;
			float fraction = (float) (position - j);
			float next = j + 1 < signal.length ? signal[j + 1] : signal[j];
			out[i] = signal[j] + fraction * (next - signal[j]);
		}
		return out;
	}
}
