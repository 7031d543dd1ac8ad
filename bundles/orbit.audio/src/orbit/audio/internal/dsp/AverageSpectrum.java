package orbit.audio.internal.dsp;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.jtransforms.fft.FloatFFT_1D;

import orbit.audio.Pcm;
import orbit.audio.SpectralCutoff;

/**
 * The average power spectrum of the loud parts of a file, and where it ends. Levels are in dB
 * of power per bin, scaled so that white noise of variance s² reads 10·log10(s²) in every bin:
 * 16-bit quantisation noise reads about -101 dB.
 *
 * @param levelDb the level of every bin from 0 Hz to Nyquist, smoothed over about 100 Hz
 * @param binHz   the width of a bin
 * @param nyquist half the sample rate
 */
record AverageSpectrum(double[] levelDb, double binHz, double nyquist) {

	static final int SIZE = 4096;

	/**
	 * Frames looked at: evenly spread over the file, of which the loud ones are transformed. A
	 * lossy encoder's low-pass is the same in every frame, so a few hundred frames show it as
	 * clearly as all of them, at a tenth of the cost for a long track.
	 */
	private static final int CANDIDATES = 400;

	/** Frames more than 20 dB below the loud ones do not count. */
	private static final double LOUD_RANGE = 0.01;

	/** Frames quieter than this (about -70 dBFS RMS) are silence and carry no spectrum. */
	private static final double SILENT_FRAME = 1e-7;

	/** Half the smoothing, in bins: ±4 bins, about 100 Hz at 44.1 kHz. */
	private static final int SMOOTHING = 4;

	/** Below this a bin holds nothing: 16 dB above undithered 16-bit quantisation noise. */
	static final double FLOOR_DB = -85;

	/**
	 * Below the loudest bin by more than this, a bin holds nothing worth calling energy: a lossy
	 * decoder's rare full-band glitch (one frame of libvorbis -q 0 on noise reaches Nyquist 58 dB
	 * down) averages out below it, while a sweep's short pass through the top stays well above.
	 */
	static final double RANGE_DB = 60;

	static AverageSpectrum of(Pcm pcm) {
		int channels = pcm.channels();
		float[] samples = pcm.samples();
		long frames = pcm.frames();
		double nyquist = pcm.sampleRate() / 2.0;
		double binHz = pcm.sampleRate() / (double) SIZE;
		double[] power = new double[SIZE / 2 + 1];
		if (frames >= SIZE) {
			long[] starts = loudFrames(samples, channels, frames);
			float[] window = Fft.hann(SIZE);
			double windowPower = 0;
			for (float w : window) {
				windowPower += w * w;
			}
			FloatFFT_1D fft = Fft.real(SIZE);
			float[] frame = new float[SIZE];
			for (long start : starts) {
				mix(samples, channels, start, frame);
				for (int i = 0; i < SIZE; i++) {
					frame[i] *= window[i];
				}
				fft.realForward(frame);
				for (int k = 0; k <= SIZE / 2; k++) {
					power[k] += Fft.power(frame, k);
				}
			}
			double scale = starts.length == 0 ? 0 : 1 / (windowPower * starts.length);
			for (int k = 0; k < power.length; k++) {
				power[k] *= scale;
			}
		}
		return new AverageSpectrum(smoothedDb(power), binHz, nyquist);
	}

