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
	/** The same by output, then k. */
	private static final float[] LONG_BY_OUTPUT = new float[18 * 18];
	/** cos(pi/24 (2i + 7)(2k + 1)), k = 0..5, i = 0..11. */
	private static final float[] SHORT = new float[6 * 12];
	/** The 36-sample windows of block types 0, 1 and 3 (2.4.3.4.10.3), and the 12-sample one of type 2. */
	private static final float[][] WINDOWS = new float[4][36];

	static {
		for (int k = 0; k < 18; k++) {
			for (int j = 0; j < 18; j++) {
				int i = j < 9 ? j : j + 9;
				LONG[k * 18 + j] = (float) Math.cos(Math.PI / 72 * (2 * i + 19) * (2 * k + 1));
				LONG_BY_OUTPUT[j * 18 + k] = LONG[k * 18 + j];
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

	/** The second halves of the last granule's transforms, by time slot, then subband. */
	private final float[][] overlap = new float[18][32];
	private final float[] sums = new float[18];
	private final float[] z = new float[36];
	/** The lines by line, then subband; and the 18 distinct outputs by output, then subband. */
	private final float[] lines = new float[576];
	private final float[][] outputs = new float[18][32];

	void reset() {
		for (float[] slot : overlap) {
			Arrays.fill(slot, 0);
		}
	}

	/**
	 * Transforms the 576 lines of {@code xr} (short blocks reordered to window-major within each
	 * subband) into 18 time slots of 32 subband samples. Subbands from {@code limit} on hold no
	 * lines: they only give out their overlap.
	 */
	void transform(float[] xr, int blockType, boolean mixed, int limit, float[][] out) {
		if (blockType != 2) {
			longBlocks(xr, WINDOWS[blockType], limit, out);
			return;
		}
		for (int sb = 0; sb < 32; sb++) {
			if (sb >= limit) {
				for (int t = 0; t < 18; t++) {
					out[t][sb] = overlap[t][sb];
					overlap[t][sb] = 0;
				}
			} else if (!(mixed && sb < 2)) {
				shortBlock(xr, sb * 18, out, sb);
			} else {
				longBlock(xr, sb * 18, WINDOWS[0], out, sb);
			}
			if ((sb & 1) != 0) {
				for (int t = 1; t < 18; t += 2) {
					out[t][sb] = -out[t][sb];
				}
			}
		}
	}

	/**
	 * The subbands below {@code limit}, rounded up to a multiple of 8, transformed together: each
	 * loop runs over the subbands with constant offsets and a few terms, which the compiler
	 * vectorises.
	 */
	private void longBlocks(float[] xr, float[] window, int limit, float[][] out) {
		int n = Math.min(32, (limit + 7) & ~7);
		float[] in = lines;
		for (int sb = 0; sb < n; sb++) {
			for (int k = 0; k < 18; k++) {
				in[k * 32 + sb] = xr[sb * 18 + k];
			}
		}
		for (int j = 0; j < 18; j++) {
			float[] y = outputs[j];
			int c = j * 18;
			float c0 = LONG_BY_OUTPUT[c];
			float c1 = LONG_BY_OUTPUT[c + 1];
			float c2 = LONG_BY_OUTPUT[c + 2];
			float c3 = LONG_BY_OUTPUT[c + 3];
			float c4 = LONG_BY_OUTPUT[c + 4];
			float c5 = LONG_BY_OUTPUT[c + 5];
			for (int sb = 0; sb < n; sb++) {
				y[sb] = c0 * in[sb] + c1 * in[32 + sb] + c2 * in[64 + sb] + c3 * in[96 + sb] + c4 * in[128 + sb]
						+ c5 * in[160 + sb];
			}
			c0 = LONG_BY_OUTPUT[c + 6];
			c1 = LONG_BY_OUTPUT[c + 7];
			c2 = LONG_BY_OUTPUT[c + 8];
			c3 = LONG_BY_OUTPUT[c + 9];
			c4 = LONG_BY_OUTPUT[c + 10];
			c5 = LONG_BY_OUTPUT[c + 11];
			for (int sb = 0; sb < n; sb++) {
				y[sb] += c0 * in[192 + sb] + c1 * in[224 + sb] + c2 * in[256 + sb] + c3 * in[288 + sb]
						+ c4 * in[320 + sb] + c5 * in[352 + sb];
			}
			c0 = LONG_BY_OUTPUT[c + 12];
			c1 = LONG_BY_OUTPUT[c + 13];
			c2 = LONG_BY_OUTPUT[c + 14];
			c3 = LONG_BY_OUTPUT[c + 15];
			c4 = LONG_BY_OUTPUT[c + 16];
			c5 = LONG_BY_OUTPUT[c + 17];
			for (int sb = 0; sb < n; sb++) {
				y[sb] += c0 * in[384 + sb] + c1 * in[416 + sb] + c2 * in[448 + sb] + c3 * in[480 + sb]
						+ c4 * in[512 + sb] + c5 * in[544 + sb];
			}
		}
		for (int t = 0; t < 18; t++) {
			// x[t] for t < 9 and x[17 - t] = -x[t]; x[18 + t] for t < 9 and x[35 - t] = x[18 + t].
			float[] first = outputs[t < 9 ? t : 17 - t];
			float[] second = outputs[t < 9 ? 9 + t : 26 - t];
			float w1 = t < 9 ? window[t] : -window[t];
			float w2 = window[18 + t];
			float[] slot = out[t];
			float[] kept = overlap[t];
			if ((t & 1) == 0) {
				for (int sb = 0; sb < n; sb++) {
					slot[sb] = first[sb] * w1 + kept[sb];
					kept[sb] = second[sb] * w2;
				}
				for (int sb = n; sb < 32; sb++) {
					slot[sb] = kept[sb];
					kept[sb] = 0;
				}
			} else {
				for (int sb = 0; sb < n; sb++) {
					slot[sb] = (first[sb] * w1 + kept[sb]) * INVERSION[sb];
					kept[sb] = second[sb] * w2;
				}
				for (int sb = n; sb < 32; sb++) {
					slot[sb] = kept[sb] * INVERSION[sb];
					kept[sb] = 0;
				}
			}
		}
	}

	private void longBlock(float[] xr, int o, float[] window, float[][] out, int sb) {
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
			out[t][sb] = z[t] * window[t] + overlap[t][sb];
			overlap[t][sb] = z[18 + t] * window[18 + t];
		}
	}

	private void shortBlock(float[] xr, int o, float[][] out, int sb) {
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
			out[t][sb] = z[t] + overlap[t][sb];
			overlap[t][sb] = z[18 + t];
		}
	}
}
