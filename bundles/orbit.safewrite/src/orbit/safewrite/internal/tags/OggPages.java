package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Ogg pages (RFC 3533) and the codec header packets at the start of a Vorbis or Opus stream:
 * where they are, how many pages they take, and how to write a page with its checksum.
 */
public final class OggPages {

	public static final int HEADER = 27;
	public static final int BOS = 0x02;
	public static final int EOS = 0x04;
	public static final int CONTINUED = 0x01;
	/** The largest header packet ORBIT reads into memory (cover art in comments stays well below). */
	static final int MAX_HEADER_PACKET = 64 * 1024 * 1024;

	private static final int[] CRC_TABLE = new int[256];
	static {
		for (int i = 0; i < 256; i++) {
			int r = i << 24;
			for (int j = 0; j < 8; j++) {
				r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
			}
			CRC_TABLE[i] = r;
		}
	}

	private OggPages() {
	}

	/** One page: where it is and what its header says. */
	public record Page(long offset, int flags, long granule, int serial, int sequence, int[] lacing, long crc,
			int bodyLength) {
		public int headerLength() {
			return HEADER + lacing.length;
		}

		public long bodyOffset() {
			return offset + headerLength();
		}

		public long end() {
			return bodyOffset() + bodyLength;
		}
	}

	public static Page read(FileChannel channel, long offset) throws IOException {
		byte[] header = Binary.read(channel, offset, HEADER);
		if (header[0] != 'O' || header[1] != 'g' || header[2] != 'g' || header[3] != 'S') {
			throw new IOException("lost Ogg page sync at byte " + offset);
		}
		if (header[4] != 0) {
			throw new IOException("Ogg page version " + header[4] + " at byte " + offset);
		}
		int segments = header[26] & 0xFF;
		byte[] table = Binary.read(channel, offset + HEADER, segments);
		int[] lacing = new int[segments];
		int body = 0;
		for (int i = 0; i < segments; i++) {
			lacing[i] = table[i] & 0xFF;
			body += lacing[i];
		}
		long granule = Binary.le32(header, 6) | (Binary.le32(header, 10) << 32);
		Page page = new Page(offset, header[5] & 0xFF, granule, (int) Binary.le32(header, 14), (int) Binary.le32(header, 18),
				lacing, Binary.le32(header, 22), body);
		if (page.end() > channel.size()) {
			throw new IOException("the file ends inside the Ogg page at byte " + offset + " (truncated?)");
		}
		return page;
	}

	/** The Ogg checksum: CRC-32, polynomial 0x04C11DB7, not reflected, computed with the checksum field zeroed. */
	static long crc(byte[] page) {
		int crc = 0;
		for (int i = 0; i < page.length; i++) {
			int b = i >= 22 && i < 26 ? 0 : page[i] & 0xFF;
			crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) & 0xFF) ^ b];
		}
		return crc & 0xFFFFFFFFL;
	}

	/** Whether the page's stored checksum matches its bytes. */
	public static boolean crcValid(FileChannel channel, Page page) throws IOException {
		return crc(Binary.read(channel, page.offset(), page.end() - page.offset())) == page.crc();
	}

	/** A complete page with its checksum. */
	static byte[] page(int flags, long granule, int serial, int sequence, int[] lacing, byte[] body) {
		byte[] page = new byte[HEADER + lacing.length + body.length];
		page[0] = 'O';
		page[1] = 'g';
		page[2] = 'g';
		page[3] = 'S';
		page[5] = (byte) flags;
		Binary.putLe32(page, 6, granule);
		Binary.putLe32(page, 10, granule >>> 32);
		Binary.putLe32(page, 14, serial);
		Binary.putLe32(page, 18, sequence);
		page[26] = (byte) lacing.length;
		for (int i = 0; i < lacing.length; i++) {
			page[HEADER + i] = (byte) lacing[i];
		}
		System.arraycopy(body, 0, page, HEADER + lacing.length, body.length);
		Binary.putLe32(page, 22, crc(page));
		return page;
	}

	/** The same page under another sequence number: its header with a new checksum (the body is unchanged). */
	static byte[] renumbered(FileChannel channel, Page page, int sequence) throws IOException {
		byte[] bytes = Binary.read(channel, page.offset(), page.end() - page.offset());
		Binary.putLe32(bytes, 18, sequence);
		Binary.putLe32(bytes, 22, crc(bytes));
		return java.util.Arrays.copyOf(bytes, page.headerLength());
	}

	/** The codec of a stream, by its first packet. */
	public enum Codec {
		VORBIS(3), OPUS(2);

		/** How many header packets precede the audio. */
		public final int headerPackets;

		Codec(int headerPackets) {
			this.headerPackets = headerPackets;
		}

		static Codec of(byte[] first) {
			if (first.length >= 7 && first[0] == 1 && "vorbis".equals(Binary.ascii(first, 1, 6))) {
				return VORBIS;
			}
			if (first.length >= 8 && "OpusHead".equals(Binary.ascii(first, 0, 8))) {
				return OPUS;
			}
			return null;
		}
	}

	/**
	 * The header packets of the first logical stream and the pages that hold them.
	 *
	 * @param startsPage for each packet, whether it began a page
	 * @param end        where the first page after the headers begins
	 */
	public record Headers(Codec codec, int serial, List<Page> pages, List<byte[]> packets, List<Boolean> startsPage,
			long end) {
	}

	/** The headers of a Vorbis or Opus stream; null for another codec. */
	public static Headers headers(FileChannel channel) throws IOException {
		Page first = read(channel, 0);
		if ((first.flags() & BOS) == 0) {
			throw new IOException("the first Ogg page does not begin a stream");
		}
		List<Page> pages = new ArrayList<>();
		List<byte[]> packets = new ArrayList<>();
		List<Boolean> startsPage = new ArrayList<>();
		ByteArrayOutputStream packet = new ByteArrayOutputStream();
		boolean packetStartsPage = true;
		Codec codec = null;
		long at = 0;
		while (true) {
			if (at >= channel.size()) {
				throw new IOException("the Ogg stream ends inside its headers");
			}
			Page page = read(channel, at);
			if (page.serial() != first.serial()) {
				throw new IOException("the Ogg file holds more than one stream (video, Skeleton); ORBIT tags single-stream files only");
			}
			pages.add(page);
			byte[] body = Binary.read(channel, page.bodyOffset(), page.bodyLength());
			int offset = 0;
			int[] lacing = page.lacing();
			for (int i = 0; i < lacing.length; i++) {
				if (codec != null && packets.size() == codec.headerPackets) {
					throw new IOException("audio begins on the last Ogg header page; ORBIT does not repaginate such a stream");
				}
				if (packet.size() == 0) {
					packetStartsPage = i == 0;
				}
				packet.write(body, offset, lacing[i]);
				offset += lacing[i];
				if (packet.size() > MAX_HEADER_PACKET) {
					throw new IOException("an Ogg header packet larger than " + MAX_HEADER_PACKET + " bytes");
				}
				if (lacing[i] < 255) {
					packets.add(packet.toByteArray());
					startsPage.add(packetStartsPage);
					packet.reset();
					if (packets.size() == 1) {
						codec = Codec.of(packets.get(0));
						if (codec == null) {
							return null;
						}
						if (i != lacing.length - 1) {
							throw new IOException("the first Ogg page holds more than the identification header");
						}
					}
				}
			}
			at = page.end();
			if (codec != null && packets.size() == codec.headerPackets) {
				return new Headers(codec, first.serial(), pages, packets, startsPage, at);
			}
		}
	}
}