	/**
	 * The starts of the candidate frames within {@link #LOUD_RANGE} of the loud ones (the 90th
	 * percentile), leaving out silence, fades and quiet passages, where the spectrum sinks into the
	 * floor before the encoder's cutoff.
	 */
	private static long[] loudFrames(float[] samples, int channels, long frames) {
		int count = (int) Math.min(CANDIDATES, frames / SIZE);
		long stride = count <= 1 ? 0 : (frames - SIZE) / (count - 1);
		long[] starts = new long[count];
		double[] energy = new double[count];
		float[] frame = new float[SIZE];
		for (int f = 0; f < count; f++) {
			starts[f] = f * stride;
			mix(samples, channels, starts[f], frame);
			double sum = 0;
			for (float x : frame) {
				sum += x * x;
			}
			energy[f] = sum / SIZE;
		}
		double[] sorted = energy.clone();
		Arrays.sort(sorted);
		double gate = Math.max(SILENT_FRAME, sorted[(int) (0.9 * (count - 1))] * LOUD_RANGE);
		return IntStream.range(0, count).filter(f -> energy[f] >= gate).mapToLong(f -> starts[f]).toArray();
	}

	/** The channels of {@code frame.length} frames from {@code start}, averaged into one. */
	private static void mix(float[] samples, int channels, long start, float[] frame) {
		int s = (int) (start * channels);
		if (channels == 2) {
			for (int i = 0; i < frame.length; i++, s += 2) {
				frame[i] = (samples[s] + samples[s + 1]) * 0.5f;
			}
			return;
		}
		float scale = 1f / channels;
		for (int i = 0; i < frame.length; i++) {
			float sum = 0;
			for (int c = 0; c < channels; c++) {
				sum += samples[s++];
			}
			frame[i] = sum * scale;
		}
	}

	private static double[] smoothedDb(double[] power) {
		double[] level = new double[power.length];
		for (int k = 0; k < power.length; k++) {
			int from = Math.max(0, k - SMOOTHING);
			int to = Math.min(power.length - 1, k + SMOOTHING);
			double sum = 0;
			for (int j = from; j <= to; j++) {
				sum += power[j];
			}
			level[k] = 10 * Math.log10(sum / (to - from + 1) + 1e-30);
		}
		return level;
	}

	/** The level under which a bin holds nothing: the floor, or far below the loudest bin. */
	double threshold() {
		double loudest = Double.NEGATIVE_INFINITY;
		for (int k = bin(200); k < levelDb.length; k++) {
			loudest = Math.max(loudest, levelDb[k]);
		}
		return Math.max(FLOOR_DB, loudest - RANGE_DB);
	}

	/**
	 * The highest bin above the threshold, and the drop from the passband just below it (0.4 to
	 * 1 kHz below: past any encoder's transition band) to what is left just above it.
	 */
	SpectralCutoff cutoff() {
		double threshold = threshold();
		int top = levelDb.length - 1;
		while (top > 0 && levelDb[top] <= threshold) {
			top--;
		}
		if (top == 0) {
			return new SpectralCutoff(0, nyquist, 0);
		}
		double hz = top * binHz;
		double below = mean(hz - 1000, hz - 400);
		double above = mean(hz + 200, hz + 800);
		double drop = Double.isNaN(above) || Double.isNaN(below) ? 0 : Math.max(0, below - above);
		return new SpectralCutoff(hz, nyquist, drop);
	}

	/** The share of bins from {@code fromHz} to {@code toHz} above the threshold. */
	double filled(double fromHz, double toHz) {
		double threshold = threshold();
		int from = bin(fromHz);
		int to = Math.min(levelDb.length - 1, bin(toHz));
		if (to < from) {
			return 0;
		}
		int above = 0;
		for (int k = from; k <= to; k++) {
			if (levelDb[k] > threshold) {
				above++;
			}
		}
		return above / (double) (to - from + 1);
	}

	/** The mean level from {@code fromHz} to {@code toHz}, or NaN when the range leaves the band. */
	private double mean(double fromHz, double toHz) {
		int from = bin(fromHz);
		int to = bin(toHz);
		if (from < 0 || to >= levelDb.length) {
			return Double.NaN;
		}
		double sum = 0;
		for (int k = from; k <= to; k++) {
			sum += levelDb[k];
		}
		return sum / (to - from + 1);
	}

	private int bin(double hz) {
		return (int) Math.round(hz / binHz);
	}
}
