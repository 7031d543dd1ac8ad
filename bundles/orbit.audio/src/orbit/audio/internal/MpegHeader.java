package orbit.audio.internal;

/**
 * An MPEG audio layer III frame header: enough to find frames, their length and where the
 * Xing/Info tag sits in the first one.
 */
record MpegHeader(int version, int sampleRate, int bitrateKbps, int channels, boolean crc, int length) {

	static final int MPEG1 = 3;

	private static final int[] MPEG1_KBPS = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 };
	private static final int[] MPEG2_KBPS = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 };
	private static final int[] MPEG1_RATES = { 44100, 48000, 32000 };

	/** The header at {@code offset}, or null when the four bytes there are not a layer III header. */
	static MpegHeader at(byte[] bytes, int offset, int end) {
		if (offset + 4 > end) {
			return null;
		}
		int b1 = bytes[offset + 1] & 0xFF;
		int b2 = bytes[offset + 2] & 0xFF;
		int b3 = bytes[offset + 3] & 0xFF;
		int version = b1 >> 3 & 3;
		int layer = b1 >> 1 & 3;
		int bitrateIndex = b2 >> 4;
		int rateIndex = b2 >> 2 & 3;
		if ((bytes[offset] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0 || version == 1 || layer != 1 || bitrateIndex == 0
				|| bitrateIndex == 15 || rateIndex == 3) {
			return null;
		}
		int rate = sampleRate(bytes, offset);
		int kbps = (version == MPEG1 ? MPEG1_KBPS : MPEG2_KBPS)[bitrateIndex];
		int padding = b2 >> 1 & 1;
		int length = (version == MPEG1 ? 144_000 : 72_000) * kbps / rate + padding;
		int channels = (b3 >> 6) == 3 ? 1 : 2;
		return new MpegHeader(version, rate, kbps, channels, (b1 & 1) == 0, length);
	}

	/** The sample rate a header of any layer at {@code offset} gives (its sync and rate index checked by the caller). */
	static int sampleRate(byte[] bytes, int offset) {
		int version = bytes[offset + 1] >> 3 & 3;
		// MPEG 2 halves the rate of MPEG 1, MPEG 2.5 (version 0) quarters it.
		return MPEG1_RATES[bytes[offset + 2] >> 2 & 3] >> (version == MPEG1 ? 0 : version == 2 ? 1 : 2);
	}

	/** Samples per channel in one frame. */
	int samplesPerFrame() {
		return version == MPEG1 ? 1152 : 576;
	}

	/** Where a Xing/Info tag starts in this frame: after the header, its CRC and the side information. */
	int tagOffset() {
		int sideInfo = version == MPEG1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17);
		return 4 + (crc ? 2 : 0) + sideInfo;
	}
}
