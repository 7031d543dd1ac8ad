package orbit.audio.internal.dsp;

import orbit.audio.LosslessVerdict;
import orbit.audio.LosslessVerdict.Kind;
import orbit.audio.SpectralCutoff;

/**
 * The lossless verdict drawn from an average spectrum. A cliff below 21.4 kHz over a spectrum
 * that is full underneath is a lossy encoder's low-pass, and its frequency says the bitrate.
 * Otherwise energy up to 21 kHz (or 95 % of Nyquist at lower rates) is genuine. A spectrum that
 * is not full (a tone, near-silence) or that fades gently says nothing.
 */
final class VerdictRule {

	/** The cutoff from which energy counts as reaching the top of the band. */
	static final double GENUINE_HZ = 21_000;

	/** A low-pass falls at least this far within a kilohertz; natural roll-offs fall far less. */
	static final double CLIFF_DB = 30;

	/** Of the octave below the cutoff at least this share must hold energy for a spectrum to be full. */
	static final double FULL = 0.7;

	/** No lossy encoder at a usable bitrate low-passes below this. */
	static final double LOWEST_LOWPASS_HZ = 3_000;

	/**
	 * No lossy encoder that low-passes at all does so above this (libvorbis at -q 5 cuts near
	 * 21.1 kHz); a cliff above it is the band limit of genuine material, such as a 48 kHz file of
	 * a recording made at 44.1 kHz.
	 */
	static final double HIGHEST_LOWPASS_HZ = 21_400;

	/**
	 * The cutoffs this meter measures of LAME's CBR low-pass at 44.1 kHz (lame -b N on white and
	 * pink noise and a synthesised mix, spread about ±100 Hz), and their bitrates. The estimate
	 * is the MP3 bitrate with the same low-pass. libvorbis cuts at 15.3-15.5 kHz at -q 0,
	 * 16.6-16.9 kHz at -q 2, 17.8-18.3 kHz at its default -q 3, 19.0-19.7 kHz at -q 4 and
	 * 20.4-21.0 kHz at -q 5; from -q 6 on it keeps energy to 21.4 kHz and more, and passes as
	 * genuine.
	 */
	private static final double[][] LOWPASSES = { //
			{ 15_500, 112 }, //
			{ 16_850, 128 }, //
			{ 17_550, 160 }, //
			{ 18_900, 192 }, //
			{ 19_600, 256 }, //
			{ 20_280, 320 } };

	private VerdictRule() {
	}

	static LosslessVerdict judge(AverageSpectrum spectrum) {
		SpectralCutoff cutoff = spectrum.cutoff();
		double hz = cutoff.hz();
		if (hz >= LOWEST_LOWPASS_HZ && hz < Math.min(HIGHEST_LOWPASS_HZ, 0.97 * cutoff.nyquistHz())
				&& cutoff.dropDb() >= CLIFF_DB && spectrum.filled(hz / 2, hz) >= FULL) {
			return new LosslessVerdict(Kind.TRANSCODED, cutoff, kbps(hz));
		}
		if (hz > 0 && hz >= Math.min(GENUINE_HZ, 0.95 * cutoff.nyquistHz())) {
			return new LosslessVerdict(Kind.GENUINE_LOSSLESS, cutoff, 0);
		}
		return new LosslessVerdict(Kind.CANNOT_TELL, cutoff, 0);
	}

	/** The bitrate whose measured low-pass is nearest. */
	static int kbps(double hz) {
		double[] nearest = LOWPASSES[0];
		for (double[] lowpass : LOWPASSES) {
			if (Math.abs(lowpass[0] - hz) < Math.abs(nearest[0] - hz)) {
				nearest = lowpass;
			}
		}
		return (int) nearest[1];
	}
}
