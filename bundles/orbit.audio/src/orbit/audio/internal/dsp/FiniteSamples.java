package orbit.audio.internal.dsp;

import orbit.audio.Pcm;

/**
 * The guard every measurement passes its input through: a NaN or infinite sample (a damaged
 * stream, a decoder's bug) would turn a whole spectrum, loudness or correlation into NaN.
 */
final class FiniteSamples {

	private static final int BLOCK = 4096;

	private FiniteSamples() {
	}

	/**
	 * The PCM itself when every sample is finite; otherwise a copy with NaN replaced by 0 and
	 * infinities by full scale of their sign, whose {@link Pcm#replaced()} adds the samples replaced
	 * here to the decoder's.
	 */
	static Pcm of(Pcm pcm) {
		float[] samples = pcm.samples();
		int length = (int) Math.min(samples.length, pcm.frames() * pcm.channels());
		int first = firstNonFinite(samples, length);
		if (first < 0) {
			return pcm;
		}
		float[] finite = samples.clone();
		long replaced = 0;
		for (int i = first; i < length; i++) {
			float sample = finite[i];
			if (!Float.isFinite(sample)) {
				finite[i] = Float.isNaN(sample) ? 0 : Math.signum(sample);
				replaced++;
			}
		}
		return new Pcm(pcm.info(), finite, pcm.frames(), pcm.replaced() + replaced);
	}

	/**
	 * The index of the first NaN or infinity, or -1. A float is not finite when its exponent bits are
	 * all set, so its magnitude's bits are at least those of infinity; the largest of a block's is a
	 * reduction the compiler vectorises, and only a block that fails it is searched.
	 */
	private static int firstNonFinite(float[] samples, int length) {
		final int infinity = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
		for (int from = 0; from < length; from += BLOCK) {
			int to = Math.min(length, from + BLOCK);
			int largest = 0;
			for (int i = from; i < to; i++) {
				largest = Math.max(largest, Float.floatToRawIntBits(samples[i]) & 0x7fffffff);
			}
			if (largest >= infinity) {
				for (int i = from; i < to; i++) {
					if (!Float.isFinite(samples[i])) {
						return i;
					}
				}
			}
		}
		return -1;
	}
}
