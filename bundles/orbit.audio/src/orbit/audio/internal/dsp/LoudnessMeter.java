package orbit.audio.internal.dsp;

import orbit.audio.Loudness;
import orbit.audio.Pcm;

/**
 * Integrated loudness after ITU-R BS.1770-4 (EBU R128) and true peak after its Annex 2.
 *
 * <p>The K-weighting filters are designed for the file's own rate from their analogue prototypes
 * (a +4 dB high shelf near 1.7 kHz and a high-pass near 38 Hz), so that 44.1 kHz files are not
 * weighted with the 48 kHz coefficients. Mean squares are summed per 100 ms; a gating block is
 * four of them (400 ms, 75 % overlap).
 */
final class LoudnessMeter {

	private static final double ABSOLUTE_GATE_LUFS = -70;
	private static final double RELATIVE_GATE_LU = -10;

	private LoudnessMeter() {
	}

	static Loudness of(Pcm pcm) {
		return new Loudness(integrated(pcm), TruePeak.of(pcm));
	}

	/** {@link #of(Pcm)} when the sample peak is known (see {@link FiniteSamples#checked}). */
	static Loudness of(Pcm pcm, float samplePeak) {
		return new Loudness(integrated(pcm), TruePeak.of(pcm, samplePeak));
	}

	/** The gated loudness in LUFS, negative infinity when no block passes the absolute gate. */
	static double integrated(Pcm pcm) {
		int channels = pcm.channels();
		int rate = pcm.sampleRate();
		int quarter = (int) Math.round(rate * 0.1);
		int quarters = (int) (pcm.frames() / quarter);
		// weighted mean square of every 100 ms, channels already summed with their weights
		double[] energy = new double[quarters];
		for (int c = 0; c < channels; c += 2) {
			// two channels at a time: their filters' recursions run side by side
			int other = Math.min(c + 1, channels - 1);
			double otherWeight = other == c ? 0 : channelWeight(other, channels);
			kWeightedSquares(pcm, c, channelWeight(c, channels), other, otherWeight, quarter, quarters, energy);
		}
		int blocks = Math.max(0, quarters - 3);
		double[] block = new double[blocks];
		for (int b = 0; b < blocks; b++) {
			block[b] = (energy[b] + energy[b + 1] + energy[b + 2] + energy[b + 3]) / 4;
		}
		double absolute = energyOf(ABSOLUTE_GATE_LUFS);
		double relative = energyOf(lufs(meanAbove(block, absolute)) + RELATIVE_GATE_LU);
		return lufs(meanAbove(block, Math.max(absolute, relative)));
	}

	/** Weights of BS.1770 for up to 5.1: 1 for front channels, 0 for LFE, 1.41 for surrounds. */
	private static double channelWeight(int channel, int channels) {
		if (channels == 6) {
			return channel == 3 ? 0 : channel >= 4 ? 1.41 : 1;
		}
		return 1;
	}

	/**
	 * Adds the K-weighted mean squares of every 100 ms of two channels, each times its weight. The
	 * filters are in transposed direct form II, whose recursion is the shortest chain of operations,
	 * and the terms that do not wait on the output are added first, so that only one fused
	 * multiply-add and one addition do. The shelf's gain b0 is taken out of its numerator and applied
	 * to the sums of squares, and the high-pass's numerator is 1, -2, 1: a third fewer
	 * multiplications.
	 */
	private static void kWeightedSquares(Pcm pcm, int left, double leftWeight, int right, double rightWeight,
			int quarter, int quarters, double[] energy) {
		Biquad shelf = Biquad.highShelf(pcm.sampleRate());
		Biquad highPass = Biquad.highPass(pcm.sampleRate());
		double sb1 = shelf.b1 / shelf.b0, sb2 = shelf.b2 / shelf.b0, sa1 = -shelf.a1, sa2 = -shelf.a2;
		double ha1 = -highPass.a1, ha2 = -highPass.a2;
		double gain = shelf.b0 * shelf.b0 / quarter;
		float[] samples = pcm.samples();
		int channels = pcm.channels();
		// state: s for the shelf, h for the high-pass, l and r for the channels
		double sl1 = 0, sl2 = 0, hl1 = 0, hl2 = 0, sr1 = 0, sr2 = 0, hr1 = 0, hr2 = 0;
		int frame = 0;
		for (int q = 0; q < quarters; q++) {
			double sumLeft = 0, sumRight = 0;
			for (int i = 0; i < quarter; i++, frame += channels) {
				double xl = samples[frame + left];
				double yl = xl + sl1;
				sl1 = Math.fma(sa1, yl, sb1 * xl + sl2);
				sl2 = Math.fma(sa2, yl, sb2 * xl);
				double zl = yl + hl1;
				hl1 = Math.fma(ha1, zl, hl2 - (yl + yl));
				hl2 = Math.fma(ha2, zl, yl);
				sumLeft += zl * zl;
				double xr = samples[frame + right];
				double yr = xr + sr1;
				sr1 = Math.fma(sa1, yr, sb1 * xr + sr2);
				sr2 = Math.fma(sa2, yr, sb2 * xr);
				double zr = yr + hr1;
				hr1 = Math.fma(ha1, zr, hr2 - (yr + yr));
				hr2 = Math.fma(ha2, zr, yr);
				sumRight += zr * zr;
			}
			energy[q] += gain * (leftWeight * sumLeft + rightWeight * sumRight);
		}
	}

	private static double meanAbove(double[] blocks, double gate) {
		double sum = 0;
		int count = 0;
		for (double block : blocks) {
			if (block > gate) {
				sum += block;
				count++;
			}
		}
		return count == 0 ? 0 : sum / count;
	}

	static double lufs(double energy) {
		return energy > 0 ? -0.691 + 10 * Math.log10(energy) : Double.NEGATIVE_INFINITY;
	}

	private static double energyOf(double lufs) {
		return Math.pow(10, (lufs + 0.691) / 10);
	}

	/** A second-order section, normalised so that a0 = 1. */
	record Biquad(double b0, double b1, double b2, double a1, double a2) {

		/** The pre-filter of BS.1770: the head's acoustic effect, a high shelf of about +4 dB. */
		static Biquad highShelf(int rate) {
			double f0 = 1681.974450955533;
			double gainDb = 3.999843853973347;
			double q = 0.7071752369554196;
			double k = Math.tan(Math.PI * f0 / rate);
			double vh = Math.pow(10, gainDb / 20);
			double vb = Math.pow(vh, 0.4996667741545416);
			double a0 = 1 + k / q + k * k;
			return new Biquad((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
					2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
		}

		/** The RLB weighting of BS.1770: a second-order high-pass near 38 Hz. */
		static Biquad highPass(int rate) {
			double f0 = 38.13547087602444;
			double q = 0.5003270373238773;
			double k = Math.tan(Math.PI * f0 / rate);
			double a0 = 1 + k / q + k * k;
			return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
		}
	}
}
