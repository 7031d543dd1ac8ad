package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An ID3v2.2, 2.3 or 2.4 tag as a list of frames kept as the bytes they were read as. A write
 * replaces the frames it was asked to change (keeping their text encoding where the new text fits
 * it, and their status flags) and appends new ones; every other frame is written back untouched,
 * header and body. The extended header is dropped (its CRC would no longer match), and a v2.2/2.3
 * tag that was unsynchronised as a whole is written without unsynchronisation.
 */
public final class Id3v2Tag {

	/** Frames that exist in only one of ID3v2.3 and 2.4; the others mean the same in both. */
	static final Set<String> VERSION_SPECIFIC = Set.of("TYER", "TDAT", "TIME", "TORY", "TRDA", "TSIZ", "IPLS", "EQUA",
			"RVAD", "TDRC", "TDOR", "TDRL", "TDTG", "TDEN", "TIPL", "TMCL", "TMOO", "TPRO", "TSOA", "TSOP", "TSOT", "TSST",
			"EQU2", "RVA2", "ASPI", "SEEK", "SIGN");

	/** Room left for later edits when a tag has to grow (and the audio to move). */
	static final int PADDING = 2048;

	/** One frame: its id and its bytes as stored (header and body). */
	record Frame(String id, byte[] raw) {
	}

	private final int major;
	private final int revision;
	private final int flags;
	private final List<Frame> frames;

	private Id3v2Tag(int major, int revision, int flags, List<Frame> frames) {
		this.major = major;
		this.revision = revision;
		this.flags = flags;
		this.frames = frames;
	}

	/** A new, empty tag of version 2.{@code major}. */
	public static Id3v2Tag empty(int major) {
		return new Id3v2Tag(major, 0, 0, new ArrayList<>());
	}

	public int major() {
		return major;
	}

	/** The size of the tag that starts {@code b} (header, frames, padding and footer), or -1 when there is none. */
	public static long size(byte[] header10) {
		if (header10.length < 10 || header10[0] != 'I' || header10[1] != 'D' || header10[2] != '3') {
			return -1;
		}
		boolean footer = header10[3] == 4 && (header10[5] & 0x10) != 0;
		return 10L + Binary.syncsafe(header10, 6) + (footer ? 10 : 0);
	}

	/** Parses the tag that starts {@code b}. */
	public static Id3v2Tag parse(byte[] b) throws IOException {
		if (size(b) < 0) {
			throw new IOException("no ID3v2 tag");
		}
		int major = b[3];
		int revision = b[4] & 0xFF;
		int flags = b[5] & 0xFF;
		if (major < 2 || major > 4) {
			throw new IOException("ID3v2." + major + " is not a version ORBIT can edit");
		}
		int size = Binary.syncsafe(b, 6);
		if (10 + size > b.length) {
			throw new IOException("the ID3v2 tag runs past the end of the file");
		}
		byte[] data = Arrays.copyOfRange(b, 10, 10 + size);
		if (major < 4 && (flags & 0x80) != 0) {
			data = resync(data);
		}
		if (major == 2 && (flags & 0x40) != 0) {
			throw new IOException("the ID3v2.2 tag is compressed, which no program writes; ORBIT leaves it alone");
		}
		int at = 0;
		if (major == 3 && (flags & 0x40) != 0) {
			at = 4 + (int) Binary.be32(data, 0);
		} else if (major == 4 && (flags & 0x40) != 0) {
			at = Binary.syncsafe(data, 0);
		}
		int headerLength = major == 2 ? 6 : 10;
		int idLength = major == 2 ? 3 : 4;
		List<Frame> frames = new ArrayList<>();
		while (at + headerLength <= data.length && data[at] != 0) {
			String id = Binary.ascii(data, at, idLength);
			if (!validId(id)) {
				// Not a frame: what follows is padding some writer did not zero.
				break;
			}
			long length = switch (major) {
			case 2 -> Binary.be24(data, at + 3);
			case 3 -> Binary.be32(data, at + 4);
			default -> v4FrameSize(data, at);
			};
			if (at + headerLength + length > data.length) {
				throw new IOException("the ID3v2 frame " + id + " runs past the end of its tag");
			}
			frames.add(new Frame(id, Arrays.copyOfRange(data, at, at + headerLength + (int) length)));
			at += headerLength + (int) length;
		}
		return new Id3v2Tag(major, revision, flags, frames);
	}

