package orbit.audio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import orbit.audio.AudioException;

/**
 * Where an MP3's audio starts and what its Xing/Info frame says: the frame count, and in a LAME
 * tag the encoder delay and padding in samples (12 bits each).
 *
 * @param first      the first frame's header
 * @param audioStart the offset of the first frame (after an ID3v2 tag)
 * @param audioEnd   the offset after the last frame (before ID3v1 and APE tags)
 * @param xing       whether the first frame is a Xing/Info frame, which holds no audio
 * @param frames     the MPEG frames of audio the Xing frame counts, or -1
 * @param bytes      the audio's bytes as the Xing frame counts them, or -1
 * @param lame       whether a LAME tag gives the delay and padding
 */
record Mp3Tag(MpegHeader first, long audioStart, long audioEnd, boolean xing, long frames, long bytes, boolean lame, int delay,
		int padding) {

	/**
	 * The delay of the MPEG synthesis itself, which LAME's delay does not include: decoders skip
	 * it on top (ffmpeg and mpg123 both do).
	 */
	static final int DECODER_DELAY = 529;

	static Mp3Tag read(Path file) throws AudioException {
		int id3 = CodecSniffer.id3v2Length(CodecSniffer.read(file, 0));
		byte[] audio = CodecSniffer.read(file, id3);
		int offset = CodecSniffer.firstMpegFrame(audio, 0, audio.length);
		if (offset < 0) {
			throw new AudioException(file, "has no MPEG audio frame in the first 64 KiB of its audio");
		}
		MpegHeader first = MpegHeader.at(audio, offset, audio.length);
		int at = offset + first.tagOffset();
		if (first.crc() && !xingAt(audio, at) && xingAt(audio, at - 2)) {
			// LAME's Info frame says it has a CRC but puts the tag where it would be without one.
			at -= 2;
		}
		if (!xingAt(audio, at)) {
			return new Mp3Tag(first, id3 + offset, audioEnd(file), false, -1, -1, false, 0, 0);
		}
		int flags = integer(audio, at + 4);
		at += 8;
		long frames = -1;
		long bytes = -1;
		if ((flags & 1) != 0) {
			frames = integer(audio, at) & 0xFFFF_FFFFL;
			at += 4;
		}
		if ((flags & 2) != 0) {
			bytes = integer(audio, at) & 0xFFFF_FFFFL;
			at += 4;
		}
		at += ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
		// The LAME tag: a 9-byte encoder name, then the delay and padding 21 bytes in.
		boolean lame = frames >= 0 && (CodecSniffer.is(audio, at, "LAME") || CodecSniffer.is(audio, at, "Lavc")
				|| CodecSniffer.is(audio, at, "Lavf")) && at + 24 <= audio.length;
		int delay = 0;
		int padding = 0;
		if (lame) {
			int b0 = audio[at + 21] & 0xFF;
			int b1 = audio[at + 22] & 0xFF;
			int b2 = audio[at + 23] & 0xFF;
			delay = b0 << 4 | b1 >> 4;
			padding = (b1 & 0x0F) << 8 | b2;
		}
		return new Mp3Tag(first, id3 + offset, audioEnd(file), true, frames, bytes, lame, delay, padding);
	}

	private static boolean xingAt(byte[] audio, int at) {
		return CodecSniffer.is(audio, at, "Xing") || CodecSniffer.is(audio, at, "Info");
	}

	/**
	 * Where the frames end: before an ID3v1 tag and an APEv2 tag, whose bytes could otherwise be
	 * taken for the start of a frame cut short.
	 */
	private static long audioEnd(Path file) throws AudioException {
		try (FileChannel channel = FileChannel.open(file)) {
			long end = channel.size();
			if (end >= 128 && "TAG".equals(ascii(channel, end - 128, 3))) {
				end -= 128;
			}
			if (end >= 32 && "APETAGEX".equals(ascii(channel, end - 32, 8))) {
				ByteBuffer footer = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
				channel.read(footer, end - 32);
				long size = footer.getInt(12) & 0xFFFF_FFFFL;
				boolean header = (footer.getInt(20) & 0x8000_0000) != 0;
				end = Math.max(0, end - size - (header ? 32 : 0));
			}
			return end;
		} catch (IOException e) {
			throw new AudioException(file, -1, 0, "cannot be read: " + e.getMessage(), e);
		}
	}

	private static String ascii(FileChannel channel, long offset, int length) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(length);
		channel.read(bytes, offset);
		return new String(bytes.array(), 0, bytes.position(), StandardCharsets.ISO_8859_1);
	}

	private static int integer(byte[] bytes, int at) {
		if (at + 4 > bytes.length) {
			return 0;
		}
		return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
	}

	/** The decoded samples to drop at the start: the encoder's delay and the decoder's. */
	long skip() {
		return lame ? delay + DECODER_DELAY : 0;
	}

	/** The decoded length after trimming, or -1 when no Xing frame counts the frames. */
	long decodedFrames() {
		return frames < 0 ? -1 : Math.max(0, frames * first.samplesPerFrame() - delay - padding);
	}

	/** The average bitrate: from the Xing counts, or the first frame's for a file without them. */
	int bitrateKbps(long fileSize) {
		if (frames <= 0) {
			return first.bitrateKbps();
		}
		long audioBytes = bytes > 0 ? bytes : fileSize - audioStart;
		return (int) (audioBytes * 8 * first.sampleRate() / (frames * first.samplesPerFrame()) / 1000);
	}
}
