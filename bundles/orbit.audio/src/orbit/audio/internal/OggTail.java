package orbit.audio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * What the end of an Ogg file says: the last granule position, which is the stream's length in
 * samples (Ogg has no length in its headers), and whether the last page is whole. A file cut
 * at a page boundary cannot be told from a whole one; a file cut inside a page can.
 *
 * @param granule  the last page's granule position, or -1 when none is found
 * @param complete whether the file's last page ends where the file ends
 */
record OggTail(long granule, boolean complete) {

	static OggTail read(FileChannel channel, int serial) throws IOException {
		long size = channel.size();
		int length = (int) Math.min(size, 64 * 1024);
		ByteBuffer tail = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		int read;
		do {
			read = channel.read(tail, size - length + tail.position());
		} while (read > 0 && tail.hasRemaining());
		byte[] bytes = tail.array();
		Boolean complete = null;
		for (int at = length - 4; at >= 0; at--) {
			if (bytes[at] != 'O' || bytes[at + 1] != 'g' || bytes[at + 2] != 'g' || bytes[at + 3] != 'S') {
				continue;
			}
			if (at + 27 > length) {
				// A page whose header the file cuts off (its serial may be cut too): the file ends inside it.
				if (complete == null) {
					complete = false;
				}
				continue;
			}
			if (tail.getInt(at + 14) != serial) {
				continue;
			}
			if (complete == null) {
				complete = pageEnd(bytes, at) == length;
			}
			long granule = tail.getLong(at + 6);
			if (granule >= 0) {
				return new OggTail(granule, complete);
			}
		}
		return new OggTail(-1, complete == null || complete);
	}

	/** Where the page at {@code at} ends by its segment table, or -1 when the table itself is cut. */
	private static long pageEnd(byte[] bytes, int at) {
		int segments = bytes[at + 26] & 0xFF;
		if (at + 27 + segments > bytes.length) {
			return -1;
		}
		long end = at + 27 + segments;
		for (int i = 0; i < segments; i++) {
			end += bytes[at + 27 + i] & 0xFF;
		}
		return end;
	}
}
