package orbit.audio.internal.mp3;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads bits, most significant first, from part of a byte array through a 64-bit cache. Past the
 * end it reads zeros, so that a damaged frame cannot make a decoder read outside the array; the
 * Huffman decoder works on the fields directly, as locals.
 */
final class BitReader {

	static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	byte[] bytes;
	int limit;
	/** The next byte to move into the cache. */
	int next;
	/** The bits not yet read, left-aligned. */
	long cache;
	/** How many bits of {@link #cache} are valid. */
	int cached;

	void reset(byte[] bytes, int start, int limit) {
		this.bytes = bytes;
		this.limit = limit;
		seek(start * 8);
	}

	/** The position of the next bit, counted from the start of the array. */
	int position() {
		return next * 8 - cached;
	}

	void seek(int bit) {
		next = bit >>> 3;
		cache = 0;
		cached = 0;
		refill();
		cache <<= bit & 7;
		cached -= bit & 7;
	}

	/** Fills the cache to at least 57 bits. */
	void refill() {
		while (cached <= 56) {
			int b = next < limit ? bytes[next] & 0xFF : 0;
			next++;
			cache |= (long) b << (56 - cached);
			cached += 8;
		}
	}

	/** Reads {@code n} bits, 0 to 32. */
	int read(int n) {
		if (n == 0) {
			return 0;
		}
		if (cached < n) {
			refill();
		}
		int value = (int) (cache >>> (64 - n));
		cache <<= n;
		cached -= n;
		return value;
	}

	boolean flag() {
		return read(1) != 0;
	}
}
