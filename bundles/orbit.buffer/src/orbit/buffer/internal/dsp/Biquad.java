package orbit.buffer.internal.dsp;

/**
 * A second-order section after the RBJ Audio EQ Cookbook, in transposed direct form II with
 * double-precision state for each channel. Shelves and peaks are the presets' tone controls; the
 * state is double so that low shelves at 44.1 kHz do not grow noise or limit cycles.
 */
public final class Biquad {

	private final double b0, b1, b2, a1, a2;
	private final int channels;
	private final double[] z1, z2;

	private Biquad(double b0, double b1, double b2, double a0, double a1, double a2, int channels) {
		this.b0 = b0 / a0;
		this.b1 = b1 / a0;
		this.b2 = b2 / a0;
		this.a1 = a1 / a0;
		this.a2 = a2 / a0;
		this.channels = channels;
		this.z1 = new double[channels];
		this.z2 = new double[channels];
	}

	/** A low shelf at {@code hz} with shelf slope 1 (the steepest without overshoot). */
	public static Biquad lowShelf(double sampleRate, double hz, double gainDb, int channels) {
		double a = Math.pow(10, gainDb / 40);
		double w = 2 * Math.PI * hz / sampleRate;
		double cos = Math.cos(w);
		double alpha = Math.sin(w) / 2 * Math.sqrt(2); // slope 1
		double root = 2 * Math.sqrt(a) * alpha;
		return new Biquad(a * ((a + 1) - (a - 1) * cos + root), 2 * a * ((a - 1) - (a + 1) * cos),
				a * ((a + 1) - (a - 1) * cos - root), (a + 1) + (a - 1) * cos + root, -2 * ((a - 1) + (a + 1) * cos),
				(a + 1) + (a - 1) * cos - root, channels);
	}

	/** A high shelf at {@code hz} with shelf slope 1. */
	public static Biquad highShelf(double sampleRate, double hz, double gainDb, int channels) {
		double a = Math.pow(10, gainDb / 40);
		double w = 2 * Math.PI * hz / sampleRate;
		double cos = Math.cos(w);
		double alpha = Math.sin(w) / 2 * Math.sqrt(2); // slope 1
		double root = 2 * Math.sqrt(a) * alpha;
		return new Biquad(a * ((a + 1) + (a - 1) * cos + root), -2 * a * ((a - 1) + (a + 1) * cos),
				a * ((a + 1) + (a - 1) * cos - root), (a + 1) - (a - 1) * cos + root, 2 * ((a - 1) - (a + 1) * cos),
				(a + 1) - (a - 1) * cos - root, channels);
	}

	/** A bell at {@code hz} of quality {@code q}. */
	public static Biquad peaking(double sampleRate, double hz, double gainDb, double q, int channels) {
		double a = Math.pow(10, gainDb / 40);
		double w = 2 * Math.PI * hz / sampleRate;
		double cos = Math.cos(w);
		double alpha = Math.sin(w) / (2 * q);
		return new Biquad(1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a, channels);
	}

	/** Filters {@code frames} interleaved frames of {@code buf} in place, carrying the state on. */
	public void process(float[] buf, int frames) {
		if (channels == 2) {
			processStereo(buf, frames);
			return;
		}
		for (int c = 0; c < channels; c++) {
			double s1 = z1[c], s2 = z2[c];
			for (int i = c, end = frames * channels; i < end; i += channels) {
				double x = buf[i];
				double y = b0 * x + s1;
				s1 = b1 * x - a1 * y + s2;
				s2 = b2 * x - a2 * y;
				buf[i] = (float) y;
			}
			z1[c] = flush(s1);
			z2[c] = flush(s2);
		}
	}

	/** Both channels in one pass: their recursions run side by side. */
	private void processStereo(float[] buf, int frames) {
		double l1 = z1[0], l2 = z2[0], r1 = z1[1], r2 = z2[1];
		for (int i = 0, end = frames * 2; i < end; i += 2) {
			double xl = buf[i], xr = buf[i + 1];
			double yl = b0 * xl + l1, yr = b0 * xr + r1;
			l1 = b1 * xl - a1 * yl + l2;
			r1 = b1 * xr - a1 * yr + r2;
			l2 = b2 * xl - a2 * yl;
			r2 = b2 * xr - a2 * yr;
			buf[i] = (float) yl;
			buf[i + 1] = (float) yr;
		}
		z1[0] = flush(l1);
		z2[0] = flush(l2);
		z1[1] = flush(r1);
		z2[1] = flush(r2);
	}

	/** Drops state far below audibility, so that silence after audio does not decay into denormals. */
	private static double flush(double state) {
		return Math.abs(state) < 1e-25 ? 0 : state;
	}
}
