package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import orbit.safewrite.TagWriter.Id3Version;

/**
 * WAV (RIFF) and AIFF (IFF): the tags live in an ID3v2 tag inside an {@code id3 } chunk, the only
 * place these containers have for BPM and key (a new one goes at the end of the file, after the
 * audio). The older text stores are kept in step where they already hold a field: RIFF INFO
 * (INAM, IART, IPRD, ICMT) and the AIFF NAME, AUTH and ANNO chunks; nothing is copied from them
 * into the ID3 chunk (jaudiotagger, and so ORBIT's scan, and TagLib read both and merge them).
 * Every other chunk is copied as it is.
 */
final class ChunkTags implements TagFormat {

	private final boolean aiff;

	ChunkTags(boolean aiff) {
		this.aiff = aiff;
	}

	/** A chunk: its id, where it starts, its declared data size, and the bytes it takes with its pad byte. */
	private record Chunk(String id, long offset, long size, long extent) {
		long dataOffset() {
			return offset + 8;
		}
	}

	/** The form type after the container header, the chunks, and where the container ends. */
	private record Layout(byte[] header, List<Chunk> chunks, long end) {
	}

	private long size(byte[] b, int at) {
		return aiff ? Binary.be32(b, at) : Binary.le32(b, at);
	}

	private byte[] size(long value) {
		return aiff ? Binary.be32(value) : Binary.le32(value);
	}

	private Layout layout(FileChannel channel) throws IOException {
		byte[] header = Binary.read(channel, 0, 12);
		String container = Binary.ascii(header, 0, 4);
		if (!container.equals(aiff ? "FORM" : "RIFF")) {
			throw new IOException("not a" + (aiff ? "n AIFF" : " RIFF") + " file (" + container + ")");
		}
		long end = Math.min(channel.size(), 8 + size(header, 4));
		List<Chunk> chunks = new ArrayList<>();
		long at = 12;
		while (at + 8 <= end) {
			byte[] chunk = Binary.read(channel, at, 8);
			long size = size(chunk, 4);
			long extent = Math.min(8 + size + (size & 1), end - at);
			chunks.add(new Chunk(Binary.ascii(chunk, 0, 4), at, size, extent));
			at += extent;
		}
		return new Layout(header, chunks, at);
	}

	private static boolean isId3(Chunk chunk) {
		return chunk.id().equalsIgnoreCase("id3 ");
	}

	private boolean isInfo(FileChannel channel, Chunk chunk) throws IOException {
		return !aiff && chunk.id().equals("LIST") && chunk.size() >= 4
				&& "INFO".equals(Binary.ascii(Binary.read(channel, chunk.dataOffset(), 4), 0, 4));
	}

	/** The field an INFO entry or AIFF text chunk carries. */
	private TagField textField(String id) {
		return switch (id) {
		case "INAM", "NAME" -> TagField.TITLE;
		case "IART", "AUTH" -> TagField.ARTIST;
		case "IPRD" -> aiff ? null : TagField.ALBUM;
		case "ICMT", "ANNO" -> TagField.COMMENT;
		default -> null;
		};
	}

	private static boolean isText(String id) {
		return id.equals("NAME") || id.equals("AUTH") || id.equals("ANNO") || id.equals("(c) ");
	}

	private Id3v2Tag id3(FileChannel channel, Chunk chunk) throws IOException {
		return Id3v2Tag.parse(Binary.read(channel, chunk.dataOffset(), Math.min(chunk.size(), chunk.extent() - 8)));
	}

