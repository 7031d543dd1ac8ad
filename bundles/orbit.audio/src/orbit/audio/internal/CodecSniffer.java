package orbit.audio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import orbit.audio.AudioException;
import orbit.audio.Codec;

/** Finds the codec from a file's first bytes, never from its name. */
final class CodecSniffer {

	/** How far into a file the first MPEG frame is searched for (after an ID3v2 tag). */
	static final int SEARCH = 64 * 1024;

	private CodecSniffer() {
	}

	static Codec detect(Path file) throws AudioException {
		byte[] head = read(file, 0);
		if (head.length == 0) {
			throw new AudioException(file, "is empty");
		}
		int tag = id3v2Length(head);
		if (tag > 0) {
			// After an ID3v2 tag (large with cover art) comes FLAC or MPEG audio.
			byte[] audio = read(file, tag);
			if (is(audio, 0, "fLaC")) {
				return Codec.FLAC;
			}
			if (firstMpegFrame(audio, 0, audio.length) >= 0) {
				return Codec.MP3;
			}
		}
		if (is(head, 0, "fLaC")) {
			return Codec.FLAC;
		}
		if (is(head, 0, "RIFF") && is(head, 8, "WAVE")) {
			return Codec.WAV;
		}
		if (is(head, 0, "FORM") && (is(head, 8, "AIFF") || is(head, 8, "AIFC"))) {
			return Codec.AIFF;
		}
		if (is(head, 0, "OggS")) {
			return oggCodec(file, head);
		}
		if (is(head, 4, "ftyp")) {
			return Codec.AAC;
		}
		if (firstMpegFrame(head, 0, head.length) >= 0) {
			return Codec.MP3;
		}
		throw new AudioException(file, "is not audio in a format ORBIT decodes (it starts with bytes "
				+ HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length)) + ")");
	}

	/** Up to {@link #SEARCH} bytes from {@code offset}. */
	static byte[] read(Path file, long offset) throws AudioException {
		try (FileChannel channel = FileChannel.open(file)) {
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(SEARCH, channel.size() - offset)));
			int read;
			do {
				read = channel.read(buffer, offset + buffer.position());
			} while (read > 0 && buffer.hasRemaining());
			return Arrays.copyOf(buffer.array(), buffer.position());
		} catch (IOException e) {
			throw new AudioException(file, -1, 0, "cannot be read: " + e.getMessage(), e);
		}
	}

	private static Codec oggCodec(Path file, byte[] head) throws AudioException {
		// The first page holds the first packet alone; it names the codec.
		int packet = head.length > 26 ? 27 + (head[26] & 0xFF) : head.length;
		if (is(head, packet, "\u0001vorbis")) {
			return Codec.VORBIS;
		}
		if (is(head, packet, "OpusHead")) {
			return Codec.OPUS;
		}
		throw new AudioException(file, "is an Ogg stream of a codec ORBIT does not decode (neither Vorbis nor Opus)");
	}

	/**
	 * The offset of the first of three consecutive layer III frames at or after {@code from}, or
	 * -1: one header alone is too easily found in random bytes.
	 */
	static int firstMpegFrame(byte[] bytes, int from, int end) {
		for (int offset = from; offset + 4 <= end; offset++) {
			MpegHeader first = MpegHeader.at(bytes, offset, end);
			if (first == null) {
				continue;
			}
			int next = offset + first.length();
			MpegHeader second = MpegHeader.at(bytes, next, end);
			if (second != null && MpegHeader.at(bytes, next + second.length(), end) != null
					&& second.sampleRate() == first.sampleRate()) {
				return offset;
			}
		}
		return -1;
	}

	/** The length of an ID3v2 tag at the start, its footer included; 0 when there is none. */
	static int id3v2Length(byte[] head) {
		if (head.length < 10 || !is(head, 0, "ID3")) {
			return 0;
		}
		int size = (head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | head[9] & 0x7F;
		boolean footer = (head[5] & 0x10) != 0;
		return 10 + size + (footer ? 10 : 0);
	}

	static boolean is(byte[] bytes, int offset, String ascii) {
		byte[] expected = ascii.getBytes(StandardCharsets.ISO_8859_1);
		if (offset < 0 || offset + expected.length > bytes.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (bytes[offset + i] != expected[i]) {
				return false;
			}
		}
		return true;
	}
}
