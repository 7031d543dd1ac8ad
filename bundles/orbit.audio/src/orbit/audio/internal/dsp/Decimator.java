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

	/** The decimation of {@code frames} interleaved frames of {@code channels}, mixed to mono a block at a time. */
	private static float[] decimated(float[] samples, int channels, int frames, int factor) {
		int half = 4 * factor;
		float[] taps = lowPass(half, 0.4 / factor);
		float scale = 1f / channels;
		float[] out = new float[frames / factor];
		// mono[j] holds frame blockStart - half + j, zero outside the track
		float[] mono = new float[BLOCK * factor + taps.length];
		for (int block = 0; block < out.length; block += BLOCK) {
			int outputs = Math.min(BLOCK, out.length - block);
			int firstFrame = block * factor - half;
			int span = (outputs - 1) * factor + taps.length;
			int from = Math.max(0, -firstFrame);
			int to = Math.min(span, frames - firstFrame);
			Arrays.fill(mono, 0, span, 0f);
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
			for (int o = 0; o < outputs; o++) {
				out[block + o] = dot(taps, mono, o * factor);
			}
		}
		return out;
	}

	/**
	 * The taps times {@code x} from {@code first}. The taps are symmetric, so each pair of samples
	 * at the same distance from the centre is added before its one multiplication; four sums run
	 * side by side rather than one chain of dependent additions.
	 */
	private static float dot(float[] taps, float[] x, int first) {
		int last = taps.length - 1;
		int centre = last / 2;
		float a0 = taps[centre] * x[first + centre], a1 = 0, a2 = 0, a3 = 0;
		int t = 0;
		for (; t + 3 < centre; t += 4) {
			a0 += taps[t] * (x[first + t] + x[first + last - t]);
			a1 += taps[t + 1] * (x[first + t + 1] + x[first + last - t - 1]);
			a2 += taps[t + 2] * (x[first + t + 2] + x[first + last - t - 2]);
			a3 += taps[t + 3] * (x[first + t + 3] + x[first + last - t - 3]);
		}
		for (; t < centre; t++) {
			a0 += taps[t] * (x[first + t] + x[first + last - t]);
		}
		return a0 + a1 + a2 + a3;
	}

	/**
	 * {@code 2 * half + 1} taps of a low-pass at {@code cutoff} cycles per sample, of unit gain,
	 * exactly symmetric (see {@link #dot}).
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