	@Override
	public List<RawField> read(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			List<RawField> fields = new ArrayList<>();
			for (Chunk chunk : layout(channel).chunks()) {
				if (isId3(chunk)) {
					fields.addAll(id3(channel, chunk).fields("ID3v2"));
				} else if (isInfo(channel, chunk)) {
					for (SubChunk entry : entries(channel, chunk)) {
						fields.add(new RawField("INFO", entry.id(), textField(entry.id()), text(entry.data()), entry.data()));
					}
				} else if (aiff && isText(chunk.id())) {
					byte[] data = Binary.read(channel, chunk.dataOffset(), Math.min(chunk.size(), chunk.extent() - 8));
					fields.add(new RawField("AIFF", chunk.id(), textField(chunk.id()), text(data), data));
				}
			}
			return fields;
		}
	}

	/** The artwork and DJ frames of the first ID3 chunk, where these containers keep them. */
	@Override
	public Attachments attachments(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			for (Chunk chunk : layout(channel).chunks()) {
				if (isId3(chunk)) {
					Id3v2Tag id3 = id3(channel, chunk);
					return new Attachments(id3.pictures(), id3.djFrames(), List.of());
				}
			}
			return Attachments.none();
		}
	}

	@Override
	public Carrier carrier() {
		return Carrier.ID3;
	}

	/** An INFO entry: id and data (without its pad byte). */
	private record SubChunk(String id, byte[] data) {
	}

	private static List<SubChunk> entries(FileChannel channel, Chunk list) throws IOException {
		byte[] data = Binary.read(channel, list.dataOffset(), Math.min(list.size(), list.extent() - 8));
		List<SubChunk> entries = new ArrayList<>();
		int at = 4;
		while (at + 8 <= data.length) {
			long size = Binary.le32(data, at + 4);
			int length = (int) Math.min(size, data.length - at - 8);
			entries.add(new SubChunk(Binary.ascii(data, at, 4), Arrays.copyOfRange(data, at + 8, at + 8 + length)));
			at += 8 + length + (length & 1);
		}
		return entries;
	}

	/** Text as these chunks hold it: UTF-8 where it is valid, else ISO-8859-1; trailing NULs dropped. */
	static String text(byte[] data) {
		int end = data.length;
		while (end > 0 && data[end - 1] == 0) {
			end--;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(data, 0, end)).toString();
		} catch (CharacterCodingException e) {
			return new String(data, 0, end, StandardCharsets.ISO_8859_1);
		}
	}

	/** The new text in the old one's form: NUL-terminated if it was. */
	private static byte[] textLike(byte[] old, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return old.length > 0 && old[old.length - 1] == 0 ? Binary.concat(bytes, new byte[1]) : bytes;
	}

	private byte[] chunk(String id, byte[] data) {
		return Binary.concat(Binary.ascii(id), size(data.length), data, new byte[data.length & 1]);
	}

	@Override
	public Plan plan(Path file, TagEdit edit, Id3Version id3Version) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Layout layout = layout(channel);
			List<Splice.Piece> body = new ArrayList<>();
			boolean id3Written = false;
			for (Chunk chunk : layout.chunks()) {
				if (isId3(chunk) && !id3Written) {
					Id3v2Tag tag = id3(channel, chunk);
					tag.apply(edit);
					// The same size when the tag's padding takes the change: nothing after it moves.
					byte[] bytes = tag.bytes(chunk.size());
					body.add(new Splice.Data(chunk(chunk.id(), bytes)));
					id3Written = true;
				} else if (isInfo(channel, chunk) && touchesText(edit)) {
					ByteArrayOutputStream info = new ByteArrayOutputStream();
					info.writeBytes(Binary.ascii("INFO"));
					for (SubChunk entry : entries(channel, chunk)) {
						TagField field = textField(entry.id());
						if (field == null || !edit.touches(field)) {
							info.writeBytes(Binary.concat(Binary.ascii(entry.id()), Binary.le32(entry.data().length), entry.data(),
									new byte[entry.data().length & 1]));
						} else if (!edit.removes(field)) {
							byte[] data = textLike(entry.data(), edit.text(field));
							info.writeBytes(Binary.concat(Binary.ascii(entry.id()), Binary.le32(data.length), data,
									new byte[data.length & 1]));
						}
					}
					body.add(new Splice.Data(chunk("LIST", info.toByteArray())));
				} else if (aiff && textField(chunk.id()) != null && edit.touches(textField(chunk.id()))) {
					TagField field = textField(chunk.id());
					if (!edit.removes(field)) {
						byte[] old = Binary.read(channel, chunk.dataOffset(), Math.min(chunk.size(), chunk.extent() - 8));
						body.add(new Splice.Data(chunk(chunk.id(), textLike(old, edit.text(field)))));
					}
				} else {
					body.add(new Splice.Copy(chunk.offset(), chunk.extent()));
				}
			}
			if (!id3Written) {
				Id3v2Tag tag = Id3v2Tag.empty(TagFormat.major(id3Version));
				tag.apply(edit);
				body.add(new Splice.Data(chunk(aiff ? "ID3 " : "id3 ", tag.bytes(0))));
			}
			long length = 4;
			for (Splice.Piece piece : body) {
				length += piece.length();
			}
			byte[] header = layout.header().clone();
			byte[] size = size(length);
			System.arraycopy(size, 0, header, 4, 4);
			List<Splice.Piece> pieces = new ArrayList<>();
			pieces.add(new Splice.Data(header));
			pieces.addAll(body);
			pieces.add(new Splice.Copy(layout.end(), channel.size() - layout.end()));
			return new Plan(pieces, List.of(), false);
		}
	}

	private boolean touchesText(TagEdit edit) {
		return edit.touches(TagField.TITLE) || edit.touches(TagField.ARTIST) || edit.touches(TagField.ALBUM)
				|| edit.touches(TagField.COMMENT);
	}
}
