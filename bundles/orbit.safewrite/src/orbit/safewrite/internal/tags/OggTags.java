package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import orbit.safewrite.TagWriter.Id3Version;
import orbit.safewrite.internal.tags.OggPages.Codec;
import orbit.safewrite.internal.tags.OggPages.Headers;
import orbit.safewrite.internal.tags.OggPages.Page;

/**
 * Ogg Vorbis and Ogg Opus: the comment header packet (Vorbis I section 5, RFC 7845 section 5.2).
 * The identification page is kept as it is; the comment packet (and, for Vorbis, the setup packet
 * after it) are paged again as they were paged before, with granule position 0 on each page where
 * a packet ends. The audio pages are copied verbatim; only when the header pages are more or fewer
 * than before do they get new sequence numbers, and so new checksums, their bodies untouched.
 */
final class OggTags implements TagFormat {

	static final String LOCATION = "vorbis";

	/** A comment packet: the codec's magic, the comment list, and what follows it. */
	private record CommentPacket(byte[] magic, VorbisComments comments, byte[] trailer) {
		byte[] bytes() {
			return Binary.concat(magic, comments.bytes(), trailer);
		}
	}

	private static CommentPacket comments(Headers headers) throws IOException {
		byte[] packet = headers.packets().get(1);
		int magic = headers.codec() == Codec.VORBIS ? 7 : 8;
		boolean valid = headers.codec() == Codec.VORBIS
				? packet.length > 7 && packet[0] == 3 && "vorbis".equals(Binary.ascii(packet, 1, 6))
				: packet.length > 8 && "OpusTags".equals(Binary.ascii(packet, 0, 8));
		if (!valid) {
			throw new IOException("the second Ogg packet is not a comment header");
		}
		VorbisComments.Parsed parsed = VorbisComments.parse(packet, magic, packet.length);
		// Vorbis: the framing bit. Opus: padding or binary data, kept (RFC 7845 asks editors to keep it).
		return new CommentPacket(Arrays.copyOf(packet, magic), parsed.comments(),
				Arrays.copyOfRange(packet, parsed.end(), packet.length));
	}

	private static Headers headers(FileChannel channel) throws IOException {
		Headers headers = OggPages.headers(channel);
		if (headers == null) {
			throw new IOException("ORBIT writes tags to Ogg Vorbis and Ogg Opus streams only");
		}
		return headers;
	}

	@Override
	public List<RawField> read(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			CommentPacket packet = comments(headers(channel));
			List<RawField> fields = new ArrayList<>(packet.comments().fields(LOCATION));
			fields.add(new RawField(LOCATION, "after the comments", null, null, packet.trailer()));
			return fields;
		}
	}

	@Override
	public Attachments attachments(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			VorbisComments comments = comments(headers(channel)).comments();
			List<String> problems = new ArrayList<>();
			List<Picture> pictures = comments.pictures(problems);
			return new Attachments(pictures, comments.djFrames(Carrier.OGG, problems), problems);
		}
	}

	@Override
	public Carrier carrier() {
		return Carrier.OGG;
	}

	@Override
	public Plan plan(Path file, TagEdit edit, Id3Version id3Version) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Headers headers = headers(channel);
			CommentPacket packet = comments(headers);
			packet.comments().apply(edit, Carrier.OGG);
			List<byte[]> packets = new ArrayList<>(headers.packets());
			packets.set(1, packet.bytes());
			Page first = headers.pages().get(0);
			List<byte[]> pages = paginate(packets, headers.startsPage(), headers.serial(), first.sequence() + 1);
			int shift = 1 + pages.size() - headers.pages().size();

			List<Splice.Piece> pieces = new ArrayList<>();
			pieces.add(new Splice.Copy(0, first.end()));
			ByteArrayOutputStream headerPages = new ByteArrayOutputStream();
			pages.forEach(headerPages::writeBytes);
			pieces.add(new Splice.Data(headerPages.toByteArray()));
			if (shift == 0) {
				pieces.add(new Splice.Copy(headers.end(), channel.size() - headers.end()));
			} else {
				renumber(channel, headers, shift, pieces);
			}
			return new Plan(pieces, List.of(), false);
		}
	}

	/**
	 * The header packets after the first as pages: a packet that began a page before begins one
	 * again, and a page takes at most 255 lacing values, as libogg writes them.
	 */
	static List<byte[]> paginate(List<byte[]> packets, List<Boolean> startsPage, int serial, int sequence) {
		List<byte[]> pages = new ArrayList<>();
		List<Integer> lacing = new ArrayList<>();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		boolean continued = false;
		boolean packetEnded = false;
		for (int p = 1; p < packets.size(); p++) {
			byte[] packet = packets.get(p);
			if (startsPage.get(p) && !lacing.isEmpty()) {
				pages.add(page(lacing, body, continued, packetEnded, serial, sequence + pages.size()));
				continued = false;
				packetEnded = false;
			}
			int offset = 0;
			for (int remaining = packet.length;; remaining -= 255) {
				if (lacing.size() == 255) {
					pages.add(page(lacing, body, continued, packetEnded, serial, sequence + pages.size()));
					// The next page goes on with this packet unless it starts here.
					continued = offset > 0;
					packetEnded = false;
				}
				int segment = Math.min(255, remaining);
				lacing.add(segment);
				body.write(packet, offset, segment);
				offset += segment;
				if (segment < 255) {
					break;
				}
			}
			packetEnded = true;
		}
		pages.add(page(lacing, body, continued, packetEnded, serial, sequence + pages.size()));
		return pages;
	}

	private static byte[] page(List<Integer> lacing, ByteArrayOutputStream body, boolean continued, boolean packetEnded,
			int serial, int sequence) {
		// A header page where a packet ends has granule position 0; one that only carries part of a packet has -1.
		byte[] page = OggPages.page(continued ? OggPages.CONTINUED : 0, packetEnded ? 0 : -1, serial, sequence,
				lacing.stream().mapToInt(Integer::intValue).toArray(), body.toByteArray());
		lacing.clear();
		body.reset();
		return page;
	}

	/** The pages after the headers: this stream's with their sequence numbers shifted, any other verbatim. */
	private static void renumber(FileChannel channel, Headers headers, int shift, List<Splice.Piece> pieces)
			throws IOException {
		long copyFrom = headers.end();
		long at = headers.end();
		boolean ended = false;
		while (at + OggPages.HEADER <= channel.size()) {
			if (!"OggS".equals(Binary.ascii(Binary.read(channel, at, 4), 0, 4))) {
				// Not a page (a tag some program appended): copied as it is.
				break;
			}
			Page page = OggPages.read(channel, at);
			if (!ended && page.serial() == headers.serial()) {
				if (at > copyFrom) {
					pieces.add(new Splice.Copy(copyFrom, at - copyFrom));
				}
				pieces.add(new Splice.Data(OggPages.renumbered(channel, page, page.sequence() + shift)));
				copyFrom = page.bodyOffset();
				ended = (page.flags() & OggPages.EOS) != 0;
			}
			at = page.end();
		}
		if (channel.size() > copyFrom) {
			pieces.add(new Splice.Copy(copyFrom, channel.size() - copyFrom));
		}
	}
}
