package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Vorbis comment list (FLAC VORBIS_COMMENT block, Ogg Vorbis and Opus comment headers). Each
 * comment is kept as the bytes it was read as; a write replaces the value of the comments it was
 * asked to change and leaves the others, their names' spelling and their order as they were.
 */
public final class VorbisComments {

	/** The comment that carries a picture in Ogg: base64 of a FLAC PICTURE block. */
	static final String PICTURE = "METADATA_BLOCK_PICTURE";

	/** The names each field is written under, and the ones used only when none of those is there. */
	private record Names(List<String> names, List<String> fallbacks) {
	}

	/**
	 * BPM: MusicBrainz's BPM, and TEMPO (Mixxx 2.0 and older) kept in step where present. Key: no
	 * standard; INITIALKEY is what Traktor, Mixxx and Rapid Evolution read first, KEY is kept in
	 * step where present and never added. Comment: COMMENT, else an existing DESCRIPTION (as Mixxx).
	 */
	private static Names names(TagField field) {
		return switch (field) {
		case TITLE -> new Names(List.of("TITLE"), List.of());
		case ARTIST -> new Names(List.of("ARTIST"), List.of());
		case ALBUM -> new Names(List.of("ALBUM"), List.of());
		case BPM -> new Names(List.of("BPM", "TEMPO"), List.of());
		case KEY -> new Names(List.of("INITIALKEY", "KEY"), List.of());
		case COMMENT -> new Names(List.of("COMMENT"), List.of("DESCRIPTION"));
		case ISRC -> new Names(List.of("ISRC"), List.of());
		};
	}

	private byte[] vendor;
	private final List<byte[]> comments;

	private VorbisComments(byte[] vendor, List<byte[]> comments) {
		this.vendor = vendor;
		this.comments = comments;
	}

	/** An empty list with the given vendor string. */
	public static VorbisComments empty(String vendor) {
		return new VorbisComments(vendor.getBytes(StandardCharsets.UTF_8), new ArrayList<>());
	}

	/** The parsed list and where it ended in {@code b} (the bytes after it belong to the container). */
	public record Parsed(VorbisComments comments, int end) {
	}

	public static Parsed parse(byte[] b, int offset, int end) throws IOException {
		int at = offset;
		long vendorLength = length(b, at, end);
		at += 4;
		byte[] vendor = java.util.Arrays.copyOfRange(b, at, at + (int) vendorLength);
		at += (int) vendorLength;
		long count = length(b, at, end);
		at += 4;
		if (count > (end - at) / 4) {
			throw new IOException("the comment list claims " + count + " comments, more than it can hold");
		}
		List<byte[]> comments = new ArrayList<>((int) count);
		for (long i = 0; i < count; i++) {
			long length = length(b, at, end);
			at += 4;
			comments.add(java.util.Arrays.copyOfRange(b, at, at + (int) length));
			at += (int) length;
		}
		return new Parsed(new VorbisComments(vendor, comments), at);
	}

	/** A little-endian length that must fit in what is left of the list. */
	private static long length(byte[] b, int at, int end) throws IOException {
		if (at + 4 > end) {
			throw new IOException("the comment list ends inside a length field");
		}
		long length = Binary.le32(b, at);
		if (length > end - at - 4) {
			throw new IOException("a comment claims " + length + " bytes, more than the list holds");
		}
		return length;
	}

