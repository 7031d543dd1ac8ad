package orbit.library.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Ogg Opus files (RFC 7845), which jaudiotagger does not: the OpusHead packet for the
 * pre-skip, the OpusTags packet (Vorbis comments) for the tags, and the granule position of the
 * last page for the duration. Every length read from the file is checked against the file, so a
 * hostile size field fails the read instead of allocating it.
 */
final class OpusTags {

	/** Opus always counts granules at 48 kHz, whatever the input rate was. */
	private static final int GRANULE_RATE = 48_000;
	/** A header packet larger than this is not a real file's. */
	private static final int MAX_HEADER_PACKET = 16 * 1024 * 1024;

	private OpusTags() {
	}

	static TagReader.FileTags read(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			PageReader pages = new PageReader(channel, size);
			byte[] head = pages.nextPacket();
			if (head.length < 19 || !new String(head, 0, 8, StandardCharsets.US_ASCII).equals("OpusHead")) {
				throw new IOException("no OpusHead packet at the start of the stream");
			}
			int preSkip = (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
			byte[] tags = pages.nextPacket();
			if (tags.length < 16 || !new String(tags, 0, 8, StandardCharsets.US_ASCII).equals("OpusTags")) {
				throw new IOException("no OpusTags packet after OpusHead");
			}
			Map<String, String> comments = comments(ByteBuffer.wrap(tags, 8, tags.length - 8).order(ByteOrder.LITTLE_ENDIAN));
			long granule = lastGranule(channel, size);
			if (granule <= preSkip) {
				throw new IOException("no audio pages (the stream ends before its first sample)");
			}
			int seconds = (int) Math.round((granule - preSkip) / (double) GRANULE_RATE);
			int kbps = seconds <= 0 ? 0 : (int) (size * 8 / 1000 / seconds);
			String key = comments.getOrDefault("INITIALKEY", comments.get("KEY"));
			return new TagReader.FileTags(comments.get("TITLE"), comments.get("ARTIST"), comments.get("ALBUM"), "opus", kbps,
					seconds, TagReader.bpm(comments.getOrDefault("BPM", comments.get("TBPM"))), key);
		}
	}

	private static Map<String, String> comments(ByteBuffer b) throws IOException {
		Map<String, String> comments = new HashMap<>();
		skip(b, length(b));
		long count = b.getInt() & 0xFFFFFFFFL;
		for (long i = 0; i < count; i++) {
			int length = length(b);
			String comment = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
			skip(b, length);
			int eq = comment.indexOf('=');
			if (eq > 0) {
				String value = comment.substring(eq + 1).strip();
				if (!value.isEmpty()) {
					comments.putIfAbsent(comment.substring(0, eq).toUpperCase(Locale.ROOT), value);
				}
			}
		}
		return comments;
	}

	private static int length(ByteBuffer b) throws IOException {
		if (b.remaining() < 4) {
			throw new EOFException("the OpusTags packet ends inside a length field");
		}
		long length = b.getInt() & 0xFFFFFFFFL;
		if (length > b.remaining()) {
			throw new IOException("an OpusTags field claims " + length + " bytes, more than the packet holds");
		}
		return (int) length;
	}

	private static void skip(ByteBuffer b, int n) {
		b.position(b.position() + n);
	}

	/** The granule position of the last complete page: the stream's length in 48 kHz samples plus pre-skip. */
	private static long lastGranule(FileChannel channel, long size) throws IOException {
		int tail = (int) Math.min(size, 128 * 1024);
		ByteBuffer buffer = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
		channel.read(buffer, size - tail);
		byte[] bytes = buffer.array();
		for (int i = tail - 27; i >= 0; i--) {
			if (bytes[i] == 'O' && bytes[i + 1] == 'g' && bytes[i + 2] == 'g' && bytes[i + 3] == 'S' && bytes[i + 4] == 0) {
				long granule = buffer.getLong(i + 6);
				if (granule != -1) {
					return granule;
				}
			}
		}
		throw new IOException("no Ogg page at the end of the file (truncated?)");
	}

	/** Assembles packets from Ogg pages, from the start of the file. */
	private static final class PageReader {
		private final FileChannel channel;
		private final long size;
		private long position;
		private int[] lacing = new int[0];
		private int segment;

		PageReader(FileChannel channel, long size) {
			this.channel = channel;
			this.size = size;
		}

		byte[] nextPacket() throws IOException {
			java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
			while (true) {
				if (segment >= lacing.length) {
					nextPage();
					continue;
				}
				int length = lacing[segment++];
				ByteBuffer data = ByteBuffer.allocate(length);
				readFully(data, position);
				position += length;
				packet.write(data.array(), 0, length);
				if (packet.size() > MAX_HEADER_PACKET) {
					throw new IOException("a header packet larger than " + MAX_HEADER_PACKET + " bytes");
				}
				if (length < 255) {
					return packet.toByteArray();
				}
			}
		}

		private void nextPage() throws IOException {
			ByteBuffer header = ByteBuffer.allocate(27).order(ByteOrder.LITTLE_ENDIAN);
			readFully(header, position);
			if (header.get(0) != 'O' || header.get(1) != 'g' || header.get(2) != 'g' || header.get(3) != 'S') {
				throw new IOException("not an Ogg page at byte " + position);
			}
			int segments = header.get(26) & 0xFF;
			ByteBuffer table = ByteBuffer.allocate(segments);
			readFully(table, position + 27);
			position += 27 + segments;
			lacing = new int[segments];
			for (int i = 0; i < segments; i++) {
				lacing[i] = table.get(i) & 0xFF;
			}
			segment = 0;
		}

		private void readFully(ByteBuffer buffer, long at) throws IOException {
			if (at + buffer.remaining() > size) {
				throw new EOFException("the file ends inside an Ogg page (truncated?)");
			}
			while (buffer.hasRemaining()) {
				if (channel.read(buffer, at + buffer.position()) < 0) {
					throw new EOFException("the file ends inside an Ogg page");
				}
			}
		}
	}
}
