package orbit.audio.internal.dsp;

import org.jtransforms.fft.FloatFFT_1D;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * JTransforms' real FFT on the calling thread. JTransforms splits transforms of more than 8192
 * points across its own thread pool; a measurement runs on the caller's thread (the command line
 * and the import jobs already measure several files at once), so the pool is limited to one
 * thread before the first transform. JTransforms also needs commons-math3, which its wrapped
 * manifest imports only optionally: this bundle imports it so that it is installed.
 */
final class Fft {

	static {
		ConcurrencyUtils.setNumberOfThreads(1);
	}

	private Fft() {
	}

	/** A transform of {@code size} points, for {@link FloatFFT_1D#realForward(float[])} and its inverse. */
	static FloatFFT_1D real(int size) {
		return new FloatFFT_1D(size);
	}

	/** The smallest power of two of at least {@code n}. */
	static int powerOfTwoAtLeast(int n) {
		return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
	}

	/** A periodic Hann window: its side lobes fall fast, so a strong bin does not leak into quiet bins far away. */
	static float[] hann(int size) {
		float[] window = new float[size];
		for (int i = 0; i < size; i++) {
			window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
		}
		return window;
	}

	/**
	 * The power of bin {@code k} of a spectrum packed as {@link FloatFFT_1D#realForward(float[])}
	 * leaves it ({@code k} from 0 to size / 2).
	 */
	static float power(float[] packed, int k) {
		int half = packed.length / 2;
		if (k == 0) {
			return packed[0] * packed[0];
		}
		if (k == half) {
			return packed[1] * packed[1];
		}
		float re = packed[2 * k];
		float im = packed[2 * k + 1];
		return re * re + im * im;
	}
}
