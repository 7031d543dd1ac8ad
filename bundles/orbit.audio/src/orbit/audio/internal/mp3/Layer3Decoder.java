package orbit.audio.internal.mp3;

import java.util.Arrays;

/**
 * An MPEG audio layer III decoder (ISO/IEC 11172-3 and the lower sampling rates of ISO/IEC 13818-3
 * and MPEG 2.5): mono, stereo, dual channel and joint stereo with M/S and intensity stereo; long,
 * short and mixed blocks; the bit reservoir. It is given whole frames and writes interleaved float
 * PCM at the standard's scale, full scale being 1.
 *
 * <p>
 * Nothing is allocated per frame. A frame whose bit reservoir lies in frames that were not given
 * (the first after a seek) decodes as silence, while the filterbanks keep their state.
 */
public final class Layer3Decoder {

	/** The furthest main data can start before its frame (9 bits of main_data_begin). */
	private static final int MAX_BACKSTEP = 511;
	private static final int MAX_MAIN_DATA = 4096;

	/** ISO/IEC 11172-3 2.4.2.7: the bits of the scale factors by scalefac_compress. */
	private static final int[] SLEN1 = { 0, 0, 0, 0, 3, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4 };
	private static final int[] SLEN2 = { 0, 1, 2, 3, 0, 1, 2, 3, 1, 2, 3, 1, 2, 3, 2, 3 };
	/** Table B.6: what preflag adds to the long scale factors. */
	private static final int[] PRETAB = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3, 2, 0 };

	/** ISO/IEC 13818-3 2.4.3.2: scale factors per partition, by slen case, then long, short, mixed blocks. */
	private static final int[][][] LSF_PARTITIONS = { //
			{ { 6, 5, 5, 5 }, { 9, 9, 9, 9 }, { 6, 9, 9, 9 } }, //
			{ { 6, 5, 7, 3 }, { 9, 9, 12, 6 }, { 6, 9, 12, 6 } }, //
			{ { 11, 10, 0, 0 }, { 18, 18, 0, 0 }, { 15, 18, 0, 0 } }, //
			{ { 7, 7, 7, 0 }, { 12, 12, 12, 0 }, { 6, 15, 12, 0 } }, //
			{ { 6, 6, 6, 3 }, { 12, 9, 9, 6 }, { 6, 12, 9, 6 } }, //
			{ { 8, 8, 5, 0 }, { 15, 12, 9, 0 }, { 6, 18, 9, 0 } } };

	/** Widths of the long scale factor bands (Table B.8 and ISO/IEC 13818-3 Table B.2), by rate. */
	private static final int[][] LONG_WIDTHS = { //
			{ 4, 4, 4, 4, 4, 4, 6, 6, 8, 8, 10, 12, 16, 20, 24, 28, 34, 42, 50, 54, 76, 158 }, // 44100
			{ 4, 4, 4, 4, 4, 4, 6, 6, 6, 8, 10, 12, 16, 18, 22, 28, 34, 40, 46, 54, 54, 192 }, // 48000
			{ 4, 4, 4, 4, 4, 4, 6, 6, 8, 10, 12, 16, 20, 24, 30, 38, 46, 56, 68, 84, 102, 26 }, // 32000
			{ 6, 6, 6, 6, 6, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 38, 46, 52, 60, 68, 58, 54 }, // 22050
			{ 6, 6, 6, 6, 6, 6, 8, 10, 12, 14, 16, 18, 22, 26, 32, 38, 46, 54, 62, 70, 76, 36 }, // 24000
			{ 6, 6, 6, 6, 6, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 38, 46, 52, 60, 68, 58, 54 }, // 16000
			{ 6, 6, 6, 6, 6, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 38, 46, 52, 60, 68, 58, 54 }, // 11025
			{ 6, 6, 6, 6, 6, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 38, 46, 52, 60, 68, 58, 54 }, // 12000
			{ 12, 12, 12, 12, 12, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 76, 90, 2, 2, 2, 2, 2 } }; // 8000
	/** Widths of the short scale factor bands, by rate. */
	private static final int[][] SHORT_WIDTHS = { //
			{ 4, 4, 4, 4, 6, 8, 10, 12, 14, 18, 22, 30, 56 }, //
			{ 4, 4, 4, 4, 6, 6, 10, 12, 14, 16, 20, 26, 66 }, //
			{ 4, 4, 4, 4, 6, 8, 12, 16, 20, 26, 34, 42, 12 }, //
			{ 4, 4, 4, 6, 6, 8, 10, 14, 18, 26, 32, 42, 18 }, //
			{ 4, 4, 4, 6, 8, 10, 12, 14, 18, 24, 32, 44, 12 }, //
			{ 4, 4, 4, 6, 8, 10, 12, 14, 18, 24, 30, 40, 18 }, //
			{ 4, 4, 4, 6, 8, 10, 12, 14, 18, 24, 30, 40, 18 }, //
			{ 4, 4, 4, 6, 8, 10, 12, 14, 18, 24, 30, 40, 18 }, //
			{ 8, 8, 8, 12, 16, 20, 24, 28, 36, 2, 2, 2, 26 } };

	/** Where each long and short scale factor band starts (and the end, 576 or 192), by rate. */
	private static final int[][] LONG_BANDS = starts(LONG_WIDTHS);
	private static final int[][] SHORT_BANDS = starts(SHORT_WIDTHS);
	/**
	 * For short blocks, where each line of the coded order (band, window, line) goes for the IMDCT
	 * (subband, window, line), by rate; and the same for mixed blocks.
	 */
	private static final int[][] REORDER = new int[9][];
	private static final int[][] REORDER_MIXED = new int[9][];

	/** |i|^(4/3) for the 8206 values Huffman decoding can give. */
	private static final float[] POW43 = new float[8207];
	/** 2^(i/4) for i from -{@link #GAIN_OFFSET}. */
	private static final float[] GAIN = new float[640];
	private static final int GAIN_OFFSET = 512;

	/** Table B.9: the alias reduction butterflies. */
	private static final float[] CS = new float[8];
	private static final float[] CA = new float[8];
	/** Intensity stereo of MPEG 1: the left and right share of each position. */
	private static final float[] IS_LEFT = new float[7];
	private static final float[] IS_RIGHT = new float[7];
	/** Intensity stereo of MPEG 2: the factor of each position, by intensity_scale. */
	private static final float[][] IS_LSF = new float[2][32];

	private static final float SQRT_HALF = (float) Math.sqrt(0.5);

	static {
		for (int i = 0; i < POW43.length; i++) {
			POW43[i] = (float) Math.pow(i, 4.0 / 3);
		}
		for (int i = 0; i < GAIN.length; i++) {
			GAIN[i] = (float) Math.pow(2, (i - GAIN_OFFSET) / 4.0);
		}
		double[] c = { -0.6, -0.535, -0.33, -0.185, -0.095, -0.041, -0.0142, -0.0037 };
		for (int i = 0; i < 8; i++) {
			double root = Math.sqrt(1 + c[i] * c[i]);
			CS[i] = (float) (1 / root);
			CA[i] = (float) (c[i] / root);
		}
		for (int position = 0; position < 7; position++) {
			double ratio = Math.tan(position * Math.PI / 12);
			IS_LEFT[position] = position == 6 ? 1 : (float) (ratio / (1 + ratio));
			IS_RIGHT[position] = position == 6 ? 0 : (float) (1 / (1 + ratio));
		}
		for (int scale = 0; scale < 2; scale++) {
			for (int position = 0; position < 32; position++) {
				IS_LSF[scale][position] = (float) Math.pow(2, -(scale + 1) * ((position + 1) >> 1) / 4.0);
			}
		}
		for (int rate = 0; rate < 9; rate++) {
			REORDER[rate] = reorder(SHORT_BANDS[rate], 0);
			REORDER_MIXED[rate] = reorder(SHORT_BANDS[rate], rate == 8 ? 2 : 3);
		}
	}

	private static int[][] starts(int[][] widths) {
		int[][] starts = new int[widths.length][];
		for (int rate = 0; rate < widths.length; rate++) {
			starts[rate] = new int[widths[rate].length + 1];
			for (int b = 0; b < widths[rate].length; b++) {
				starts[rate][b + 1] = starts[rate][b] + widths[rate][b];
			}
		}
		return starts;
	}

	/** The reordering of short blocks from band {@code first} on; the lines below stay. */
	private static int[] reorder(int[] bands, int first) {
		int[] map = new int[576];
		for (int i = 0; i < 576; i++) {
			map[i] = i;
		}
		for (int b = first; b < 13; b++) {
			int width = bands[b + 1] - bands[b];
			for (int w = 0; w < 3; w++) {
				for (int j = 0; j < width; j++) {
					int line = bands[b] + j;
					map[3 * bands[b] + w * width + j] = line / 6 * 18 + w * 6 + line % 6;
				}
			}
		}
		return map;
	}

	private final BitReader side = new BitReader();
	private final BitReader main = new BitReader();
	private final byte[] reservoir = new byte[MAX_BACKSTEP + MAX_MAIN_DATA];
	private int reservoirSize;

	// The side information, by granule * 2 + channel.
	private final int[] part23 = new int[4];
	private final int[] bigValues = new int[4];
	private final int[] globalGain = new int[4];
	private final int[] scalefacCompress = new int[4];
	private final int[] blockType = new int[4];
	private final boolean[] mixed = new boolean[4];
	private final int[] tableSelect = new int[12];
	private final int[] subblockGain = new int[12];
	private final int[] region1 = new int[4];
	private final int[] region2 = new int[4];
	private final boolean[] preflag = new boolean[4];
	private final int[] scalefacShift = new int[4];
	private final boolean[] count1B = new boolean[4];
	private final int[] scfsi = new int[2];

	/** The scale factors of each channel: long bands, then short bands by band * 3 + window. */
	private final int[][] longFactors = new int[2][22];
	private final int[][] shortFactors = new int[2][39];
	private final int[] lsfFactors = new int[54];
	private final int[] slen = new int[4];

	private final float[][] xr = new float[2][576];
	private final float[] reordered = new float[576];
	/** Past the last line that may not be zero, by channel. */
	private final int[] nonzero = new int[2];
	private final Hybrid[] hybrid = { new Hybrid(), new Hybrid() };
	private final Synthesis[] synthesis = { new Synthesis(), new Synthesis() };
	private final float[][] slots = new float[18][32];
	private final int[] intensityStart = new int[3];

	/** Forgets the bit reservoir and the filterbanks' state, before decoding from another place. */
	public void reset() {
		reservoirSize = 0;
		for (int ch = 0; ch < 2; ch++) {
			hybrid[ch].reset();
			synthesis[ch].reset();
		}
	}

	/**
	 * Decodes the frame of {@code length} bytes at {@code offset}, its header included, into
	 * {@code pcm} as {@code channels} interleaved channels (a mono frame is copied to both, the first
	 * channel of a stereo one taken for mono).
	 *
	 * @return the samples per channel written: 1152, or 576 at the MPEG 2 rates
	 */
	public int decode(byte[] frame, int offset, int length, float[] pcm, int channels) throws DamagedFrameException {
		int header = (frame[offset] & 0xFF) << 24 | (frame[offset + 1] & 0xFF) << 16 | (frame[offset + 2] & 0xFF) << 8
				| frame[offset + 3] & 0xFF;
		int version = header >>> 19 & 3;
		boolean lsf = version != 3;
		boolean crc = (header >>> 16 & 1) == 0;
		int rateIndex = header >>> 10 & 3;
		int mode = header >>> 6 & 3;
		int modeExtension = header >>> 4 & 3;
		if ((header >>> 21) != 0x7FF || version == 1 || (header >>> 17 & 3) != 1 || rateIndex == 3) {
			throw new DamagedFrameException("not a layer III frame header");
		}
		int rate = rateIndex + (version == 3 ? 0 : version == 2 ? 3 : 6);
		int frameChannels = mode == 3 ? 1 : 2;
		int granules = lsf ? 1 : 2;
		int sideLength = lsf ? (frameChannels == 1 ? 9 : 17) : (frameChannels == 1 ? 17 : 32);
		int mainStart = offset + 4 + (crc ? 2 : 0) + sideLength;
		int mainLength = offset + length - mainStart;
		if (mainLength < 0 || mainLength > MAX_MAIN_DATA) {
			throw new DamagedFrameException("frame of " + length + " bytes");
		}
		side.reset(frame, offset + 4 + (crc ? 2 : 0), mainStart);
		int mainDataBegin = sideInfo(lsf, frameChannels, rate);

		// The bit reservoir: this frame's main data starts mainDataBegin bytes before its own.
		if (reservoirSize > MAX_BACKSTEP) {
			System.arraycopy(reservoir, reservoirSize - MAX_BACKSTEP, reservoir, 0, MAX_BACKSTEP);
			reservoirSize = MAX_BACKSTEP;
		}
		boolean complete = mainDataBegin <= reservoirSize;
		int start = reservoirSize - mainDataBegin;
		System.arraycopy(frame, mainStart, reservoir, reservoirSize, mainLength);
		reservoirSize += mainLength;
		main.reset(reservoir, Math.max(0, start), reservoirSize);

		int decodedChannels = Math.min(frameChannels, channels);
		int bit = Math.max(0, start) * 8;
		for (int gr = 0; gr < granules; gr++) {
			for (int ch = 0; ch < frameChannels; ch++) {
				int gc = gr * 2 + ch;
				if (!complete) {
					Arrays.fill(xr[ch], 0);
					nonzero[ch] = 0;
					continue;
				}
				main.seek(bit);
				int end = bit + part23[gc];
				bit = end;
				if (lsf) {
					lsfScaleFactors(gc, ch, mode == 1 && (modeExtension & 1) != 0 && ch == 1);
				} else {
					scaleFactors(gr, gc, ch);
				}
				huffman(gc, ch, end);
				requantize(gc, ch, rate);
			}
			if (mode == 1 && frameChannels == 2 && complete) {
				stereo(gr * 2, rate, lsf, modeExtension);
			}
			for (int ch = 0; ch < decodedChannels; ch++) {
				int gc = gr * 2 + ch;
				float[] lines = xr[ch];
				int limit = (nonzero[ch] + 17) / 18;
				if (blockType[gc] == 2) {
					int[] map = mixed[gc] ? REORDER_MIXED[rate] : REORDER[rate];
					float[] to = reordered;
					for (int i = 0; i < 576; i++) {
						to[map[i]] = lines[i];
					}
					System.arraycopy(to, 0, lines, 0, 576);
					if (mixed[gc]) {
						antialias(lines, 2);
					}
					limit = 32;
				} else {
					limit = Math.min(32, limit + 1);
					antialias(lines, limit);
				}
				hybrid[ch].transform(lines, blockType[gc], mixed[gc], limit, slots);
				synthesis[ch].granule(slots, pcm, gr * 576 * channels + ch, channels);
			}
			if (decodedChannels < channels) {
				for (int i = gr * 576 * channels, endAt = (gr + 1) * 576 * channels; i < endAt; i += 2) {
					pcm[i + 1] = pcm[i];
				}
			}
		}
		return granules * 576;
	}

	/** Reads the side information; returns main_data_begin. */
	private int sideInfo(boolean lsf, int channels, int rate) throws DamagedFrameException {
		BitReader in = side;
		int mainDataBegin;
		if (lsf) {
			mainDataBegin = in.read(8);
			in.read(channels == 1 ? 1 : 2);
		} else {
			mainDataBegin = in.read(9);
			in.read(channels == 1 ? 5 : 3);
			for (int ch = 0; ch < channels; ch++) {
				scfsi[ch] = in.read(4);
			}
		}
		int[] longBands = LONG_BANDS[rate];
		for (int gr = 0; gr < (lsf ? 1 : 2); gr++) {
			for (int ch = 0; ch < channels; ch++) {
				int gc = gr * 2 + ch;
				part23[gc] = in.read(12);
				bigValues[gc] = in.read(9);
				if (bigValues[gc] > 288) {
					throw new DamagedFrameException("big_values " + bigValues[gc] + " beyond 288");
				}
				globalGain[gc] = in.read(8);
				scalefacCompress[gc] = in.read(lsf ? 9 : 4);
				if (in.flag()) {
					blockType[gc] = in.read(2);
					mixed[gc] = in.flag();
					tableSelect[gc * 3] = in.read(5);
					tableSelect[gc * 3 + 1] = in.read(5);
					tableSelect[gc * 3 + 2] = 0;
					for (int w = 0; w < 3; w++) {
						subblockGain[gc * 3 + w] = in.read(3);
					}
					if (blockType[gc] == 0) {
						throw new DamagedFrameException("window switching with block type 0");
					}
					// Short blocks code 9 short bands in region 0, the others 8 long bands; region 1 is the rest.
					region1[gc] = blockType[gc] == 2 && !mixed[gc] ? 3 * SHORT_BANDS[rate][3] : longBands[8];
					region2[gc] = 576;
				} else {
					blockType[gc] = 0;
					mixed[gc] = false;
					for (int r = 0; r < 3; r++) {
						tableSelect[gc * 3 + r] = in.read(5);
					}
					int region0Count = in.read(4);
					int region1Count = in.read(3);
					region1[gc] = longBands[Math.min(22, region0Count + 1)];
					region2[gc] = longBands[Math.min(22, region0Count + region1Count + 2)];
				}
				if (lsf) {
					preflag[gc] = false;
				} else {
					preflag[gc] = in.flag();
				}
				scalefacShift[gc] = in.flag() ? 2 : 1;
				count1B[gc] = in.flag();
			}
		}
		return mainDataBegin;
	}

	/** The scale factors of MPEG 1, sharing those of granule 0 where scfsi says so. */
	private void scaleFactors(int gr, int gc, int ch) {
		BitReader in = main;
		int slen1 = SLEN1[scalefacCompress[gc]];
		int slen2 = SLEN2[scalefacCompress[gc]];
		int[] factors = longFactors[ch];
		int[] shorts = shortFactors[ch];
		if (blockType[gc] == 2) {
			int first = 0;
			if (mixed[gc]) {
				for (int b = 0; b < 8; b++) {
					factors[b] = in.read(slen1);
				}
				first = 3;
			}
			for (int b = first; b < 12; b++) {
				int bits = b < 6 ? slen1 : slen2;
				for (int w = 0; w < 3; w++) {
					shorts[b * 3 + w] = in.read(bits);
				}
			}
			shorts[36] = shorts[37] = shorts[38] = 0;
			return;
		}
		int share = gr == 0 ? 0 : scfsi[ch];
		readLong(factors, 0, 6, slen1, (share & 8) != 0);
		readLong(factors, 6, 11, slen1, (share & 4) != 0);
		readLong(factors, 11, 16, slen2, (share & 2) != 0);
		readLong(factors, 16, 21, slen2, (share & 1) != 0);
		factors[21] = 0;
	}

	private void readLong(int[] factors, int from, int to, int bits, boolean shared) {
		if (!shared) {
			for (int b = from; b < to; b++) {
				factors[b] = main.read(bits);
			}
		}
	}

	/** The scale factors of MPEG 2 (ISO/IEC 13818-3 2.4.3.2), in up to four partitions. */
	private void lsfScaleFactors(int gc, int ch, boolean intensityRight) {
		int compress = scalefacCompress[gc];
		int table;
		int[] slen = this.slen;
		if (!intensityRight) {
			if (compress < 400) {
				table = 0;
				slen[0] = (compress >> 4) / 5;
				slen[1] = (compress >> 4) % 5;
				slen[2] = (compress & 15) >> 2;
				slen[3] = compress & 3;
			} else if (compress < 500) {
				compress -= 400;
				table = 1;
				slen[0] = (compress >> 2) / 5;
				slen[1] = (compress >> 2) % 5;
				slen[2] = compress & 3;
				slen[3] = 0;
			} else {
				compress -= 500;
				table = 2;
				slen[0] = compress / 3;
				slen[1] = compress % 3;
				slen[2] = 0;
				slen[3] = 0;
				preflag[gc] = true;
			}
		} else {
			int half = compress >> 1;
			if (half < 180) {
				table = 3;
				slen[0] = half / 36;
				slen[1] = half % 36 / 6;
				slen[2] = half % 36 % 6;
			} else if (half < 244) {
				half -= 180;
				table = 4;
				slen[0] = (half & 63) >> 4;
				slen[1] = (half & 15) >> 2;
				slen[2] = half & 3;
			} else {
				half -= 244;
				table = 5;
				slen[0] = half / 3;
				slen[1] = half % 3;
				slen[2] = 0;
			}
			slen[3] = 0;
		}
		int kind = blockType[gc] == 2 ? (mixed[gc] ? 2 : 1) : 0;
		int[] partitions = LSF_PARTITIONS[table][kind];
		int n = 0;
		int[] values = lsfFactors;
		for (int p = 0; p < 4; p++) {
			for (int i = 0; i < partitions[p]; i++, n++) {
				values[n] = main.read(slen[p]);
			}
		}
		int[] factors = longFactors[ch];
		int[] shorts = shortFactors[ch];
		if (kind == 0) {
			System.arraycopy(values, 0, factors, 0, 21);
			factors[21] = 0;
			return;
		}
		int at = 0;
		int first = 0;
		if (kind == 2) {
			for (int b = 0; b < 6; b++, at++) {
				factors[b] = values[at];
			}
			first = 3;
		}
		for (int b = first; b < 12; b++) {
			for (int w = 0; w < 3; w++, at++) {
				shorts[b * 3 + w] = values[at];
			}
		}
		shorts[36] = shorts[37] = shorts[38] = 0;
	}

	/**
	 * Decodes the big values in up to three regions and the count1 quadruples, as |x|^(4/3) with
	 * their signs: the scale is applied by {@link #requantize}.
	 */
	private void huffman(int gc, int ch, int end) throws DamagedFrameException {
		float[] lines = xr[ch];
		int big = bigValues[gc] * 2;
		int r1 = Math.min(region1[gc], big);
		int r2 = Math.min(region2[gc], big);
		int i = pairs(lines, 0, r1, tableSelect[gc * 3]);
		i = pairs(lines, i, r2, tableSelect[gc * 3 + 1]);
		i = pairs(lines, i, big, tableSelect[gc * 3 + 2]);
		i = quadruples(lines, i, end, count1B[gc]);
		Arrays.fill(lines, i, 576, 0);
		nonzero[ch] = i;
	}

	private int pairs(float[] lines, int from, int to, int table) throws DamagedFrameException {
		if (from >= to) {
			return Math.max(from, to);
		}
		if (table == 0) {
			Arrays.fill(lines, from, to, 0);
			return to;
		}
		int[] lookup = Huffman.PAIRS[table];
		if (lookup == null) {
			throw new DamagedFrameException("Huffman table " + table);
		}
		int linbits = Huffman.LINBITS[table];
		BitReader in = main;
		byte[] bytes = in.bytes;
		int limit = in.limit;
		int next = in.next;
		long cache = in.cache;
		int cached = in.cached;
		for (int i = from; i < to; i += 2) {
			if (cached < 48) {
				if (next + 8 <= limit) {
					// Eight bytes at once; the bits past the whole bytes taken are the next byte's own.
					cache |= (long) BitReader.BIG_ENDIAN.get(bytes, next) >>> cached;
					int taken = (64 - cached) >>> 3;
					next += taken;
					cached += taken << 3;
				} else {
					while (cached <= 56) {
						cache |= (long) (next < limit ? bytes[next] & 0xFF : 0) << (56 - cached);
						next++;
						cached += 8;
					}
				}
			}
			int entry = lookup[(int) (cache >>> (64 - Huffman.ROOT_BITS))];
			if (entry < 0) {
				cache <<= Huffman.ROOT_BITS;
				cached -= Huffman.ROOT_BITS;
				int bits = entry & 0xFF;
				entry = lookup[(entry >>> 8 & 0x7F_FFFF) + (int) (cache >>> (64 - bits))];
			}
			int length = entry & 0xFF;
			cache <<= length;
			cached -= length;
			int x = entry >>> 12 & 15;
			int y = entry >>> 8 & 15;
			float vx = 0;
			if (x != 0) {
				if (x == 15 && linbits != 0) {
					x += (int) (cache >>> (64 - linbits));
					cache <<= linbits;
					cached -= linbits;
				}
				vx = cache < 0 ? -POW43[x] : POW43[x];
				cache <<= 1;
				cached--;
			}
			float vy = 0;
			if (y != 0) {
				if (y == 15 && linbits != 0) {
					y += (int) (cache >>> (64 - linbits));
					cache <<= linbits;
					cached -= linbits;
				}
				vy = cache < 0 ? -POW43[y] : POW43[y];
				cache <<= 1;
				cached--;
			}
			lines[i] = vx;
			lines[i + 1] = vy;
		}
		in.next = next;
		in.cache = cache;
		in.cached = cached;
		return to;
	}

	/**
	 * The count1 region: quadruples of 0 or ±1 up to the end of the channel's bits. A quadruple
	 * that ends past them was never meant (encoders leave stuffing there) and is dropped.
	 */
	private int quadruples(float[] lines, int i, int end, boolean tableB) {
		BitReader in = main;
		while (i <= 572 && in.position() < end) {
			if (in.cached < 16) {
				in.refill();
			}
			int symbol;
			if (tableB) {
				symbol = 15 - (int) (in.cache >>> 60);
				in.cache <<= 4;
				in.cached -= 4;
			} else {
				int entry = Huffman.QUADS_A[(int) (in.cache >>> 58)];
				symbol = entry >>> 8;
				in.cache <<= entry & 0xFF;
				in.cached -= entry & 0xFF;
			}
			float v = (symbol & 8) != 0 ? (in.flag() ? -1 : 1) : 0;
			float w = (symbol & 4) != 0 ? (in.flag() ? -1 : 1) : 0;
			float x = (symbol & 2) != 0 ? (in.flag() ? -1 : 1) : 0;
			float y = (symbol & 1) != 0 ? (in.flag() ? -1 : 1) : 0;
			if (in.position() > end) {
				break;
			}
			lines[i] = v;
			lines[i + 1] = w;
			lines[i + 2] = x;
			lines[i + 3] = y;
			i += 4;
		}
		return i;
	}

	/** Scales the lines by the global gain, the subblock gains and the scale factors. */
	private void requantize(int gc, int ch, int rate) {
		float[] lines = xr[ch];
		int end = nonzero[ch];
		int gain = globalGain[gc] - 210 + GAIN_OFFSET;
		int shift = scalefacShift[gc];
		int[] longBands = LONG_BANDS[rate];
		int[] factors = longFactors[ch];
		int longEnd = blockType[gc] != 2 ? 22 : mixed[gc] ? (rate < 3 ? 8 : 6) : 0;
		boolean pre = preflag[gc];
		for (int b = 0; b < longEnd && longBands[b] < end; b++) {
			float g = GAIN[gain - ((factors[b] + (pre ? PRETAB[b] : 0)) << shift)];
			for (int i = longBands[b], to = Math.min(longBands[b + 1], end); i < to; i++) {
				lines[i] *= g;
			}
		}
		if (blockType[gc] != 2) {
			return;
		}
		int[] shortBands = SHORT_BANDS[rate];
		int[] shorts = shortFactors[ch];
		for (int b = mixed[gc] ? (rate == 8 ? 2 : 3) : 0; b < 13 && 3 * shortBands[b] < end; b++) {
			int width = shortBands[b + 1] - shortBands[b];
			for (int w = 0; w < 3; w++) {
				int from = 3 * shortBands[b] + w * width;
				float g = GAIN[gain - 8 * subblockGain[gc * 3 + w] - (shorts[b * 3 + w] << shift)];
				for (int i = from, to = Math.min(from + width, end); i < to; i++) {
					lines[i] *= g;
				}
			}
		}
	}

	/**
	 * Joint stereo: intensity stereo above the last line the right channel codes (in each window of
	 * short blocks), M/S below it and where the intensity position says "not intensity".
	 */
	private void stereo(int gc, int rate, boolean lsf, int modeExtension) {
		float[] left = xr[0];
		float[] right = xr[1];
		boolean ms = (modeExtension & 2) != 0;
		int end = Math.max(nonzero[0], nonzero[1]);
		if ((modeExtension & 1) == 0) {
			if (ms) {
				midSide(left, right, 0, end);
			}
			nonzero[0] = nonzero[1] = end;
			return;
		}
		int gcRight = gc + 1;
		float[] lsfFactors = IS_LSF[scalefacCompress[gcRight] & 1];
		int[] longBands = LONG_BANDS[rate];
		int[] shortBands = SHORT_BANDS[rate];
		if (blockType[gcRight] == 2) {
			int[] start = intensityStart;
			int firstShort = mixed[gcRight] ? (rate == 8 ? 2 : 3) : 0;
			boolean shortCoded = false;
			for (int w = 0; w < 3; w++) {
				start[w] = firstShort;
				for (int b = 12; b >= firstShort; b--) {
					int width = shortBands[b + 1] - shortBands[b];
					int from = 3 * shortBands[b] + w * width;
					if (!zero(right, from, from + width)) {
						start[w] = b + 1;
						shortCoded = true;
						break;
					}
				}
			}
			int[] positions = shortFactors[1];
			for (int b = firstShort; b < 13; b++) {
				int width = shortBands[b + 1] - shortBands[b];
				for (int w = 0; w < 3; w++) {
					int from = 3 * shortBands[b] + w * width;
					if (b < start[w]) {
						if (ms) {
							midSide(left, right, from, from + width);
						}
						continue;
					}
					int position = positions[Math.min(b, 11) * 3 + w];
					intensity(left, right, from, from + width, position, lsf, lsfFactors, ms);
				}
			}
			if (firstShort > 0) {
				int longEnd = rate < 3 ? 8 : 6;
				int longStart = shortCoded ? longEnd : firstLongIntensity(right, longBands, longEnd);
				longIntensity(left, right, longBands, longEnd, longStart, lsf, lsfFactors, ms);
			}
		} else {
			longIntensity(left, right, longBands, 22, firstLongIntensity(right, longBands, 22), lsf, lsfFactors, ms);
		}
		nonzero[0] = nonzero[1] = 576;
	}

	/** The first long band above the right channel's last nonzero line, among the first {@code bands}. */
	private static int firstLongIntensity(float[] right, int[] longBands, int bands) {
		for (int b = bands - 1; b >= 0; b--) {
			if (!zero(right, longBands[b], longBands[b + 1])) {
				return b + 1;
			}
		}
		return 0;
	}

	private void longIntensity(float[] left, float[] right, int[] longBands, int bands, int start, boolean lsf,
			float[] lsfFactors, boolean ms) {
		int[] positions = longFactors[1];
		for (int b = 0; b < bands; b++) {
			int from = longBands[b];
			int to = longBands[b + 1];
			if (b < start) {
				if (ms) {
					midSide(left, right, from, to);
				}
			} else {
				int position = positions[Math.min(b, 20)];
				intensity(left, right, from, to, position, lsf, lsfFactors, ms);
			}
		}
	}

	/**
	 * Intensity stereo in one band: both channels from the left one, in the ratio the position
	 * gives. Position 7 of MPEG 1 means no intensity, and so do the positions from 16 on of MPEG 2
	 * (whose scale factors reach 31) as FFmpeg decodes them.
	 */
	private static void intensity(float[] left, float[] right, int from, int to, int position, boolean lsf,
			float[] lsfFactors, boolean ms) {
		if (position >= (lsf ? 16 : 7)) {
			if (ms) {
				midSide(left, right, from, to);
			}
			return;
		}
		float toLeft;
		float toRight;
		if (!lsf) {
			toLeft = IS_LEFT[position];
			toRight = IS_RIGHT[position];
		} else if ((position & 1) != 0) {
			toLeft = lsfFactors[position];
			toRight = 1;
		} else {
			toLeft = 1;
			toRight = lsfFactors[position];
		}
		for (int i = from; i < to; i++) {
			float l = left[i];
			left[i] = l * toLeft;
			right[i] = l * toRight;
		}
	}

	private static void midSide(float[] left, float[] right, int from, int to) {
		for (int i = from; i < to; i++) {
			float m = left[i];
			float s = right[i];
			left[i] = (m + s) * SQRT_HALF;
			right[i] = (m - s) * SQRT_HALF;
		}
	}

	private static boolean zero(float[] lines, int from, int to) {
		for (int i = from; i < to; i++) {
			if (lines[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/** The alias reduction butterflies between the subbands below {@code limit}. */
	private static void antialias(float[] lines, int limit) {
		for (int sb = 1; sb < limit; sb++) {
			int o = sb * 18;
			for (int i = 0; i < 8; i++) {
				float a = lines[o - 1 - i];
				float b = lines[o + i];
				lines[o - 1 - i] = a * CS[i] - b * CA[i];
				lines[o + i] = b * CS[i] + a * CA[i];
			}
		}
	}
}
