package orbit.buffer.internal.dsp;

/**
 * A feed-forward compressor, stereo-linked: one gain for all channels, from the loudest of them,
 * so that the stereo image does not wander. The detector follows the level with separate attack
 * and release times (on the mean square for {@link Detector#RMS}, on the absolute value for
 * {@link Detector#PEAK}); the static curve has a quadratic soft knee.
 *
 * <p>The gain curve is only evaluated (a logarithm and an exponential) while the level is above
 * the knee's start; below it the gain is exactly the makeup gain.
 */
public final class Compressor {

	/** What the level follows: the mean square for smooth glue, the peak for fast transients. */
	public enum Detector {
		RMS, PEAK
	}

	private final Detector detector;
	private final double thresholdDb, ratio, kneeDb;
	private final double attackCoef, releaseCoef;
	private final double makeup;
	private final int channels;
	/** The level (linear for PEAK, squared for RMS) above which the knee starts. */
	private final double kneeStart;
	private double envelope;

	/**
	 * @param thresholdDb where compression reaches half the knee, in dBFS
	 * @param ratio       input dB per output dB above the threshold; 1 is no compression
	 * @param kneeDb      the width of the soft knee
	 * @param attackMs    the detector's rise time constant
	 * @param releaseMs   the detector's fall time constant
	 * @param makeupDb    gain after compression
	 */
	public Compressor(Detector detector, double sampleRate, int channels, double thresholdDb, double ratio,
			double kneeDb, double attackMs, double releaseMs, double makeupDb) {
		this.detector = detector;
		this.channels = channels;
		this.thresholdDb = thresholdDb;
		this.ratio = Math.max(1, ratio);
		this.kneeDb = Math.max(0, kneeDb);
		this.attackCoef = Math.exp(-1 / (attackMs * 0.001 * sampleRate));
		this.releaseCoef = Math.exp(-1 / (releaseMs * 0.001 * sampleRate));
		this.makeup = Math.pow(10, makeupDb / 20);
		double startDb = thresholdDb - this.kneeDb / 2;
		this.kneeStart = detector == Detector.RMS ? Math.pow(10, startDb / 10) : Math.pow(10, startDb / 20);
	}

	/** Compresses {@code frames} interleaved frames of {@code buf} in place. */
	public void process(float[] buf, int frames) {
		double env = envelope;
		boolean rms = detector == Detector.RMS;
		for (int f = 0, i = 0; f < frames; f++, i += channels) {
			double level = 0;
			for (int c = 0; c < channels; c++) {
				double x = buf[i + c];
				level = rms ? Math.max(level, x * x) : Math.max(level, Math.abs(x));
			}
			double coef = level > env ? attackCoef : releaseCoef;
			env = level + coef * (env - level);
			double gain = makeup;
			if (env > kneeStart) {
				double levelDb = rms ? 10 * Math.log10(env) : 20 * Math.log10(env);
				gain *= Math.pow(10, reductionDb(levelDb) / 20);
			}
			for (int c = 0; c < channels; c++) {
				buf[i + c] = (float) (buf[i + c] * gain);
			}
		}
		envelope = env < 1e-30 ? 0 : env;
	}

	/** The static curve: the (negative) gain in dB for a detected level. */
	double reductionDb(double levelDb) {
		double over = levelDb - thresholdDb;
		double slope = 1 / ratio - 1;
		if (2 * over <= -kneeDb) {
			return 0;
		}
		if (2 * over < kneeDb) {
			double x = over + kneeDb / 2;
			return slope * x * x / (2 * kneeDb);
		}
		return slope * over;
	}
}