	private static boolean validId(String id) {
		for (char c : id.toCharArray()) {
			if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * ID3v2.4 frame sizes are syncsafe, but iTunes and others wrote plain 32-bit sizes into v2.4
	 * tags: take the plain size when the syncsafe one lands on no frame and the plain one does.
	 */
	private static long v4FrameSize(byte[] data, int at) {
		long plain = Binary.be32(data, at + 4);
		for (int i = 4; i < 8; i++) {
			if ((data[at + i] & 0x80) != 0) {
				return plain;
			}
		}
		long syncsafe = Binary.syncsafe(data, at + 4);
		if (plain == syncsafe || landsOnFrame(data, at + 10 + syncsafe) || !landsOnFrame(data, at + 10 + plain)) {
			return syncsafe;
		}
		return plain;
	}

	private static boolean landsOnFrame(byte[] data, long at) {
		if (at == data.length) {
			return true;
		}
		if (at > data.length || at < 0) {
			return false;
		}
		if (data[(int) at] == 0) {
			return true;
		}
		return at + 4 <= data.length && validId(Binary.ascii(data, (int) at, 4));
	}

	/** Undoes unsynchronisation: every 0xFF 0x00 becomes 0xFF. */
	static byte[] resync(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
		for (int i = 0; i < data.length; i++) {
			out.write(data[i]);
			if ((data[i] & 0xFF) == 0xFF && i + 1 < data.length && data[i + 1] == 0) {
				i++;
			}
		}
		return out.toByteArray();
	}

	/**
	 * The tag as bytes. When {@code room} is at least the size needed, the tag takes exactly
	 * {@code room} bytes (the rest is padding) so that nothing after it moves; otherwise it gets
	 * {@link #PADDING} bytes of padding (none when it has a footer, which forbids padding).
	 */
	public byte[] bytes(long room) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Frame frame : frames) {
			body.writeBytes(frame.raw());
		}
		boolean footer = major == 4 && (flags & 0x10) != 0;
		int needed = 10 + body.size() + (footer ? 10 : 0);
		// A footer forbids padding: such a tag is exactly its frames.
		int padding = footer ? 0 : room >= needed && room < 1 << 28 ? (int) (room - needed) : PADDING;
		byte[] tag = new byte[needed + padding];
		tag[0] = 'I';
		tag[1] = 'D';
		tag[2] = '3';
		tag[3] = (byte) major;
		tag[4] = (byte) revision;
		// Unsynchronisation and the extended header are not written (see the class comment).
		tag[5] = (byte) (flags & ~0xC0);
		Binary.putSyncsafe(tag, 6, body.size() + padding);
		System.arraycopy(body.toByteArray(), 0, tag, 10, body.size());
		if (footer) {
			tag[needed - 10] = '3';
			tag[needed - 9] = 'D';
			tag[needed - 8] = 'I';
			System.arraycopy(tag, 3, tag, needed - 7, 7);
		}
		return tag;
	}

	// ---- fields

	private String frameId(TagField field) {
		if (major == 2) {
			return switch (field) {
			case TITLE -> "TT2";
			case ARTIST -> "TP1";
			case ALBUM -> "TAL";
			case BPM -> "TBP";
			case KEY -> "TKE";
			case COMMENT -> "COM";
			case ISRC -> "TRC";
			};
		}
		return switch (field) {
		case TITLE -> "TIT2";
		case ARTIST -> "TPE1";
		case ALBUM -> "TALB";
		case BPM -> "TBPM";
		case KEY -> "TKEY";
		case COMMENT -> "COMM";
		case ISRC -> "TSRC";
		};
	}

	/** The field a frame carries: the text frames by id; the comment is the COMM frame without a description. */
	private TagField fieldOf(Frame frame) {
		for (TagField field : TagField.values()) {
			if (frameId(field).equals(frame.id())) {
				if (field == TagField.COMMENT) {
					Comment comment = comment(frame);
					return comment != null && comment.description().isEmpty() ? field : null;
				}
				return field;
			}
		}
		return null;
	}

