package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** Reading and writing the integers of binary tag formats. */
final class Binary {

	private Binary() {
	}

	static int u8(byte[] b, int i) {
		return b[i] & 0xFF;
	}

	static int be16(byte[] b, int i) {
		return (u8(b, i) << 8) | u8(b, i + 1);
	}

	static int be24(byte[] b, int i) {
		return (u8(b, i) << 16) | (u8(b, i + 1) << 8) | u8(b, i + 2);
	}

	static long be32(byte[] b, int i) {
		return ((long) u8(b, i) << 24) | (u8(b, i + 1) << 16) | (u8(b, i + 2) << 8) | u8(b, i + 3);
	}

	static long be64(byte[] b, int i) {
		return (be32(b, i) << 32) | be32(b, i + 4);
	}

	static long le32(byte[] b, int i) {
		return ((long) u8(b, i + 3) << 24) | (u8(b, i + 2) << 16) | (u8(b, i + 1) << 8) | u8(b, i);
	}

	/** ID3v2's 28-bit integer in four bytes of seven bits each. */
	static int syncsafe(byte[] b, int i) {
		return (u8(b, i) & 0x7F) << 21 | (u8(b, i + 1) & 0x7F) << 14 | (u8(b, i + 2) & 0x7F) << 7 | (u8(b, i + 3) & 0x7F);
	}

	static void putBe16(byte[] b, int i, int v) {
		b[i] = (byte) (v >>> 8);
		b[i + 1] = (byte) v;
	}

	static void putBe24(byte[] b, int i, int v) {
		b[i] = (byte) (v >>> 16);
		b[i + 1] = (byte) (v >>> 8);
		b[i + 2] = (byte) v;
	}

	static void putBe32(byte[] b, int i, long v) {
		b[i] = (byte) (v >>> 24);
		b[i + 1] = (byte) (v >>> 16);
		b[i + 2] = (byte) (v >>> 8);
		b[i + 3] = (byte) v;
	}

	static void putBe64(byte[] b, int i, long v) {
		putBe32(b, i, v >>> 32);
		putBe32(b, i + 4, v);
	}

	static void putLe32(byte[] b, int i, long v) {
		b[i] = (byte) v;
		b[i + 1] = (byte) (v >>> 8);
		b[i + 2] = (byte) (v >>> 16);
		b[i + 3] = (byte) (v >>> 24);
	}

	static void putSyncsafe(byte[] b, int i, int v) {
		if (v < 0 || v >= 1 << 28) {
			throw new IllegalArgumentException("an ID3v2 size must be below 256 MB: " + v);
		}
		b[i] = (byte) ((v >>> 21) & 0x7F);
		b[i + 1] = (byte) ((v >>> 14) & 0x7F);
		b[i + 2] = (byte) ((v >>> 7) & 0x7F);
		b[i + 3] = (byte) (v & 0x7F);
	}

	static byte[] le32(long v) {
		byte[] b = new byte[4];
		putLe32(b, 0, v);
		return b;
	}

	static byte[] be32(long v) {
		byte[] b = new byte[4];
		putBe32(b, 0, v);
		return b;
	}

	static String ascii(byte[] b, int offset, int length) {
		return new String(b, offset, length, StandardCharsets.ISO_8859_1);
	}

	static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.ISO_8859_1);
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** Reads exactly {@code length} bytes at {@code position}; a file that ends first is an error. */
	static byte[] read(FileChannel channel, long position, long length) throws IOException {
		if (length < 0 || length > Integer.MAX_VALUE - 16 || position + length > channel.size()) {
			throw new EOFException("the file ends inside a structure of " + length + " bytes at " + position);
		}
		ByteBuffer buffer = ByteBuffer.allocate((int) length);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				throw new EOFException("unexpected end of file at " + (position + buffer.position()));
			}
		}
		return buffer.array();
	}
}
