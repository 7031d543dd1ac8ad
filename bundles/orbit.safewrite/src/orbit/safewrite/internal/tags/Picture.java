package orbit.safewrite.internal.tags;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A picture in a tag (artwork), with what FLAC's METADATA_BLOCK_PICTURE holds: the ID3 picture
 * type (3 is the front cover), the MIME type, the description, width, height, colour depth, number
 * of palette colours (0 where unknown) and the image bytes. The same structure is an ID3 APIC frame
 * (without the dimensions), a FLAC PICTURE block, a base64 Vorbis comment in Ogg, and an MP4
 * {@code covr} data box (the image and its format only).
 */
public record Picture(int type, String mime, String description, int width, int height, int depth, int colors,
		byte[] data) {

	public static final int FRONT_COVER = 3;

	/** The picture as {@code carrier} keeps it: what it has no place for reads back as unknown. */
	public Picture heldBy(Carrier carrier) {
		return switch (carrier) {
		case ID3 -> new Picture(type, mime, description, 0, 0, 0, 0, data);
		case MP4 -> new Picture(FRONT_COVER, mime.toLowerCase(Locale.ROOT), "", 0, 0, 0, 0, data);
		case FLAC, OGG -> this;
		};
	}

	/** What {@code carrier} loses of this picture, for the write's notes; null when it keeps all of it. */
	public String lostIn(Carrier carrier) {
		if (carrier == Carrier.MP4 && mp4Type(mime) < 0) {
			return "artwork of type " + mime + " (MP4 holds JPEG, PNG and BMP only): not carried";
		}
		if (carrier == Carrier.MP4 && (type != FRONT_COVER || !description.isEmpty())) {
			return "MP4 keeps no picture type or description: the artwork '" + description + "' (type " + type
					+ ") was carried as a plain cover";
		}
		return null;
	}

	/**
	 * The picture with its width, height and colour depth read from a PNG or JPEG image when it
	 * came without them (an ID3 APIC frame has no place for them), as metaflac fills them in.
	 */
	public Picture measured() {
		if (width != 0 || height != 0) {
			return this;
		}
		int[] size = pngSize(data);
		if (size == null) {
			size = jpegSize(data);
		}
		return size == null ? this : new Picture(type, mime, description, size[0], size[1], size[2], colors, data);
	}

	/** PNG: IHDR's width, height and bit depth times the samples of its colour type. */
	private static int[] pngSize(byte[] b) {
		if (b.length < 26 || (b[0] & 0xFF) != 0x89 || b[1] != 'P' || b[2] != 'N' || b[3] != 'G'
				|| !"IHDR".equals(Binary.ascii(b, 12, 4))) {
			return null;
		}
		int samples = switch (b[25]) {
		case 0, 3 -> 1;
		case 2 -> 3;
		case 4 -> 2;
		case 6 -> 4;
		default -> 0;
		};
		// An indexed image's depth is that of its palette entries.
		int depth = b[25] == 3 ? 24 : (b[24] & 0xFF) * samples;
		return new int[] { (int) Binary.be32(b, 16), (int) Binary.be32(b, 20), depth };
	}

	/** JPEG: the first start-of-frame segment's height, width and precision times components. */
	private static int[] jpegSize(byte[] b) {
		if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
			return null;
		}
		int at = 2;
		while (at + 9 < b.length) {
			if ((b[at] & 0xFF) != 0xFF) {
				return null;
			}
			int marker = b[at + 1] & 0xFF;
			if (marker == 0xFF) {
				at++;
				continue;
			}
			int length = Binary.be16(b, at + 2);
			boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
			if (startOfFrame) {
				return new int[] { Binary.be16(b, at + 7), Binary.be16(b, at + 5), (b[at + 4] & 0xFF) * (b[at + 9] & 0xFF) };
			}
			at += 2 + length;
		}
		return null;
	}

	// ---- FLAC METADATA_BLOCK_PICTURE (and its base64 form in Vorbis comments)

	public static Picture fromFlac(byte[] b) throws IOException {
		try {
			int at = 0;
			int type = (int) Binary.be32(b, at);
			int mimeLength = (int) Binary.be32(b, at + 4);
			at += 8;
			String mime = new String(b, at, mimeLength, StandardCharsets.US_ASCII);
			at += mimeLength;
			int descriptionLength = (int) Binary.be32(b, at);
			at += 4;
			String description = new String(b, at, descriptionLength, StandardCharsets.UTF_8);
			at += descriptionLength;
			int width = (int) Binary.be32(b, at);
			int height = (int) Binary.be32(b, at + 4);
			int depth = (int) Binary.be32(b, at + 8);
			int colors = (int) Binary.be32(b, at + 12);
			int length = (int) Binary.be32(b, at + 16);
			at += 20;
			if (length < 0 || at + length > b.length) {
				throw new IOException("a picture claims more bytes than its block holds");
			}
			return new Picture(type, mime, description, width, height, depth, colors, Arrays.copyOfRange(b, at, at + length));
		} catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
			throw new IOException("a picture block ends early", e);
		}
	}

	public byte[] flacBytes() {
		byte[] mimeBytes = mime.getBytes(StandardCharsets.US_ASCII);
		byte[] descriptionBytes = description.getBytes(StandardCharsets.UTF_8);
		return Binary.concat(Binary.be32(type), Binary.be32(mimeBytes.length), mimeBytes, Binary.be32(descriptionBytes.length),
				descriptionBytes, Binary.be32(width), Binary.be32(height), Binary.be32(depth), Binary.be32(colors),
				Binary.be32(data.length), data);
	}

	// ---- MP4 covr

	/** The covr data type of a MIME type (13 JPEG, 14 PNG, 27 BMP), or -1 when MP4 has none for it. */
	public static int mp4Type(String mime) {
		return switch (mime.toLowerCase(Locale.ROOT)) {
		case "image/jpeg", "image/jpg" -> 13;
		case "image/png" -> 14;
		case "image/bmp" -> 27;
		default -> -1;
		};
	}

	/** A covr data box's picture; a type other than JPEG, PNG or BMP is taken by its first bytes. */
	public static Picture fromMp4(int dataType, byte[] data) {
		String mime = switch (dataType) {
		case 13 -> "image/jpeg";
		case 14 -> "image/png";
		case 27 -> "image/bmp";
		default -> sniff(data);
		};
		return new Picture(FRONT_COVER, mime, "", 0, 0, 0, 0, data);
	}

	static String sniff(byte[] data) {
		if (data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8) {
			return "image/jpeg";
		}
		if (data.length > 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
			return "image/png";
		}
		if (data.length > 2 && data[0] == 'B' && data[1] == 'M') {
			return "image/bmp";
		}
		return "application/octet-stream";
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Picture p && type == p.type && mime.equals(p.mime) && description.equals(p.description)
				&& width == p.width && height == p.height && depth == p.depth && colors == p.colors
				&& Arrays.equals(data, p.data);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(data) * 31 + type;
	}

	@Override
	public String toString() {
		return "picture type " + type + " " + mime + " '" + description + "' " + width + "x" + height + "x" + depth + " ("
				+ data.length + " bytes)";
	}
}
