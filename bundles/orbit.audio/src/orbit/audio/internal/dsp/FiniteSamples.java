package orbit.audio.internal.dsp;

import orbit.audio.Pcm;

/**
 * The guard every measurement passes its input through: a NaN or infinite sample (a damaged
 * stream, a decoder's bug) would turn a whole spectrum, loudness or correlation into NaN.
 */
final class FiniteSamples {

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

	private static int firstNonFinite(float[] samples, int length) {
		for (int i = 0; i < length; i++) {
			if (!Float.isFinite(samples[i])) {
				return i;
			}
		}
		return -1;
	}
}
