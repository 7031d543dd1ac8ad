package orbit.audio.internal.mp3;

import java.util.Arrays;

/**
 * The polyphase synthesis filterbank of ISO/IEC 11172-3 2.4.3.2.10 for one channel: each time slot
 * of 32 subband samples becomes 32 PCM samples. The matrixing into the 64 values of V is a 32-point
 * DCT-II (Lee's fast algorithm) whose outputs V repeats with signs; the windowing with the 512-tap
 * table D runs over a granule's 18 slots at once.
 */
final class Synthesis {

	/** Table B.3 times 2^16, its first 257 values. */
	private static final int[] WINDOW = {
			0, -1, -1, -1, -1, -1, -1, -2, -2, -2, -2, -3,
			-3, -4, -4, -5, -5, -6, -7, -7, -8, -9, -10, -11,
			-13, -14, -16, -17, -19, -21, -24, -26, -29, -31, -35, -38,
			-41, -45, -49, -53, -58, -63, -68, -73, -79, -85, -91, -97,
			-104, -111, -117, -125, -132, -139, -147, -154, -161, -169, -176, -183,
			-190, -196, -202, -208, 213, 218, 222, 225, 227, 228, 228, 227,
			224, 221, 215, 208, 200, 189, 177, 163, 146, 127, 106, 83,
			57, 29, -2, -36, -72, -111, -153, -197, -244, -294, -347, -401,
			-459, -519, -581, -645, -711, -779, -848, -919, -991, -1064, -1137, -1210,
			-1283, -1356, -1428, -1498, -1567, -1634, -1698, -1759, -1817, -1870, -1919, -1962,
			-2001, -2032, -2057, -2075, -2085, -2087, -2080, -2063, 2037, 2000, 1952, 1893,
			1822, 1739, 1644, 1535, 1414, 1280, 1131, 970, 794, 605, 402, 185,
			-45, -288, -545, -814, -1095, -1388, -1692, -2006, -2330, -2663, -3004, -3351,
			-3705, -4063, -4425, -4788, -5153, -5517, -5879, -6237, -6589, -6935, -7271, -7597,
			-7910, -8209, -8491, -8755, -8998, -9219, -9416, -9585, -9727, -9838, -9916, -9959,
			-9966, -9935, -9863, -9750, -9592, -9389, -9139, -8840, -8492, -8092, -7640, -7134,
			6574, 5959, 5288, 4561, 3776, 2935, 2037, 1082, 70, -998, -2122, -3300,
			-4533, -5818, -7154, -8540, -9975, -11455, -12980, -14548, -16155, -17799, -19478, -21189,
			-22929, -24694, -26482, -28289, -30112, -31947, -33791, -35640, -37489, -39336, -41176, -43006,
			-44821, -46617, -48390, -50137, -51853, -53534, -55178, -56778, -58333, -59838, -61289, -62684,
			-64019, -65290, -66494, -67629, -68692, -69679, -70590, -71420, -72169, -72835, -73415, -73908,
			-74313, -74630, -74856, -74992, 75038
	};

	/** The window D of Table B.3, whose values are multiples of 2^-16. */
	private static final float[] D = new float[512];
	/** D[32m + j] for each of the 16 blocks m, repeated for the 18 slots of a granule: slot * 32 + j. */
	private static final float[] WINDOW_BY_SLOT = new float[16 * 576];

	static {
		for (int i = 0; i <= 256; i++) {
			D[i] = WINDOW[i] / 65536f;
		}
		// The window is odd about 256 except at multiples of 64, where it is even.
		for (int i = 257; i < 512; i++) {
			D[i] = (i % 64 == 0 ? 1 : -1) * D[512 - i];
		}
		for (int m = 0; m < 16; m++) {
			for (int k = 0; k < 576; k++) {
				WINDOW_BY_SLOT[m * 576 + k] = D[32 * m + k % 32];
			}
		}
	}

	/** The slots kept from earlier granules: the 15 before the current granule's 18. */
	private static final int HISTORY = 15 * 32; // 480, as in the loops below

	/**
	 * The halves of each slot's V vector, slot-major: {@code first} holds V[0..31], {@code second}
	 * V[32..63]. Only these halves are windowed: block m of the standard's 1024-value FIFO, the V of
	 * m slots ago, is windowed in its first half when m is even and its second when m is odd.
	 */
	private final float[] first = new float[HISTORY + 576];
	private final float[] second = new float[HISTORY + 576];
	private final float[] dct = new float[32];
	private final float[] sums = new float[576];

	void reset() {
		Arrays.fill(first, 0);
		Arrays.fill(second, 0);
	}