	public void apply(TagEdit edit) {
		for (TagField field : edit.fields()) {
			int first = -1;
			for (int i = 0; i < frames.size(); i++) {
				if (fieldOf(frames.get(i)) == field) {
					if (first < 0 && !edit.removes(field)) {
						first = i;
					} else {
						frames.remove(i--);
					}
				}
			}
			if (edit.removes(field)) {
				continue;
			}
			String text = edit.text(field);
			if (first >= 0) {
				frames.set(first, newFrame(field, text, frames.get(first)));
			} else {
				frames.add(newFrame(field, text, null));
			}
		}
		applyAttachments(edit);
	}

	/** The frame that carries {@code text}, reusing what it can of the frame it replaces. */
	private Frame newFrame(TagField field, String text, Frame old) {
		String id = frameId(field);
		Body oldBody = old == null ? null : body(old);
		int encoding = encodingFor(text, oldBody == null || oldBody.data().length == 0 ? -1 : oldBody.data()[0]);
		boolean bigEndianBom = oldBody != null && oldBody.data().length >= 3 && (oldBody.data()[0] == 1)
				&& (oldBody.data()[1] & 0xFF) == 0xFE && (oldBody.data()[2] & 0xFF) == 0xFF;
		byte[] body;
		if (field == TagField.COMMENT) {
			Comment comment = old == null ? null : comment(old);
			byte[] language = comment != null ? comment.language() : Binary.ascii("eng");
			// The description is empty; its terminator is written in the frame's encoding.
			byte[] description = comment != null && comment.encoding() == encoding ? comment.descriptionBytes()
					: encode("", encoding, bigEndianBom, true);
			body = Binary.concat(new byte[] { (byte) encoding }, language, description,
					encode(text, encoding, bigEndianBom, false));
		} else {
			// A writer that ended its text with a terminator (mutagen does in v2.4) gets one again.
			boolean terminated = oldBody != null && oldBody.data().length > 1 && oldBody.data()[0] == encoding
					&& endsWithTerminator(oldBody.data(), encoding);
			body = Binary.concat(new byte[] { (byte) encoding }, encode(text, encoding, bigEndianBom, terminated));
		}
		return new Frame(id, frame(id, body, old));
	}

	/** A frame header for {@code body}, keeping the old frame's status flags (never its format flags). */
	private byte[] frame(String id, byte[] body, Frame old) {
		if (major == 2) {
			byte[] header = new byte[6];
			System.arraycopy(Binary.ascii(id), 0, header, 0, 3);
			Binary.putBe24(header, 3, body.length);
			return Binary.concat(header, body);
		}
		byte[] header = new byte[10];
		System.arraycopy(Binary.ascii(id), 0, header, 0, 4);
		if (major == 3) {
			Binary.putBe32(header, 4, body.length);
		} else {
			Binary.putSyncsafe(header, 4, body.length);
		}
		header[8] = old == null ? 0 : old.raw()[8];
		header[9] = 0;
		return Binary.concat(header, body);
	}

	/**
	 * The old frame's encoding when it can hold the text; else ISO-8859-1 when it can (numbers,
	 * most keys), else UTF-16 (v2.2/2.3) or UTF-8 (v2.4).
	 */
	private int encodingFor(String text, int old) {
		boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(text);
		if (old == 1 || (old == 0 && latin1) || (major == 4 && (old == 2 || old == 3))) {
			return old;
		}
		return latin1 ? 0 : major == 4 ? 3 : 1;
	}

	private static boolean endsWithTerminator(byte[] data, int encoding) {
		int n = data.length;
		if (encoding == 1 || encoding == 2) {
			return n >= 3 && (n - 1) % 2 == 0 && data[n - 1] == 0 && data[n - 2] == 0;
		}
		return data[n - 1] == 0;
	}

