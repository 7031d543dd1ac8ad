package orbit.buffer.tests;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.jtransforms.fft.DoubleFFT_1D;

import orbit.buffer.internal.dsp.SourceFrames;

/** Synthetic test audio and the measurements the DSP tests make of it. */
final class Signals {

	static final int RATE = 44100;

	private Signals() {
	}

	/** A track held in memory. */
	record ArraySource(int sampleRate, int channels, float[] samples) implements SourceFrames {

		@Override
		public long frames() {
			return samples.length / channels;
		}

		@Override
		public void read(long frame, float[] dst, int count) {
			Arrays.fill(dst, 0, count * channels, 0f);
			long from = Math.max(0, frame), to = Math.min(frames(), frame + count);
			if (from < to) {
				System.arraycopy(samples, (int) from * channels, dst, (int) (from - frame) * channels,
						(int) (to - from) * channels);
			}
		}

		/** Frames {@code [from, from + count)} as {@link #read} gives them. */
		float[] range(long from, int count) {
			float[] out = new float[count * channels];
			read(from, out, count);
			return out;
		}
	}

	static ArraySource stereo(float[] left, float[] right) {
		float[] samples = new float[left.length * 2];
		for (int i = 0; i < left.length; i++) {
			samples[2 * i] = left[i];
			samples[2 * i + 1] = right[i];
		}
		return new ArraySource(RATE, 2, samples);
	}

	static ArraySource stereo(float[] mono) {
		return stereo(mono, mono);
	}

	static float[] sine(double hz, double amplitude, double seconds) {
		float[] x = new float[(int) (seconds * RATE)];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
		}
		return x;
	}

	static float[] white(long seed, double rms, double seconds) {
		SplittableRandom random = new SplittableRandom(seed);
		float[] x = new float[(int) (seconds * RATE)];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) (random.nextGaussian() * rms);
		}
		return x;
	}

	/** White noise through Paul Kellet's pink filter, scaled to {@code rms}. */
	static float[] pink(long seed, double rms, double seconds) {
		float[] w = white(seed, 1, seconds);
		double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
		float[] x = new float[w.length];
		for (int i = 0; i < w.length; i++) {
			double white = w[i];
			b0 = 0.99886 * b0 + white * 0.0555179;
			b1 = 0.99332 * b1 + white * 0.0750759;
			b2 = 0.96900 * b2 + white * 0.1538520;
			b3 = 0.86650 * b3 + white * 0.3104856;
			b4 = 0.55000 * b4 + white * 0.5329522;
			b5 = -0.7616 * b5 - white * 0.0168980;
			x[i] = (float) (b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362);
			b6 = white * 0.115926;
		}
		return scaled(x, rms);
	}

	/** Four one-pole low-passes at {@code hz}: a dull track. */
	static float[] lowPassed(float[] x, double hz) {
		double a = Math.exp(-2 * Math.PI * hz / RATE);
		double[] state = new double[4];
		float[] y = new float[x.length];
		for (int i = 0; i < x.length; i++) {
			double v = x[i];
			for (int s = 0; s < 4; s++) {
				state[s] = v + a * (state[s] - v);
				v = state[s];
			}
			y[i] = (float) v;
		}
		return y;
	}

	/** Kick-like bursts: a 60 Hz sine decaying in 60 ms, twice a second, with a quiet bed. */
	static float[] kicks(double peak, double seconds) {
		float[] x = new float[(int) (seconds * RATE)];
		float[] bed = white(7, 0.01, seconds);
		int period = RATE / 2;
		for (int i = 0; i < x.length; i++) {
			double t = (i % period) / (double) RATE;
			x[i] = (float) (peak * Math.exp(-t / 0.06) * Math.sin(2 * Math.PI * 60 * t)) + bed[i];
		}
		return x;
	}

	static float[] scaled(float[] x, double rms) {
		double scale = rms / rms(x);
		float[] y = new float[x.length];
		for (int i = 0; i < x.length; i++) {
			y[i] = (float) (x[i] * scale);
		}
		return y;
	}

	static double rms(float[] x) {
		double sum = 0;
		for (float v : x) {
			sum += v * (double) v;
		}
		return Math.sqrt(sum / x.length);
	}

	static double peak(float[] x) {
		double peak = 0;
		for (float v : x) {
			peak = Math.max(peak, Math.abs(v));
		}
		return peak;
	}

	/** One channel of interleaved samples, frames {@code [from, to)}. */
	static float[] channel(float[] interleaved, int channels, int channel, int from, int to) {
		float[] x = new float[to - from];
		for (int i = from; i < to; i++) {
			x[i - from] = interleaved[i * channels + channel];
		}
		return x;
	}

	/** The averaged power spectrum of Hann-windowed 4096-sample frames, one value per bin. */
	static double[] spectrum(float[] x) {
		int n = 4096;
		double[] power = new double[n / 2];
		DoubleFFT_1D fft = new DoubleFFT_1D(n);
		double[] frame = new double[n];
		for (int start = 0; start + n <= x.length; start += n / 2) {
			for (int i = 0; i < n; i++) {
				frame[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
			}
			fft.realForward(frame);
			for (int k = 1; k < n / 2; k++) {
				power[k] += frame[2 * k] * frame[2 * k] + frame[2 * k + 1] * frame[2 * k + 1];
			}
		}
		return power;
	}

	/** The power between two frequencies in dB, from a {@link #spectrum}. */
	static double bandDb(double[] power, double fromHz, double toHz) {
		double binHz = RATE / 4096.0;
		double sum = 0;
		for (int k = (int) Math.ceil(fromHz / binHz); k * binHz < toHz && k < power.length; k++) {
			sum += power[k];
		}
		return 10 * Math.log10(sum + 1e-30);
	}

	/** The frequency of the strongest bin of {@code x}'s spectrum, refined by a parabola. */
	static double peakHz(float[] x) {
		int n = Integer.highestOneBit(x.length);
		double[] frame = new double[n];
		for (int i = 0; i < n; i++) {
			frame[i] = x[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
		}
		new DoubleFFT_1D(n).realForward(frame);
		double[] mag = new double[n / 2];
		int best = 1;
		for (int k = 1; k < n / 2; k++) {
			mag[k] = Math.hypot(frame[2 * k], frame[2 * k + 1]);
			if (mag[k] > mag[best]) {
				best = k;
			}
		}
		double a = Math.log(mag[best - 1] + 1e-30), b = Math.log(mag[best] + 1e-30), c = Math.log(mag[best + 1] + 1e-30);
		double shift = (a - c) / (2 * (a - 2 * b + c));
		return (best + shift) * RATE / (double) n;
	}
}