	/**
	 * Turns the 18 slots of 32 subband samples of a granule into 576 PCM samples written to
	 * {@code out[to]}, {@code out[to + step]} and so on. Windowing the whole granule at once makes
	 * every loop 576 long, which the compiler vectorises; per slot the loops would be 32 long.
	 */
	void granule(float[][] in, float[] out, int to, int step) {
		float[] x = dct;
		float[] a = first;
		float[] b = second;
		for (int t = 0; t < 18; t++) {
			dct(in[t], x);
			int at = HISTORY + t * 32;
			// V[i] = sum cos((16 + i)(2k + 1) pi / 64) S[k], which the DCT-II X gives with signs.
			for (int m = 0; m < 16; m++) {
				a[at + m] = x[16 + m];
				b[at + m] = -x[16 - m];
				b[at + 16 + m] = -x[m];
			}
			a[at + 16] = 0;
			for (int m = 0; m < 15; m++) {
				a[at + 17 + m] = -x[31 - m];
			}
		}
		// out[t][j] = sum over m < 16 of D[32m + j] times V of slot t - m at j (m even) or 32 + j
		// (m odd), four blocks a loop: the offsets must be constants, and the loops small, for the
		// compiler to vectorise them.
		float[] sums = this.sums;
		for (int k = 0; k < 576; k++) {
			sums[k] = WINDOW_BY_SLOT[k] * a[480 + k]
					+ WINDOW_BY_SLOT[576 + k] * b[448 + k]
					+ WINDOW_BY_SLOT[1152 + k] * a[416 + k]
					+ WINDOW_BY_SLOT[1728 + k] * b[384 + k];
		}
		for (int k = 0; k < 576; k++) {
			sums[k] += WINDOW_BY_SLOT[2304 + k] * a[352 + k]
					+ WINDOW_BY_SLOT[2880 + k] * b[320 + k]
					+ WINDOW_BY_SLOT[3456 + k] * a[288 + k]
					+ WINDOW_BY_SLOT[4032 + k] * b[256 + k];
		}
		for (int k = 0; k < 576; k++) {
			sums[k] += WINDOW_BY_SLOT[4608 + k] * a[224 + k]
					+ WINDOW_BY_SLOT[5184 + k] * b[192 + k]
					+ WINDOW_BY_SLOT[5760 + k] * a[160 + k]
					+ WINDOW_BY_SLOT[6336 + k] * b[128 + k];
		}
		for (int k = 0; k < 576; k++) {
			sums[k] += WINDOW_BY_SLOT[6912 + k] * a[96 + k]
					+ WINDOW_BY_SLOT[7488 + k] * b[64 + k]
					+ WINDOW_BY_SLOT[8064 + k] * a[32 + k]
					+ WINDOW_BY_SLOT[8640 + k] * b[k];
		}
		System.arraycopy(a, 576, a, 0, HISTORY);
		System.arraycopy(b, 576, b, 0, HISTORY);
		for (int k = 0, at = to; k < 576; k++, at += step) {
			out[at] = sums[k];
		}
	}