	private static byte[] encode(String text, int encoding, boolean bigEndianBom, boolean terminate) {
		byte[] bytes = switch (encoding) {
		case 0 -> text.getBytes(StandardCharsets.ISO_8859_1);
		case 1 -> Binary.concat(bigEndianBom ? new byte[] { (byte) 0xFE, (byte) 0xFF } : new byte[] { (byte) 0xFF, (byte) 0xFE },
				text.getBytes(bigEndianBom ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE));
		case 2 -> text.getBytes(StandardCharsets.UTF_16BE);
		default -> text.getBytes(StandardCharsets.UTF_8);
		};
		if (!terminate) {
			return bytes;
		}
		return Binary.concat(bytes, encoding == 1 || encoding == 2 ? new byte[2] : new byte[1]);
	}

	// ---- reading frames

	/** A frame's body with the format flags undone (grouping, compression, unsynchronisation, length). */
	private record Body(byte[] data) {
	}

	private Body body(Frame frame) {
		byte[] raw = frame.raw();
		int headerLength = major == 2 ? 6 : 10;
		byte[] data = Arrays.copyOfRange(raw, headerLength, raw.length);
		if (major == 2) {
			return new Body(data);
		}
		int format = raw[9] & 0xFF;
		int skip = 0;
		boolean compressed;
		boolean encrypted;
		if (major == 3) {
			compressed = (format & 0x80) != 0;
			encrypted = (format & 0x40) != 0;
			skip += compressed ? 4 : 0;
			skip += encrypted ? 1 : 0;
			skip += (format & 0x20) != 0 ? 1 : 0;
		} else {
			compressed = (format & 0x08) != 0;
			encrypted = (format & 0x04) != 0;
			skip += (format & 0x40) != 0 ? 1 : 0;
			skip += encrypted ? 1 : 0;
			skip += (format & 0x01) != 0 ? 4 : 0;
			if ((format & 0x02) != 0) {
				data = resync(data);
			}
		}
		if (encrypted || skip > data.length) {
			return null;
		}
		data = Arrays.copyOfRange(data, skip, data.length);
		if (compressed) {
			Inflater inflater = new Inflater();
			try {
				inflater.setInput(data);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				byte[] buffer = new byte[4096];
				while (!inflater.finished()) {
					int n = inflater.inflate(buffer);
					if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
						return null;
					}
					out.write(buffer, 0, n);
				}
				data = out.toByteArray();
			} catch (DataFormatException e) {
				return null;
			} finally {
				inflater.end();
			}
		}
		return new Body(data);
	}

	private static Charset charset(int encoding, byte[] data, int at) {
		return switch (encoding) {
		case 0 -> StandardCharsets.ISO_8859_1;
		case 1 -> at + 1 < data.length && (data[at] & 0xFF) == 0xFE && (data[at + 1] & 0xFF) == 0xFF
				? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE;
		case 2 -> StandardCharsets.UTF_16BE;
		default -> StandardCharsets.UTF_8;
		};
	}

	/** Where the string at {@code at} ends (its terminator, or the end). */
	private static int terminator(byte[] data, int at, int encoding) {
		if (encoding == 1 || encoding == 2) {
			for (int i = at; i + 1 < data.length; i += 2) {
				if (data[i] == 0 && data[i + 1] == 0) {
					return i;
				}
			}
			return data.length;
		}
		for (int i = at; i < data.length; i++) {
			if (data[i] == 0) {
				return i;
			}
		}
		return data.length;
	}

	private static String decode(byte[] data, int from, int to, int encoding) {
		if (to <= from) {
			return "";
		}
		int start = from;
		Charset charset = charset(encoding, data, from);
		if (encoding == 1 && to - from >= 2 && (data[from] & 0xFF) == 0xFF && (data[from + 1] & 0xFF) == 0xFE) {
			start += 2;
		} else if (encoding == 1 && to - from >= 2 && (data[from] & 0xFF) == 0xFE && (data[from + 1] & 0xFF) == 0xFF) {
			start += 2;
			charset = StandardCharsets.UTF_16BE;
		}
		return new String(data, start, to - start, charset);
	}

	/** A text frame's value: its strings joined by '/' (v2.4 separates them with NULs), terminators dropped. */
	private String text(Frame frame) {
		Body body = body(frame);
		if (body == null || body.data().length == 0) {
			return null;
		}
		byte[] data = body.data();
		int encoding = data[0];
		List<String> parts = new ArrayList<>();
		int at = 1;
		while (at < data.length) {
			int end = terminator(data, at, encoding);
			parts.add(decode(data, at, end, encoding));
			at = end + (encoding == 1 || encoding == 2 ? 2 : 1);
		}
		while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
			parts.remove(parts.size() - 1);
		}
		return String.join("/", parts);
	}

	private record Comment(int encoding, byte[] language, String description, byte[] descriptionBytes, String text) {
	}

	private Comment comment(Frame frame) {
		Body body = body(frame);
		if (body == null || body.data().length < 4) {
			return null;
		}
		byte[] data = body.data();
		int encoding = data[0];
		int end = terminator(data, 4, encoding);
		int textStart = Math.min(data.length, end + (encoding == 1 || encoding == 2 ? 2 : 1));
		String description = decode(data, 4, end, encoding);
		String text = decode(data, textStart, terminator(data, textStart, encoding), encoding);
		return new Comment(encoding, Arrays.copyOfRange(data, 1, 4), description, Arrays.copyOfRange(data, 4, textStart),
				text);
	}

	/**
	 * Every frame as a {@link RawField}, with the text of text and comment frames. GEOB and PRIV
	 * frames are named by their description and owner too ("GEOB:Serato Markers2", "PRIV:TRAKTOR4"),
	 * as mutagen names them: a file has several, each its own field.
	 */
	public List<RawField> fields(String location) {
		List<RawField> fields = new ArrayList<>();
		for (Frame frame : frames) {
			TagField field = fieldOf(frame);
			String text = null;
			String name = frame.id();
			if (frame.id().startsWith("T") && !frame.id().startsWith("TXX")) {
				text = text(frame);
			} else if (frame.id().equals("COMM") || frame.id().equals("COM")) {
				Comment comment = comment(frame);
				text = comment == null ? null : comment.text();
			} else if (isObject(frame)) {
				EncapsulatedObject object = object(frame);
				name += ":" + (object == null ? "" : object.description());
			} else if (frame.id().equals("PRIV")) {
				Private priv = privateFrame(frame);
				name += ":" + (priv == null ? "" : priv.owner());
			}
			fields.add(new RawField(location, name, field, text, frame.raw()));
		}
		return fields;
	}

	// ---- artwork and the DJ applications' frames

	private static boolean isObject(Frame frame) {
		return frame.id().equals("GEOB") || frame.id().equals("GEO");
	}

	private static boolean isPicture(Frame frame) {
		return frame.id().equals("APIC") || frame.id().equals("PIC");
	}

	private record EncapsulatedObject(String mime, String fileName, String description, byte[] data) {
	}

	/** A GEOB frame: encoding, MIME type (Latin-1), file name, description, then the object. */
	private EncapsulatedObject object(Frame frame) {
		Body body = body(frame);
		if (body == null || body.data().length < 1) {
			return null;
		}
		byte[] data = body.data();
		int encoding = data[0];
		int width = encoding == 1 || encoding == 2 ? 2 : 1;
		int mimeEnd = terminator(data, 1, 0);
		if (mimeEnd >= data.length) {
			return null;
		}
		int nameStart = mimeEnd + 1;
		int nameEnd = terminator(data, nameStart, encoding);
		int descriptionStart = nameEnd + width;
		if (descriptionStart > data.length) {
			return null;
		}
		int descriptionEnd = terminator(data, descriptionStart, encoding);
		int dataStart = Math.min(data.length, descriptionEnd + width);
		return new EncapsulatedObject(decode(data, 1, mimeEnd, 0), decode(data, nameStart, nameEnd, encoding),
				decode(data, descriptionStart, descriptionEnd, encoding), Arrays.copyOfRange(data, dataStart, data.length));
	}

	private record Private(String owner, byte[] data) {
	}

	private Private privateFrame(Frame frame) {
		Body body = body(frame);
		if (body == null) {
			return null;
		}
		byte[] data = body.data();
		int end = terminator(data, 0, 0);
		return new Private(decode(data, 0, end, 0), Arrays.copyOfRange(data, Math.min(data.length, end + 1), data.length));
	}

	/** An APIC frame (or a v2.2 PIC frame, whose image format is three letters) as a picture. */
	private Picture picture(Frame frame) {
		Body body = body(frame);
		if (body == null || body.data().length < 2) {
			return null;
		}
		byte[] data = body.data();
		int encoding = data[0];
		int width = encoding == 1 || encoding == 2 ? 2 : 1;
		String mime;
		int at;
		if (frame.id().equals("PIC")) {
			if (data.length < 5) {
				return null;
			}
			String format = Binary.ascii(data, 1, 3).toUpperCase(java.util.Locale.ROOT);
			mime = format.equals("PNG") ? "image/png" : format.equals("JPG") ? "image/jpeg" : "image/" + format.toLowerCase(java.util.Locale.ROOT);
			at = 4;
		} else {
			int mimeEnd = terminator(data, 1, 0);
			mime = decode(data, 1, mimeEnd, 0);
			at = mimeEnd + 1;
		}
		if (at >= data.length) {
			return null;
		}
		int type = data[at] & 0xFF;
		int descriptionEnd = terminator(data, at + 1, encoding);
		String description = decode(data, at + 1, descriptionEnd, encoding);
		int dataStart = Math.min(data.length, descriptionEnd + width);
		return new Picture(type, mime, description, 0, 0, 0, 0, Arrays.copyOfRange(data, dataStart, data.length));
	}

	/** The tag's artwork, in frame order. */
	public List<Picture> pictures() {
		List<Picture> pictures = new ArrayList<>();
		for (Frame frame : frames) {
			Picture picture = isPicture(frame) ? picture(frame) : null;
			if (picture != null) {
				pictures.add(picture);
			}
		}
		return pictures;
	}

	/** The DJ frame a frame is: a GEOB frame of Serato's, or Traktor's PRIV frame; null for any other. */
	private DjFrame djFrame(Frame frame) {
		if (isObject(frame)) {
			EncapsulatedObject object = object(frame);
			return object != null && object.description().startsWith(DjFrame.SERATO_PREFIX)
					? new DjFrame(object.description(), Carrier.ID3, object.data())
					: null;
		}
		if (frame.id().equals("PRIV")) {
			Private priv = privateFrame(frame);
			return priv != null && priv.owner().equals(DjFrame.TRAKTOR) ? new DjFrame(DjFrame.TRAKTOR, Carrier.ID3, priv.data())
					: null;
		}
		return null;
	}

	/** Serato's GEOB frames and Traktor's PRIV frame, in frame order. */
	public List<DjFrame> djFrames() {
		List<DjFrame> found = new ArrayList<>();
		for (Frame frame : frames) {
			DjFrame dj = djFrame(frame);
			if (dj != null) {
				found.add(dj);
			}
		}
		return found;
	}

	private byte[] pictureBody(Picture picture) {
		int encoding = encodingFor(picture.description(), -1);
		byte[] format = major == 2
				? Binary.ascii(picture.mime().equalsIgnoreCase("image/png") ? "PNG" : "JPG")
				: Binary.concat(Binary.ascii(picture.mime()), new byte[1]);
		return Binary.concat(new byte[] { (byte) encoding }, format, new byte[] { (byte) picture.type() },
				encode(picture.description(), encoding, false, true), picture.data());
	}

	/** The artwork and DJ frames of {@code edit}: pictures replace all the tag's, a DJ frame the one of its name. */
	private void applyAttachments(TagEdit edit) {
		if (edit.pictures() != null) {
			frames.removeIf(Id3v2Tag::isPicture);
			String id = major == 2 ? "PIC" : "APIC";
			for (Picture picture : edit.pictures()) {
				frames.add(new Frame(id, frame(id, pictureBody(picture), null)));
			}
		}
		for (DjFrame dj : edit.djFrames()) {
			boolean traktor = dj.name().equals(DjFrame.TRAKTOR);
			frames.removeIf(frame -> djFrame(frame) != null && djFrame(frame).name().equals(dj.name()));
			String id = traktor ? "PRIV" : major == 2 ? "GEO" : "GEOB";
			frames.add(new Frame(id, frame(id, traktor ? dj.privBody() : dj.geobBody(), null)));
		}
	}
}
