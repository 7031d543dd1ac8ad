package orbit.audio.internal.mp3;

import java.util.Arrays;

/**
 * The hybrid filterbank's second half for one channel (ISO/IEC 11172-3 2.4.3.4.10): the IMDCT of
 * each subband's 18 lines, one 36-point transform or three 12-point ones, windowed by block type,
 * overlapped with the previous granule's second half, and the frequency inversion of the odd
 * subbands. The 36-point IMDCT has only 18 distinct outputs (the others repeat them with signs),
 * computed as a matrix product. When all subbands use the same long window, the product runs for
 * all of them at once, the subbands innermost, so that the loops vectorise; the state and the
 * output are kept slot-major (time slot * 32 + subband) for the same reason.
 */
final class Hybrid {

	/** cos(pi/72 (2i + 19)(2k + 1)) for k, then the 18 distinct outputs i = 0..8 and 18..26. */
	private static final float[] LONG = new float[18 * 18];
	/** cos(pi/24 (2i + 7)(2k + 1)), k = 0..5, i = 0..11. */
	private static final float[] SHORT = new float[6 * 12];
	/** The 36-sample windows of block types 0, 1 and 3 (2.4.3.4.10.3), and the 12-sample one of type 2. */
	private static final float[][] WINDOWS = new float[4][36];

	static {
		for (int k = 0; k < 18; k++) {
			for (int j = 0; j < 18; j++) {
				int i = j < 9 ? j : j + 9;
				LONG[k * 18 + j] = (float) Math.cos(Math.PI / 72 * (2 * i + 19) * (2 * k + 1));
			}
		}
		for (int k = 0; k < 6; k++) {
			for (int i = 0; i < 12; i++) {
				SHORT[k * 12 + i] = (float) Math.cos(Math.PI / 24 * (2 * i + 7) * (2 * k + 1));
			}
		}
		for (int i = 0; i < 36; i++) {
			WINDOWS[0][i] = (float) Math.sin(Math.PI / 36 * (i + 0.5));
		}
		for (int i = 0; i < 18; i++) {
			WINDOWS[1][i] = WINDOWS[0][i];
			WINDOWS[3][i + 18] = WINDOWS[0][i + 18];
		}
		for (int i = 18; i < 24; i++) {
			WINDOWS[1][i] = 1;
			WINDOWS[3][i - 6] = 1;
		}
		for (int i = 0; i < 6; i++) {
			WINDOWS[1][24 + i] = (float) Math.sin(Math.PI / 12 * (i + 6 + 0.5));
			WINDOWS[3][6 + i] = (float) Math.sin(Math.PI / 12 * (i + 0.5));
		}
		for (int i = 0; i < 12; i++) {
			WINDOWS[2][i] = (float) Math.sin(Math.PI / 12 * (i + 0.5));
		}
	}

	/** +1 and -1 alternately: the frequency inversion of the odd subbands' odd time slots. */
	private static final float[] INVERSION = new float[32];

	static {
		for (int sb = 0; sb < 32; sb++) {
			INVERSION[sb] = (sb & 1) == 0 ? 1 : -1;
		}
	}

	/** The second halves of the last granule's transforms, slot-major. */
	private final float[] overlap = new float[576];
	private final float[] sums = new float[18];
	private final float[] z = new float[36];
	/** The lines line-major (line * 32 + subband), and the 18 distinct outputs of each subband. */
	private final float[] lines = new float[576];
	private final float[] outputs = new float[576];

	void reset() {
		Arrays.fill(overlap, 0);
	}

	/**
	 * Transforms the 576 lines of {@code xr} (short blocks reordered to window-major within each
	 * subband) into 18 time slots of 32 subband samples, slot-major, in {@code out}. Subbands from
	 * {@code limit} on hold no lines: they only give out their overlap.
	 */
	void transform(float[] xr, int blockType, boolean mixed, int limit, float[] out) {
		if (blockType != 2) {
			longBlocks(xr, WINDOWS[blockType], limit, out);
			return;
		}
		for (int sb = 0; sb < 32; sb++) {
			if (sb >= limit) {
				for (int t = 0; t < 18; t++) {
					out[t * 32 + sb] = overlap[t * 32 + sb];
					overlap[t * 32 + sb] = 0;
				}
			} else if (!(mixed && sb < 2)) {
				shortBlock(xr, sb * 18, out, sb);
			} else {
				longBlock(xr, sb * 18, WINDOWS[0], out, sb);
			}
			if ((sb & 1) != 0) {
				for (int t = 1; t < 18; t += 2) {
					out[t * 32 + sb] = -out[t * 32 + sb];
				}
			}
		}
	}

