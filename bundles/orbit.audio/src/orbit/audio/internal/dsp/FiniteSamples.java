package orbit.audio.internal.dsp;

import orbit.audio.Pcm;

/**
 * The guard every measurement passes its input through: a NaN or infinite sample (a damaged
 * stream, a decoder's bug) would turn a whole spectrum, loudness or correlation into NaN.
 */
final class FiniteSamples {

	private static final int INFINITY = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

	private FiniteSamples() {
	}

	/**
	 * The PCM itself when every sample is finite; otherwise a copy with NaN replaced by 0 and
	 * infinities by full scale of their sign, whose {@link Pcm#replaced()} adds the samples replaced
	 * here to the decoder's.
	 */
	static Pcm of(Pcm pcm) {
		return checked(pcm).pcm();
	}

	/**
	 * {@link #of} and the largest magnitude of its samples, which the same pass over the samples
	 * finds: the sample peak that the true peak starts from.
	 */
	static Checked checked(Pcm pcm) {
		float[] samples = pcm.samples();
		int length = length(pcm);
		int largest = largestBits(samples, length);
		if (largest < INFINITY) {
			return new Checked(pcm, Float.intBitsToFloat(largest));
		}
		float[] finite = samples.clone();
		long replaced = 0;
		for (int i = 0; i < length; i++) {
			float sample = finite[i];
			if (!Float.isFinite(sample)) {
				finite[i] = Float.isNaN(sample) ? 0 : Math.signum(sample);
				replaced++;
			}
		}
		Pcm copy = new Pcm(pcm.info(), finite, pcm.frames(), pcm.replaced() + replaced);
		return new Checked(copy, Float.intBitsToFloat(largestBits(finite, length)));
	}

	/**
	 * Finite PCM and its sample peak.
	 *
	 * @param pcm  the PCM with every sample finite
	 * @param peak the largest magnitude of its samples
	 */
	record Checked(Pcm pcm, float peak) {
	}

	private static int length(Pcm pcm) {
		return (int) Math.min(pcm.samples().length, pcm.frames() * pcm.channels());
	}

	/**
	 * The largest magnitude of the first {@code length} samples as the bits of a float. A float's
	 * magnitude orders as its bits without the sign do, and NaN and the infinities have the largest
	 * (at least {@link #INFINITY}); a maximum of ints is a reduction the compiler vectorises.
	 */
	private static int largestBits(float[] samples, int length) {
		int largest = 0;
		for (int i = 0; i < length; i++) {
			largest = Math.max(largest, Float.floatToRawIntBits(samples[i]) & 0x7fffffff);
		}
		return largest;
	}
}
