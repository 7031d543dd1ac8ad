package orbit.safewrite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import orbit.safewrite.internal.tags.OggPages;
import orbit.safewrite.internal.tags.OggPages.Headers;
import orbit.safewrite.internal.tags.OggPages.Page;

/**
 * Where the encoded audio lies in a file, so that a tag write can be checked to have left it
 * byte for byte the same. Tags live elsewhere in every format handled here: FLAC metadata
 * blocks, ID3/APE tags around MPEG frames, RIFF/AIFF chunks, MP4 boxes, Ogg header pages.
 */
public final class AudioRegions {

	/** A byte range of a file. */
	public record Range(long offset, long length) {
	}

	private AudioRegions() {
	}

	/** The format by extension ("flac", "mp3", ...), as the tag and audio checks know it. */
	public static String format(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		int dot = name.lastIndexOf('.');
		String ext = dot < 0 ? "" : name.substring(dot + 1);
		return switch (ext) {
		case "aif", "aifc" -> "aiff";
		case "m4a", "mp4", "aac", "alac" -> "m4a";
		case "oga" -> "ogg";
		default -> ext;
		};
	}

	/** The audio ranges of {@code file}, read as {@code format}. */
	public static List<Range> audio(Path file, String format) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			return switch (format) {
			case "flac" -> List.of(flac(channel).audio());
			case "mp3" -> List.of(mpeg(channel));
			case "wav" -> riff(channel, ByteOrder.LITTLE_ENDIAN, "data", 12);
			case "aiff" -> riff(channel, ByteOrder.BIG_ENDIAN, "SSND", 12);
			case "m4a" -> mp4(channel);
			case "ogg", "opus" -> ogg(channel);
			default -> throw new IOException("no audio check for ." + format + " files");
			};
		}
	}

	/** FLAC: the STREAMINFO block and the frames after the last metadata block. */
	public record FlacLayout(Range streamInfo, Range audio) {
	}

	public static FlacLayout flac(FileChannel channel) throws IOException {
		long position = skipId3v2(channel, 0);
		if (!"fLaC".equals(ascii(read(channel, position, 4)))) {
			throw new IOException("not a FLAC stream (no fLaC marker)");
		}
		position += 4;
		Range streamInfo = null;
		boolean last = false;
		while (!last) {
			ByteBuffer header = read(channel, position, 4);
			int first = header.get(0) & 0xFF;
			last = (first & 0x80) != 0;
			int type = first & 0x7F;
			long length = ((header.get(1) & 0xFFL) << 16) | ((header.get(2) & 0xFFL) << 8) | (header.get(3) & 0xFFL);
			if (type == 0) {
				streamInfo = new Range(position + 4, length);
			}
			position += 4 + length;
			if (position > channel.size()) {
				throw new IOException("FLAC metadata block runs past the end of the file");
			}
		}
		if (streamInfo == null || streamInfo.length() != 34) {
			throw new IOException("FLAC stream without a valid STREAMINFO block");
		}
		return new FlacLayout(streamInfo, new Range(position, channel.size() - position));
	}

	/** MPEG audio: everything between a leading ID3v2 tag and trailing APE/ID3v1 tags. */
	static Range mpeg(FileChannel channel) throws IOException {
		long start = skipId3v2(channel, 0);
		long end = channel.size();
		if (end - start >= 128 && "TAG".equals(ascii(read(channel, end - 128, 3)))) {
			end -= 128;
		}
		if (end - start >= 32 && "APETAGEX".equals(ascii(read(channel, end - 32, 8)))) {
			ByteBuffer footer = read(channel, end - 32, 32).order(ByteOrder.LITTLE_ENDIAN);
			long size = footer.getInt(12) & 0xFFFFFFFFL;
			boolean hasHeader = (footer.getInt(20) & 0x80000000) != 0;
			end -= size + (hasHeader ? 32 : 0);
		}
		if (end <= start) {
			throw new IOException("no MPEG audio between the tags");
		}
		return new Range(start, end - start);
	}

	/** RIFF (WAV) and IFF (AIFF): the content of the sample data chunk. */
	static List<Range> riff(FileChannel channel, ByteOrder order, String dataChunk, long firstChunk) throws IOException {
		long position = firstChunk;
		while (position + 8 <= channel.size()) {
			ByteBuffer header = read(channel, position, 8).order(order);
			String id = ascii(header.slice(0, 4));
			long size = header.getInt(4) & 0xFFFFFFFFL;
			if (id.equals(dataChunk)) {
				return List.of(new Range(position + 8, Math.min(size, channel.size() - position - 8)));
			}
			position += 8 + size + (size & 1);
		}
		throw new IOException("no " + dataChunk + " chunk");
	}

	/** MP4: the content of every top-level mdat box. */
	static List<Range> mp4(FileChannel channel) throws IOException {
		List<Range> ranges = new ArrayList<>();
		long position = 0;
		while (position + 8 <= channel.size()) {
			ByteBuffer header = read(channel, position, 8);
			long size = header.getInt(0) & 0xFFFFFFFFL;
			String type = ascii(header.slice(4, 4));
			long headerSize = 8;
			if (size == 1) {
				size = read(channel, position + 8, 8).getLong(0);
				headerSize = 16;
			} else if (size == 0) {
				size = channel.size() - position;
			}
			if (size < headerSize) {
				throw new IOException("malformed MP4 box " + type + " at " + position);
			}
			if (type.equals("mdat")) {
				ranges.add(new Range(position + headerSize, size - headerSize));
			}
			position += size;
		}
		if (ranges.isEmpty()) {
			throw new IOException("no mdat box");
		}
		return ranges;
	}

	/**
	 * Ogg (Vorbis, Opus): every page after the codec headers, all but its sequence number and
	 * checksum (a tag write may repaginate the header packets, and then renumber the pages after
	 * them, but never change a granule position, a lacing value or a byte of audio).
	 */
	static List<Range> ogg(FileChannel channel) throws IOException {
		long position = oggAudioStart(channel);
		List<Range> ranges = new ArrayList<>();
		while (position + OggPages.HEADER <= channel.size() && "OggS".equals(ascii(read(channel, position, 4)))) {
			Page page = OggPages.read(channel, position);
			// Version, flags, granule position, serial number; then lacing values and body.
			ranges.add(new Range(position + 4, 14));
			ranges.add(new Range(position + 26, 1 + page.lacing().length + page.bodyLength()));
			position = page.end();
		}
		// Whatever follows the last page (a tag some program appended) must be there as it was.
		ranges.add(new Range(position, channel.size() - position));
		return ranges;
	}

	/** Where the first page after the header packets begins. */
	static long oggAudioStart(FileChannel channel) throws IOException {
		Headers headers = OggPages.headers(channel);
		if (headers != null) {
			return headers.end();
		}
		// Another codec: its header pages are the leading pages with granule position 0.
		long position = 0;
		while (position + OggPages.HEADER <= channel.size()) {
			Page page = OggPages.read(channel, position);
			if (page.granule() != 0) {
				return position;
			}
			position = page.end();
		}
		return position;
	}

	/** The position after an ID3v2 tag at {@code position}, or {@code position} when there is none. */
	static long skipId3v2(FileChannel channel, long position) throws IOException {
		if (channel.size() < position + 10) {
			return position;
		}
		ByteBuffer header = read(channel, position, 10);
		if (!"ID3".equals(ascii(header.slice(0, 3)))) {
			return position;
		}
		long size = ((header.get(6) & 0x7FL) << 21) | ((header.get(7) & 0x7FL) << 14) | ((header.get(8) & 0x7FL) << 7)
				| (header.get(9) & 0x7FL);
		boolean footer = (header.get(5) & 0x10) != 0;
		return position + 10 + size + (footer ? 10 : 0);
	}

	static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				throw new IOException("unexpected end of file at " + (position + buffer.position()));
			}
		}
		return buffer.flip();
	}

	static String ascii(ByteBuffer bytes) {
		byte[] array = new byte[bytes.remaining()];
		bytes.duplicate().get(array);
		return new String(array, StandardCharsets.ISO_8859_1);
	}

	/** Compares two ranges lists byte for byte; returns -1 when equal, else the first differing audio byte. */
	public static long firstDifference(Path a, List<Range> ra, Path b, List<Range> rb) throws IOException {
		try (InputStream ia = new RangesInputStream(a, ra); InputStream ib = new RangesInputStream(b, rb)) {
			byte[] ba = new byte[1 << 16];
			byte[] bb = new byte[1 << 16];
			long offset = 0;
			while (true) {
				int na = ia.readNBytes(ba, 0, ba.length);
				int nb = ib.readNBytes(bb, 0, bb.length);
				int n = Math.min(na, nb);
				int mismatch = java.util.Arrays.mismatch(ba, 0, n, bb, 0, n);
				if (mismatch >= 0) {
					return offset + mismatch;
				}
				if (na != nb) {
					return offset + n;
				}
				if (na == 0) {
					return -1;
				}
				offset += n;
			}
		}
	}

	/** The bytes of some ranges of a file, one after the other. */
	static final class RangesInputStream extends InputStream {
		private final FileChannel channel;
		private final List<Range> ranges;
		private int index;
		private long read;

		RangesInputStream(Path file, List<Range> ranges) throws IOException {
			this.channel = FileChannel.open(file, StandardOpenOption.READ);
			this.ranges = ranges;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int off, int len) throws IOException {
			while (index < ranges.size() && read >= ranges.get(index).length()) {
				index++;
				read = 0;
			}
			if (index >= ranges.size()) {
				return -1;
			}
			Range range = ranges.get(index);
			int n = (int) Math.min(len, range.length() - read);
			int got = channel.read(ByteBuffer.wrap(buffer, off, n), range.offset() + read);
			if (got < 0) {
				return -1;
			}
			read += got;
			return got;
		}

		@Override
		public void close() throws IOException {
			channel.close();
		}
	}
}