	/**
	 * The 32-point DCT-II, X[k] = sum x[i] cos(pi (2i + 1) k / 64), by Lee's algorithm written out:
	 * each stage takes the sums and the differences (scaled by 1 / 2cos(pi (2i + 1) / 2n)) of
	 * mirrored inputs, whose DCTs of half the length give the even outputs and, summed in neighbouring
	 * pairs, the odd ones. 80 multiplications instead of 1024.
	 */
	private static void dct(float[] in, float[] out) {
		float x0 = in[0];
		float x1 = in[1];
		float x2 = in[2];
		float x3 = in[3];
		float x4 = in[4];
		float x5 = in[5];
		float x6 = in[6];
		float x7 = in[7];
		float x8 = in[8];
		float x9 = in[9];
		float x10 = in[10];
		float x11 = in[11];
		float x12 = in[12];
		float x13 = in[13];
		float x14 = in[14];
		float x15 = in[15];
		float x16 = in[16];
		float x17 = in[17];
		float x18 = in[18];
		float x19 = in[19];
		float x20 = in[20];
		float x21 = in[21];
		float x22 = in[22];
		float x23 = in[23];
		float x24 = in[24];
		float x25 = in[25];
		float x26 = in[26];
		float x27 = in[27];
		float x28 = in[28];
		float x29 = in[29];
		float x30 = in[30];
		float x31 = in[31];
		float t1 = x0 + x31;
		float t2 = x1 + x30;
		float t3 = x2 + x29;
		float t4 = x3 + x28;
		float t5 = x4 + x27;
		float t6 = x5 + x26;
		float t7 = x6 + x25;
		float t8 = x7 + x24;
		float t9 = x8 + x23;
		float t10 = x9 + x22;
		float t11 = x10 + x21;
		float t12 = x11 + x20;
		float t13 = x12 + x19;
		float t14 = x13 + x18;
		float t15 = x14 + x17;
		float t16 = x15 + x16;
		float t17 = (x0 - x31) * 0.500602998f;
		float t18 = (x1 - x30) * 0.50547096f;
		float t19 = (x2 - x29) * 0.51544731f;
		float t20 = (x3 - x28) * 0.531042591f;
		float t21 = (x4 - x27) * 0.553103896f;
		float t22 = (x5 - x26) * 0.582934968f;
		float t23 = (x6 - x25) * 0.622504123f;
		float t24 = (x7 - x24) * 0.674808341f;
		float t25 = (x8 - x23) * 0.744536271f;
		float t26 = (x9 - x22) * 0.839349645f;
		float t27 = (x10 - x21) * 0.972568238f;
		float t28 = (x11 - x20) * 1.16943993f;
		float t29 = (x12 - x19) * 1.48416462f;
		float t30 = (x13 - x18) * 2.05778101f;
		float t31 = (x14 - x17) * 3.40760842f;
		float t32 = (x15 - x16) * 10.1900081f;
		float t33 = t1 + t16;
		float t34 = t2 + t15;
		float t35 = t3 + t14;
		float t36 = t4 + t13;
		float t37 = t5 + t12;
		float t38 = t6 + t11;
		float t39 = t7 + t10;
		float t40 = t8 + t9;
		float t41 = (t1 - t16) * 0.502419286f;
		float t42 = (t2 - t15) * 0.522498615f;
		float t43 = (t3 - t14) * 0.566944035f;
		float t44 = (t4 - t13) * 0.646821783f;
		float t45 = (t5 - t12) * 0.788154623f;
		float t46 = (t6 - t11) * 1.06067769f;
		float t47 = (t7 - t10) * 1.7224471f;
		float t48 = (t8 - t9) * 5.10114862f;
		float t49 = t33 + t40;
		float t50 = t34 + t39;
		float t51 = t35 + t38;
		float t52 = t36 + t37;
		float t53 = (t33 - t40) * 0.509795579f;
		float t54 = (t34 - t39) * 0.601344887f;
		float t55 = (t35 - t38) * 0.899976223f;
		float t56 = (t36 - t37) * 2.56291545f;
		float t57 = t49 + t52;
		float t58 = t50 + t51;
		float t59 = (t49 - t52) * 0.5411961f;
		float t60 = (t50 - t51) * 1.30656296f;
		float t61 = t57 + t58;
		float t62 = (t57 - t58) * 0.707106781f;
		float t63 = t59 + t60;
		float t64 = (t59 - t60) * 0.707106781f;
		float t65 = t63 + t64;
		float t66 = t53 + t56;
		float t67 = t54 + t55;
		float t68 = (t53 - t56) * 0.5411961f;
		float t69 = (t54 - t55) * 1.30656296f;
		float t70 = t66 + t67;
		float t71 = (t66 - t67) * 0.707106781f;
		float t72 = t68 + t69;
		float t73 = (t68 - t69) * 0.707106781f;
		float t74 = t72 + t73;
		float t75 = t70 + t74;
		float t76 = t74 + t71;
		float t77 = t71 + t73;
		float t78 = t41 + t48;
		float t79 = t42 + t47;
		float t80 = t43 + t46;
		float t81 = t44 + t45;
		float t82 = (t41 - t48) * 0.509795579f;
		float t83 = (t42 - t47) * 0.601344887f;
		float t84 = (t43 - t46) * 0.899976223f;
		float t85 = (t44 - t45) * 2.56291545f;
		float t86 = t78 + t81;
		float t87 = t79 + t80;
		float t88 = (t78 - t81) * 0.5411961f;
		float t89 = (t79 - t80) * 1.30656296f;
		float t90 = t86 + t87;
		float t91 = (t86 - t87) * 0.707106781f;
		float t92 = t88 + t89;
		float t93 = (t88 - t89) * 0.707106781f;
		float t94 = t92 + t93;
		float t95 = t82 + t85;
		float t96 = t83 + t84;
		float t97 = (t82 - t85) * 0.5411961f;
		float t98 = (t83 - t84) * 1.30656296f;
		float t99 = t95 + t96;
		float t100 = (t95 - t96) * 0.707106781f;
		float t101 = t97 + t98;
		float t102 = (t97 - t98) * 0.707106781f;
		float t103 = t101 + t102;
		float t104 = t99 + t103;
		float t105 = t103 + t100;
		float t106 = t100 + t102;
		float t107 = t90 + t104;
		float t108 = t104 + t94;
		float t109 = t94 + t105;
		float t110 = t105 + t91;
		float t111 = t91 + t106;
		float t112 = t106 + t93;
		float t113 = t93 + t102;
		float t114 = t17 + t32;
		float t115 = t18 + t31;
		float t116 = t19 + t30;
		float t117 = t20 + t29;
		float t118 = t21 + t28;
		float t119 = t22 + t27;
		float t120 = t23 + t26;
		float t121 = t24 + t25;
		float t122 = (t17 - t32) * 0.502419286f;
		float t123 = (t18 - t31) * 0.522498615f;
		float t124 = (t19 - t30) * 0.566944035f;
		float t125 = (t20 - t29) * 0.646821783f;
		float t126 = (t21 - t28) * 0.788154623f;
		float t127 = (t22 - t27) * 1.06067769f;
		float t128 = (t23 - t26) * 1.7224471f;
		float t129 = (t24 - t25) * 5.10114862f;
		float t130 = t114 + t121;
		float t131 = t115 + t120;
		float t132 = t116 + t119;
		float t133 = t117 + t118;
		float t134 = (t114 - t121) * 0.509795579f;
		float t135 = (t115 - t120) * 0.601344887f;
		float t136 = (t116 - t119) * 0.899976223f;
		float t137 = (t117 - t118) * 2.56291545f;
		float t138 = t130 + t133;
		float t139 = t131 + t132;
		float t140 = (t130 - t133) * 0.5411961f;
		float t141 = (t131 - t132) * 1.30656296f;
		float t142 = t138 + t139;
		float t143 = (t138 - t139) * 0.707106781f;
		float t144 = t140 + t141;
		float t145 = (t140 - t141) * 0.707106781f;
		float t146 = t144 + t145;
		float t147 = t134 + t137;
		float t148 = t135 + t136;
		float t149 = (t134 - t137) * 0.5411961f;
		float t150 = (t135 - t136) * 1.30656296f;
		float t151 = t147 + t148;
		float t152 = (t147 - t148) * 0.707106781f;
		float t153 = t149 + t150;
		float t154 = (t149 - t150) * 0.707106781f;
		float t155 = t153 + t154;
		float t156 = t151 + t155;
		float t157 = t155 + t152;
		float t158 = t152 + t154;
		float t159 = t122 + t129;
		float t160 = t123 + t128;
		float t161 = t124 + t127;
		float t162 = t125 + t126;
		float t163 = (t122 - t129) * 0.509795579f;
		float t164 = (t123 - t128) * 0.601344887f;
		float t165 = (t124 - t127) * 0.899976223f;
		float t166 = (t125 - t126) * 2.56291545f;
		float t167 = t159 + t162;
		float t168 = t160 + t161;
		float t169 = (t159 - t162) * 0.5411961f;
		float t170 = (t160 - t161) * 1.30656296f;
		float t171 = t167 + t168;
		float t172 = (t167 - t168) * 0.707106781f;
		float t173 = t169 + t170;
		float t174 = (t169 - t170) * 0.707106781f;
		float t175 = t173 + t174;
		float t176 = t163 + t166;
		float t177 = t164 + t165;
		float t178 = (t163 - t166) * 0.5411961f;
		float t179 = (t164 - t165) * 1.30656296f;
		float t180 = t176 + t177;
		float t181 = (t176 - t177) * 0.707106781f;
		float t182 = t178 + t179;
		float t183 = (t178 - t179) * 0.707106781f;
		float t184 = t182 + t183;
		float t185 = t180 + t184;
		float t186 = t184 + t181;
		float t187 = t181 + t183;
		float t188 = t171 + t185;
		float t189 = t185 + t175;
		float t190 = t175 + t186;
		float t191 = t186 + t172;
		float t192 = t172 + t187;
		float t193 = t187 + t174;
		float t194 = t174 + t183;
		float t195 = t142 + t188;
		float t196 = t188 + t156;
		float t197 = t156 + t189;
		float t198 = t189 + t146;
		float t199 = t146 + t190;
		float t200 = t190 + t157;
		float t201 = t157 + t191;
		float t202 = t191 + t143;
		float t203 = t143 + t192;
		float t204 = t192 + t158;
		float t205 = t158 + t193;
		float t206 = t193 + t145;
		float t207 = t145 + t194;
		float t208 = t194 + t154;
		float t209 = t154 + t183;
		out[0] = t61;
		out[1] = t195;
		out[2] = t107;
		out[3] = t196;
		out[4] = t75;
		out[5] = t197;
		out[6] = t108;
		out[7] = t198;
		out[8] = t65;
		out[9] = t199;
		out[10] = t109;
		out[11] = t200;
		out[12] = t76;
		out[13] = t201;
		out[14] = t110;
		out[15] = t202;
		out[16] = t62;
		out[17] = t203;
		out[18] = t111;
		out[19] = t204;
		out[20] = t77;
		out[21] = t205;
		out[22] = t112;
		out[23] = t206;
		out[24] = t64;
		out[25] = t207;
		out[26] = t113;
		out[27] = t208;
		out[28] = t73;
		out[29] = t209;
		out[30] = t102;
		out[31] = t183;
	}
}