	public byte[] bytes() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(Binary.le32(vendor.length));
		out.writeBytes(vendor);
		out.writeBytes(Binary.le32(comments.size()));
		for (byte[] comment : comments) {
			out.writeBytes(Binary.le32(comment.length));
			out.writeBytes(comment);
		}
		return out.toByteArray();
	}

	private static String name(byte[] comment) {
		for (int i = 0; i < comment.length; i++) {
			if (comment[i] == '=') {
				return Binary.ascii(comment, 0, i);
			}
		}
		return Binary.ascii(comment, 0, comment.length);
	}

	private static String value(byte[] comment) {
		int eq = name(comment).length();
		return eq >= comment.length ? "" : new String(comment, eq + 1, comment.length - eq - 1, StandardCharsets.UTF_8);
	}

	/** The names (upper case) that carry {@code field} in this list: the present ones, else present fallbacks. */
	private Set<String> carriers(TagField field) {
		Names names = names(field);
		Set<String> present = new LinkedHashSet<>();
		for (byte[] comment : comments) {
			present.add(name(comment).toUpperCase(Locale.ROOT));
		}
		Set<String> carriers = new LinkedHashSet<>();
		for (String name : names.names()) {
			if (present.contains(name)) {
				carriers.add(name);
			}
		}
		if (carriers.isEmpty()) {
			for (String name : names.fallbacks()) {
				if (present.contains(name)) {
					carriers.add(name);
				}
			}
		}
		return carriers;
	}

	/**
	 * Applies {@code edit}: its text fields, its DJ frames (as base64 Serato envelopes, Traktor's
	 * comment as it was) and, in Ogg, where pictures are comments, its artwork.
	 */
	public void apply(TagEdit edit, Carrier carrier) {
		applyText(edit);
		if (carrier == Carrier.OGG && edit.pictures() != null) {
			comments.removeIf(c -> name(c).equalsIgnoreCase(PICTURE));
			for (Picture picture : edit.pictures()) {
				comments.add(comment(PICTURE, Base64.getEncoder().encode(picture.flacBytes())));
			}
		}
		for (DjFrame frame : edit.djFrames()) {
			String name = frame.nameIn(carrier);
			if (name == null) {
				continue;
			}
			// Traktor's comment goes back as it was read; Serato's payload in its envelope.
			byte[] value = frame.name().equals(DjFrame.TRAKTOR) ? frame.payload()
					: DjFrame.envelope(frame.name(), frame.payload(), true).getBytes(StandardCharsets.US_ASCII);
			int at = -1;
			for (int i = 0; i < comments.size(); i++) {
				if (name(comments.get(i)).equalsIgnoreCase(name)) {
					if (at < 0) {
						at = i;
					} else {
						comments.remove(i--);
					}
				}
			}
			if (at >= 0) {
				comments.set(at, comment(name(comments.get(at)), value));
			} else {
				comments.add(comment(name, value));
			}
		}
	}

	private static byte[] comment(String name, byte[] value) {
		return Binary.concat(Binary.ascii(name + "="), value);
	}

	/** The pictures in METADATA_BLOCK_PICTURE comments (Ogg's artwork), in order. */
	public List<Picture> pictures(List<String> problems) {
		List<Picture> pictures = new ArrayList<>();
		for (byte[] comment : comments) {
			if (name(comment).equalsIgnoreCase(PICTURE)) {
				try {
					pictures.add(Picture.fromFlac(Base64.getMimeDecoder().decode(value(comment))));
				} catch (IOException | IllegalArgumentException e) {
					problems.add("a " + PICTURE + " comment could not be read (" + e.getMessage() + "): not carried");
				}
			}
		}
		return pictures;
	}

	/** Serato's FLAC comments, decoded, and Traktor's comment as it is; what cannot be read goes to {@code problems}. */
	public List<DjFrame> djFrames(Carrier carrier, List<String> problems) {
		List<DjFrame> found = new ArrayList<>();
		for (byte[] comment : comments) {
			String name = name(comment);
			if (carrier == Carrier.FLAC && DjFrame.seratoOfFlac(name) != null) {
				try {
					found.add(DjFrame.unenvelope(value(comment), carrier));
				} catch (IOException e) {
					problems.add(name + " could not be read (" + e.getMessage() + "): not carried");
				}
			} else if (carrier == Carrier.FLAC && name.equalsIgnoreCase(DjFrame.TRAKTOR)) {
				int eq = name.length() + 1;
				found.add(new DjFrame(DjFrame.TRAKTOR, carrier, java.util.Arrays.copyOfRange(comment, Math.min(eq, comment.length),
						comment.length)));
			} else if (name.toUpperCase(Locale.ROOT).startsWith("SERATO_")) {
				problems.add(name + " not carried: " + (carrier == Carrier.OGG
						? "Serato's Ogg comments have a layout of their own that no one has documented"
						: "not a Serato comment ORBIT knows"));
			}
		}
		return found;
	}

	private void applyText(TagEdit edit) {
		for (TagField field : edit.fields()) {
			Set<String> carriers = carriers(field);
			if (edit.removes(field)) {
				comments.removeIf(c -> carriers.contains(name(c).toUpperCase(Locale.ROOT)));
				continue;
			}
			byte[] value = edit.text(field).getBytes(StandardCharsets.UTF_8);
			if (carriers.isEmpty()) {
				comments.add(Binary.concat(Binary.ascii(names(field).names().get(0) + "="), value));
				continue;
			}
			Set<String> replaced = new LinkedHashSet<>();
			for (int i = 0; i < comments.size(); i++) {
				String name = name(comments.get(i));
				String upper = name.toUpperCase(Locale.ROOT);
				if (!carriers.contains(upper)) {
					continue;
				}
				if (replaced.add(upper)) {
					// The name keeps its spelling ("bpm=" stays lower case); only the value changes.
					comments.set(i, Binary.concat(Binary.ascii(name + "="), value));
				} else {
					comments.remove(i--);
				}
			}
		}
	}

	/** The vendor string and every comment, as {@link RawField}s. */
	public List<RawField> fields(String location) {
		List<RawField> fields = new ArrayList<>();
		fields.add(new RawField(location, "vendor", null, new String(vendor, StandardCharsets.UTF_8), vendor));
		java.util.Map<String, TagField> carried = new java.util.HashMap<>();
		for (TagField field : TagField.values()) {
			for (String name : carriers(field)) {
				carried.put(name, field);
			}
		}
		for (byte[] comment : comments) {
			String name = name(comment);
			fields.add(new RawField(location, name, carried.get(name.toUpperCase(Locale.ROOT)), value(comment), comment));
		}
		return fields;
	}
}
