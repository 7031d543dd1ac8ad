package orbit.safewrite.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import orbit.safewrite.AudioReport;
import orbit.safewrite.internal.AudioRegions.FlacLayout;
import orbit.safewrite.internal.AudioRegions.Range;

/**
 * The checks a scan can afford, with no decoding: every FLAC frame against its CRC-16 and the
 * frames' samples against STREAMINFO; MPEG frames in sync from first to last and their count
 * against the Xing/Info or VBRI header. Each reads the audio once, sequentially.
 */
final class FrameChecks {

	private FrameChecks() {
	}

	private static final int[] CRC8 = new int[256];
	private static final int[] CRC16 = new int[256];

	static {
		for (int i = 0; i < 256; i++) {
			int c8 = i;
			int c16 = i << 8;
			for (int bit = 0; bit < 8; bit++) {
				c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
				c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
			}
			CRC8[i] = c8 & 0xFF;
			CRC16[i] = c16 & 0xFFFF;
		}
	}

	/** A FLAC frame header as far as the walk needs it. */
	private record FrameHeader(int length, int blockSize, long number, boolean variableBlocks) {
	}

	/**
	 * Walks every frame. A FLAC frame has no length field: the next frame starts at the next
	 * header (sync code, valid CRC-8, the next number) where the CRC-16 of the bytes before it
	 * holds, so a sync pattern inside audio data is never mistaken for a boundary.
	 */
	static AudioReport flac(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			FlacLayout layout = AudioRegions.flac(channel);
			ByteBuffer info = AudioRegions.read(channel, layout.streamInfo().offset(), 34);
			long declaredSamples = ((info.get(13) & 0x0FL) << 32) | (info.getInt(14) & 0xFFFFFFFFL);
			Range audio = layout.audio();
			if (audio.length() > Integer.MAX_VALUE) {
				return new AudioReport(file, "flac", true, "frames not checked (a stream over 2 GB)", audio.length());
			}
			ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, audio.offset(), audio.length());
			int end = bytes.limit();
			if (end >= 128 && bytes.get(end - 128) == 'T' && bytes.get(end - 127) == 'A' && bytes.get(end - 126) == 'G') {
				end -= 128; // an ID3v1 tag some taggers append to FLAC files
			}
			FrameHeader header = header(bytes, 0, end);
			if (header == null) {
				return damaged(file, audio, "no FLAC frame where the audio starts");
			}
			long frames = 0, samples = 0;
			int start = 0;
			while (true) {
				int crc = 0;
				int next = -1;
				// Set when the next frame's header is found where this frame's CRC fails: its bytes changed.
				boolean changedBytes = false;
				long expected = header.variableBlocks() ? header.number() + header.blockSize() : header.number() + 1;
				for (int i = start; i < end; i++) {
					if (i > start + header.length() && (bytes.get(i) & 0xFF) == 0xFF
							&& (bytes.get(i + 1 < end ? i + 1 : i) & 0xFE) == 0xF8) {
						FrameHeader candidate = header(bytes, i, end);
						if (candidate != null && candidate.variableBlocks() == header.variableBlocks()
								&& candidate.number() == expected) {
							if (crc == 0) {
								next = i;
								break;
							}
							changedBytes = true;
						}
					}
					crc = ((crc << 8) ^ CRC16[((crc >>> 8) ^ bytes.get(i)) & 0xFF]) & 0xFFFF;
				}
				frames++;
				samples += header.blockSize();
				if (next < 0) {
					if (crc != 0 && changedBytes) {
						return damaged(file, audio, "frame " + frames + " is damaged: its CRC does not match");
					}
					if (crc != 0) {
						return damaged(file, audio, "the stream is cut short in frame " + frames
								+ (declaredSamples > 0 ? " (" + (samples - header.blockSize()) + " of " + declaredSamples
										+ " samples whole)" : ""));
					}
					break;
				}
				start = next;
				header = header(bytes, start, end);
			}
			// The last frame may be shorter than its declared block: count what STREAMINFO promises.
			if (declaredSamples > 0 && samples < declaredSamples) {
				return damaged(file, audio, "the stream ends after " + samples + " of " + declaredSamples + " samples");
			}
			return new AudioReport(file, "flac", true, frames + " frames, every CRC matches", audio.length());
		}
	}

	private static AudioReport damaged(Path file, Range audio, String detail) {
		return new AudioReport(file, AudioRegions.format(file), false, detail, audio.length());
	}

	/** The frame header at {@code at}, or null where there is none (wrong sync, reserved values, bad CRC-8). */
	private static FrameHeader header(ByteBuffer bytes, int at, int end) {
		if (at + 6 > end || (bytes.get(at) & 0xFF) != 0xFF || (bytes.get(at + 1) & 0xFE) != 0xF8) {
			return null;
		}
		boolean variable = (bytes.get(at + 1) & 1) != 0;
		int blockCode = (bytes.get(at + 2) & 0xFF) >>> 4;
		int rateCode = bytes.get(at + 2) & 0x0F;
		int channels = (bytes.get(at + 3) & 0xFF) >>> 4;
		if (blockCode == 0 || rateCode == 15 || channels > 10 || (bytes.get(at + 3) & 1) != 0) {
			return null;
		}
		int p = at + 4;
		int first = bytes.get(p++) & 0xFF;
		// The frame or sample number, UTF-8 coded: up to 7 bytes (0xFE starts a 36-bit sample number).
		int extra = first < 0x80 ? 0 : first == 0xFF ? -1 : first == 0xFE ? 6 : Integer.numberOfLeadingZeros(~first << 24) - 1;
		if (extra < 0 || extra == 0 && first >= 0x80 || extra > 6 || p + extra > end) {
			return null;
		}
		long number = extra == 0 ? first : first & (0x3F >>> (extra - 1));
		for (int i = 0; i < extra; i++) {
			int continuation = bytes.get(p++) & 0xFF;
			if ((continuation & 0xC0) != 0x80) {
				return null;
			}
			number = (number << 6) | (continuation & 0x3F);
		}
		int blockSize;
		if (blockCode == 6 || blockCode == 7) {
			int size = blockCode == 6 ? 1 : 2;
			if (p + size > end) {
				return null;
			}
			blockSize = (blockCode == 6 ? bytes.get(p) & 0xFF : bytes.getShort(p) & 0xFFFF) + 1;
			p += size;
		} else {
			blockSize = blockCode == 1 ? 192 : blockCode <= 5 ? 576 << (blockCode - 2) : 256 << (blockCode - 8);
		}
		p += rateCode == 12 ? 1 : rateCode == 13 || rateCode == 14 ? 2 : 0;
		if (p >= end) {
			return null;
		}
		int crc = 0;
		for (int i = at; i < p; i++) {
			crc = CRC8[(crc ^ bytes.get(i)) & 0xFF];
		}
		if (crc != (bytes.get(p) & 0xFF)) {
			return null;
		}
		return new FrameHeader(p + 1 - at, blockSize, number, variable);
	}

	/**
	 * Walks the MPEG Layer III frames from the first to the last: any loss of sync, a stream that
	 * ends early, or fewer frames than the Xing/Info or VBRI header counts is damage.
	 */
	static AudioReport mpeg(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Range audio = AudioRegions.mpeg(channel);
			if (audio.length() > Integer.MAX_VALUE) {
				return new AudioReport(file, "mp3", true, "frames not checked (a stream over 2 GB)", audio.length());
			}
			ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, audio.offset(), audio.length());
			int end = bytes.limit();
			long declared = end >= 4 ? declaredFrames(bytes) : -1;
			int position = 0;
			long frames = 0;
			int trailing = 0;
			while (position + 4 <= end) {
				int length = AudioChecks.layer3FrameLength(bytes.slice(position, 4));
				if (length <= 0) {
					if (zeros(bytes, position, end) || end - position <= TRAILING_BYTES) {
						// Padding or a small tag (Lyrics3, a tagger's leftovers) after the last frame, not a hole.
						trailing = end - position;
						break;
					}
					return damaged(file, audio, "MPEG frame sync lost at byte " + (audio.offset() + position) + " after "
							+ frames + " frame(s)");
				}
				position += length;
				frames++;
			}
			// A Xing/Info or VBRI frame carries no audio and is not counted in its own header.
			long audioFrames = declared >= 0 ? frames - 1 : frames;
			if (declared > audioFrames + 1) {
				return damaged(file, audio, "the stream ends early: " + audioFrames + " frame(s) of the " + declared
						+ " its header counts");
			}
			// Without a count, a last frame cut short is common in files from the wild and costs one frame.
			return new AudioReport(file, "mp3", frames > 0, frames + " MPEG audio frame(s) in sync"
					+ (declared >= 0 ? ", as many as the header counts" : "")
					+ (position > end ? ", the last one cut short" : "")
					+ (trailing > 0 ? ", then " + trailing + " bytes that are no audio" : ""), audio.length());
		}
	}

	/** Bytes after the last MPEG frame taken for a trailing tag rather than damage. */
	private static final int TRAILING_BYTES = 16 * 1024;

	private static boolean zeros(ByteBuffer bytes, int from, int end) {
		for (int i = from; i < end; i++) {
			if (bytes.get(i) != 0) {
				return false;
			}
		}
		return true;
	}

	/** The frame count of a Xing/Info or VBRI header in the first frame, or -1 when it has none. */
	private static long declaredFrames(ByteBuffer bytes) {
		if (AudioChecks.layer3FrameLength(bytes.slice(0, 4)) <= 0) {
			return -1;
		}
		boolean mpeg1 = ((bytes.get(1) >> 3) & 3) == 3;
		boolean mono = ((bytes.get(3) & 0xFF) >>> 6) == 3;
		int xing = 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
		if (bytes.limit() >= xing + 12 && (tag(bytes, xing, "Xing") || tag(bytes, xing, "Info"))) {
			int flags = bytes.getInt(xing + 4);
			return (flags & 1) != 0 ? bytes.getInt(xing + 8) & 0xFFFFFFFFL : -1;
		}
		if (bytes.limit() >= 36 + 18 && tag(bytes, 36, "VBRI")) {
			return bytes.getInt(36 + 14) & 0xFFFFFFFFL;
		}
		return -1;
	}

	private static boolean tag(ByteBuffer bytes, int at, String name) {
		for (int i = 0; i < 4; i++) {
			if (bytes.get(at + i) != name.charAt(i)) {
				return false;
			}
		}
		return true;
	}
}
