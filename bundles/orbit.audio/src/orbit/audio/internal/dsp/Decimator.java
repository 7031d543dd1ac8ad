package orbit.audio.internal.dsp;

import java.util.Arrays;

import orbit.audio.Pcm;

/**
 * Mono audio low-passed and decimated by a whole factor to about 5.5 kHz: enough for the bands a
 * fingerprint hashes (up to 2 kHz) and for a coarse alignment, at an eighth of the work.
 */
public final class Decimator {

	/** The rate decimation aims at. */
	static final double TARGET_RATE = 5512.5;

	/** Outputs decimated per block. */
	private static final int BLOCK = 1024;

	private Decimator() {
	}

	/** The whole factor that brings {@code rate} nearest to {@link #TARGET_RATE}, at least 1. */
	public static int factor(int rate) {
		return Math.max(1, (int) Math.round(rate / TARGET_RATE));
	}

	/** The channels averaged into one ({@link Pcm#mono()} with a fast path for stereo). */
	public static float[] mono(Pcm pcm) {
		if (pcm.channels() != 2) {
			return pcm.mono();
		}
		float[] samples = pcm.samples();
		float[] mono = new float[(int) pcm.frames()];
		for (int i = 0; i < mono.length; i++) {
			mono[i] = (samples[2 * i] + samples[2 * i + 1]) * 0.5f;
		}
		return mono;
	}

	/**
	 * Every {@code factor}-th sample of {@code mono} after a Hann-windowed sinc low-pass at 0.4 of
	 * the new rate, 8 taps per unit of factor, computed at the kept samples only.
	 */
	public static float[] decimate(float[] mono, int factor) {
		return factor == 1 ? mono.clone() : decimated(mono, 1, mono.length, factor);
	}

	/**
	 * {@link #decimate decimate(mono(pcm), factor)} without the mono copy of the whole track: the
	 * channels are averaged a block at a time, into a buffer the size of the first-level cache.
	 */
	public static float[] decimatedMono(Pcm pcm, int factor) {
		return factor == 1 ? mono(pcm) : decimated(pcm.samples(), pcm.channels(), (int) pcm.frames(), factor);
	}

	/**
	 * The decimation of {@code frames} interleaved frames of {@code channels}, mixed to mono a block
	 * at a time. The mix is dealt into {@code factor} phases, phase p holding the block's frames p,
	 * p + factor, p + 2 factor..., so that an output is the sum over phases of 8 consecutive
	 * samples of each (9 of phase 0) times that phase's taps. Each phase's taps are applied to all
	 * the block's outputs at once, four to a loop: loops over consecutive indices with no test inside,
	 * which the compiler runs on vectors.
	 */
	private static float[] decimated(float[] samples, int channels, int frames, int factor) {
		int half = 4 * factor;
		float[] taps = lowPass(half, 0.4 / factor);
		float scale = 1f / channels;
		float[] out = new float[frames / factor];
		// mono[k] holds frame blockStart - half + k, zero outside the track; phase[p][j] holds mono[j * factor + p]
		float[] mono = new float[(BLOCK + 8) * factor];
		float[][] phase = new float[factor][BLOCK + 8];
		// near[o]: output o's sum over taps 0 to 4 factor - 1; far[o + 4]: over taps 4 factor to 8 factor - 1
		float[] near = new float[BLOCK], far = new float[BLOCK + 4];
		float lastTap = taps[8 * factor];
		for (int block = 0; block < out.length; block += BLOCK) {
			int outputs = Math.min(BLOCK, out.length - block);
			int firstFrame = block * factor - half;
			int rows = outputs + 8;
			int span = rows * factor;
			int from = Math.max(0, -firstFrame);
			int to = Math.max(from, Math.min(span, frames - firstFrame));
			Arrays.fill(mono, 0, from, 0f);
			Arrays.fill(mono, to, span, 0f);
			if (channels == 1) {
				System.arraycopy(samples, firstFrame + from, mono, from, to - from);
			} else if (channels == 2) {
				for (int j = from, s = 2 * (firstFrame + from); j < to; j++, s += 2) {
					mono[j] = (samples[s] + samples[s + 1]) * 0.5f;
				}
			} else {
				for (int j = from, s = channels * (firstFrame + from); j < to; j++) {
					float sum = 0;
					for (int c = 0; c < channels; c++) {
						sum += samples[s++];
					}
					mono[j] = sum * scale;
				}
			}
			Arrays.fill(near, 0, outputs, 0f);
			Arrays.fill(far, 4, outputs + 4, 0f);
			for (int p = 0; p < factor; p++) {
				float[] x = phase[p];
				for (int j = 0, k = p; j < rows; j++, k += factor) {
					x[j] = mono[k];
				}
				float c0 = taps[p], c1 = taps[factor + p], c2 = taps[2 * factor + p], c3 = taps[3 * factor + p];
				for (int j = 0; j < outputs; j++) {
					near[j] += c0 * x[j] + c1 * x[j + 1] + c2 * x[j + 2] + c3 * x[j + 3];
				}
				float c4 = taps[4 * factor + p], c5 = taps[5 * factor + p], c6 = taps[6 * factor + p], c7 = taps[7 * factor + p];
				for (int j = 4; j < outputs + 4; j++) {
					far[j] += c4 * x[j] + c5 * x[j + 1] + c6 * x[j + 2] + c7 * x[j + 3];
				}
			}
			float[] first = phase[0];
			for (int o = 0; o < outputs; o++) {
				out[block + o] = near[o] + far[o + 4] + lastTap * first[o + 8];
			}
		}
		return out;
	}

	/**
	 * {@code 2 * half + 1} taps of a low-pass at {@code cutoff} cycles per sample, of unit gain.
	 */
	private static float[] lowPass(int half, double cutoff) {
		float[] taps = new float[2 * half + 1];
		double sum = 0;
		for (int i = -half; i <= half; i++) {
			int distance = Math.abs(i);
			double x = 2 * cutoff * distance;
			double sinc = i == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
			double window = 0.5 + 0.5 * Math.cos(Math.PI * distance / (half + 1));
			taps[i + half] = (float) (sinc * window);
			sum += taps[i + half];
		}
		for (int i = 0; i < taps.length; i++) {
			taps[i] /= (float) sum;
		}
		return taps;
	}
}