	/** The subbands below {@code limit}, rounded up to a multiple of 8, transformed together. */
	private void longBlocks(float[] xr, float[] window, int limit, float[] out) {
		int n = Math.min(32, (limit + 7) & ~7);
		float[] in = lines;
		float[] y = outputs;
		for (int sb = 0; sb < n; sb++) {
			for (int k = 0; k < 18; k++) {
				in[k * 32 + sb] = xr[sb * 18 + k];
			}
		}
		Arrays.fill(y, 0);
		for (int k = 0; k < 18; k++) {
			int line = k * 32;
			for (int j = 0; j < 18; j++) {
				float c = LONG[k * 18 + j];
				int at = j * 32;
				for (int sb = 0; sb < n; sb++) {
					y[at + sb] += in[line + sb] * c;
				}
			}
		}
		for (int t = 0; t < 18; t++) {
			// x[t] for t < 9 and x[17 - t] = -x[t]; x[18 + t] for t < 9 and x[35 - t] = x[18 + t].
			int first = t < 9 ? t * 32 : (17 - t) * 32;
			int second = t < 9 ? (9 + t) * 32 : (9 + 17 - t) * 32;
			float w1 = t < 9 ? window[t] : -window[t];
			float w2 = window[18 + t];
			int at = t * 32;
			if ((t & 1) == 0) {
				for (int sb = 0; sb < n; sb++) {
					out[at + sb] = y[first + sb] * w1 + overlap[at + sb];
					overlap[at + sb] = y[second + sb] * w2;
				}
			} else {
				for (int sb = 0; sb < n; sb++) {
					out[at + sb] = (y[first + sb] * w1 + overlap[at + sb]) * INVERSION[sb];
					overlap[at + sb] = y[second + sb] * w2;
				}
			}
			for (int sb = n; sb < 32; sb++) {
				out[at + sb] = (t & 1) == 0 ? overlap[at + sb] : overlap[at + sb] * INVERSION[sb];
				overlap[at + sb] = 0;
			}
		}
	}

	private void longBlock(float[] xr, int o, float[] window, float[] out, int sb) {
		float[] y = sums;
		Arrays.fill(y, 0);
		for (int k = 0; k < 18; k++) {
			float line = xr[o + k];
			if (line != 0) {
				int c = k * 18;
				for (int j = 0; j < 18; j++) {
					y[j] += line * LONG[c + j];
				}
			}
		}
		float[] z = this.z;
		for (int i = 0; i < 9; i++) {
			z[i] = y[i];
			z[17 - i] = -y[i];
			z[18 + i] = y[9 + i];
			z[35 - i] = y[9 + i];
		}
		for (int t = 0; t < 18; t++) {
			out[t * 32 + sb] = z[t] * window[t] + overlap[t * 32 + sb];
			overlap[t * 32 + sb] = z[18 + t] * window[18 + t];
		}
	}

	private void shortBlock(float[] xr, int o, float[] out, int sb) {
		float[] z = this.z;
		Arrays.fill(z, 0);
		float[] window = WINDOWS[2];
		for (int w = 0; w < 3; w++) {
			int at = 6 + 6 * w;
			for (int k = 0; k < 6; k++) {
				float line = xr[o + 6 * w + k];
				if (line != 0) {
					int c = k * 12;
					for (int i = 0; i < 12; i++) {
						z[at + i] += line * SHORT[c + i] * window[i];
					}
				}
			}
		}
		for (int t = 0; t < 18; t++) {
			out[t * 32 + sb] = z[t] + overlap[t * 32 + sb];
			overlap[t * 32 + sb] = z[18 + t];
		}
	}
}
