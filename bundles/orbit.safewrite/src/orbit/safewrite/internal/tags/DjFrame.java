package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Data a DJ application keeps in a file's tag, as the application reads it whatever the
 * container: Serato's tags by their ID3 GEOB description ("Serato Markers2"), whose payload is
 * the same bytes in every container but Ogg; Traktor's "TRAKTOR4" tree. Mixxx keeps its own cues
 * in its database, not in the file, and reads Serato's tags: carrying Serato's carries what Mixxx
 * imports.
 *
 * <p>Where Serato puts each one (Holzhaus/serato-tags docs/fileformats.md, and Mixxx's
 * src/track/serato and taglib/trackmetadata_xiph.cpp, which read and write them):
 * <ul>
 * <li>ID3 (MP3, AIFF, WAV): a GEOB frame, MIME application/octet-stream, no file name, the name as
 * description, the payload as its object;</li>
 * <li>FLAC: a Vorbis comment ({@code SERATO_MARKERS_V2}, ...) whose value is base64, without
 * padding, in lines of 72 characters, of "application/octet-stream\0", "\0", the name and a NUL,
 * then the payload;</li>
 * <li>MP4: a {@code ----:com.serato.dj:...} item holding the same base64 (in lines only for the
 * markers);</li>
 * <li>Ogg: comments in a layout of their own, which neither Serato's documentation nor Mixxx
 * describes: not written.</li>
 * </ul>
 * Traktor's tree is an ID3 PRIV frame owned by TRAKTOR4; in FLAC it is armoured in a way nobody
 * has documented, so it is only carried between containers of the same kind, as it was.
 *
 * @param name    the Serato tag's name, or {@link #TRAKTOR}
 * @param origin  the kind of tag it was read from
 * @param payload its bytes as the application reads them (for Traktor: as stored in {@code origin})
 */
public record DjFrame(String name, Carrier origin, byte[] payload) {

	public static final String TRAKTOR = "TRAKTOR4";
	static final String SERATO_PREFIX = "Serato ";
	static final String SERATO_MP4_MEAN = "com.serato.dj";
	private static final byte[] ENVELOPE_MIME = "application/octet-stream\0\0".getBytes(StandardCharsets.US_ASCII);
	private static final int LINE = 72;

	/** Serato's tags: name, FLAC comment, MP4 item name (null where that container has none). */
	private record Serato(String name, String flac, String mp4) {
	}

	private static final List<Serato> SERATO = List.of(new Serato("Serato Analysis", "SERATO_ANALYSIS", "analysisVersion"),
			new Serato("Serato Autotags", "SERATO_AUTOGAIN", "autgain"),
			new Serato("Serato BeatGrid", "SERATO_BEATGRID", "beatgrid"),
			// Markers_ has no FLAC form, and its MP4 form is laid out differently from its ID3 one.
			new Serato("Serato Markers_", null, "markers"),
			new Serato("Serato Markers2", "SERATO_MARKERS_V2", "markersv2"),
			new Serato("Serato Overview", "SERATO_OVERVIEW", "overview"),
			new Serato("Serato RelVolAd", "SERATO_RELVOL", "relvol"),
			new Serato("Serato VidAssoc", "SERATO_VIDEO_ASSOC", "videoassociation"));

	/** Serato's data about one MP3 encoding: it never moves to a new file. */
	static final String SERATO_OFFSETS = "Serato Offsets_";
	private static final String SERATO_MARKERS_V1 = "Serato Markers_";

	private static Serato serato(String name) {
		return SERATO.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
	}

	/** The Serato tag a FLAC comment name carries, or null. */
	static String seratoOfFlac(String comment) {
		return SERATO.stream().filter(s -> comment.equalsIgnoreCase(s.flac())).map(Serato::name).findFirst().orElse(null);
	}

	/** The Serato tag an MP4 {@code ----:com.serato.dj:} item name carries, or null. */
	static String seratoOfMp4(String item) {
		return SERATO.stream().filter(s -> item.equals(s.mp4())).map(Serato::name).findFirst().orElse(null);
	}

	/** The name this frame is stored under in {@code carrier}: GEOB description, comment name, MP4 item name. */
	public String nameIn(Carrier carrier) {
		if (name.equals(TRAKTOR)) {
			return carrier == Carrier.ID3 || carrier == Carrier.FLAC ? TRAKTOR : null;
		}
		Serato serato = serato(name);
		return switch (carrier) {
		case ID3 -> name;
		case FLAC -> serato == null ? null : serato.flac();
		case MP4 -> serato == null ? null : serato.mp4();
		case OGG -> null;
		};
	}

	/** Why {@code carrier} cannot take this frame, or null when it can. */
	public String whyNotIn(Carrier carrier) {
		if (name.equals(SERATO_OFFSETS)) {
			return "it describes the old MP3's own encoding (Serato writes it for MP3 files only) and Serato makes it again";
		}
		if (carrier == Carrier.OGG) {
			return "Serato keeps its data in Ogg files in a layout of its own that no one has documented";
		}
		if (name.equals(TRAKTOR) && carrier != origin) {
			return "Traktor's data has no documented form in " + carrier + " tags; Traktor analyses the new file again";
		}
		if (name.equals(SERATO_MARKERS_V1) && carrier != origin) {
			return carrier == Carrier.FLAC ? "Serato keeps no Markers_ in FLAC files (Markers2 holds the same cues)"
					: "its " + carrier + " form differs from its " + origin + " one (Markers2 holds the same cues)";
		}
		if (nameIn(carrier) == null || serato(name) == null && carrier != origin) {
			return carrier + " tags have no place for it";
		}
		return null;
	}

	/** A note on a frame left behind. */
	public String notCarried(Carrier carrier) {
		return name + " not carried: " + whyNotIn(carrier);
	}

	// ---- the base64 envelope of FLAC and MP4

	/** The comment or item value that carries {@code payload} of Serato tag {@code name}. */
	static String envelope(String name, byte[] payload, boolean lines) {
		byte[] data = Binary.concat(ENVELOPE_MIME, name.getBytes(StandardCharsets.US_ASCII), new byte[1], payload);
		String base64 = Base64.getEncoder().withoutPadding().encodeToString(data);
		if (!lines) {
			return base64;
		}
		StringBuilder out = new StringBuilder(base64.length() + base64.length() / LINE);
		for (int i = 0; i < base64.length(); i += LINE) {
			if (i > 0) {
				out.append('\n');
			}
			out.append(base64, i, Math.min(base64.length(), i + LINE));
		}
		return out.toString();
	}

	/** Whether the MP4 item of {@code name} is written in lines (Serato's markers are, its other items not). */
	static boolean mp4Lines(String name) {
		return name.startsWith("Serato Markers");
	}

	/**
	 * The name and payload in an envelope. Serato leaves out the padding and sometimes ends with one
	 * character too many (a length of 4n+1); both are read as Serato and Mixxx read them.
	 */
	static DjFrame unenvelope(String value, Carrier origin) throws IOException {
		StringBuilder clean = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			if (c != '\n' && c != '\r' && c != ' ' && c != '=' && c != 0) {
				clean.append(c);
			}
		}
		if (clean.length() % 4 == 1) {
			clean.setLength(clean.length() - 1);
		}
		byte[] data;
		try {
			data = Base64.getDecoder().decode(clean.toString());
		} catch (IllegalArgumentException e) {
			throw new IOException("not base64: " + e.getMessage());
		}
		if (data.length < ENVELOPE_MIME.length + 1
				|| !Arrays.equals(Arrays.copyOf(data, ENVELOPE_MIME.length), ENVELOPE_MIME)) {
			throw new IOException("no application/octet-stream envelope");
		}
		int end = ENVELOPE_MIME.length;
		while (end < data.length && data[end] != 0) {
			end++;
		}
		if (end >= data.length) {
			throw new IOException("the envelope's name has no end");
		}
		String name = new String(data, ENVELOPE_MIME.length, end - ENVELOPE_MIME.length, StandardCharsets.US_ASCII);
		return new DjFrame(name, origin, Arrays.copyOfRange(data, end + 1, data.length));
	}

	// ---- ID3 frames

	/** The body of the GEOB frame Serato writes: Latin-1, the MIME type, no file name, the name, the payload. */
	byte[] geobBody() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0);
		out.writeBytes("application/octet-stream\0".getBytes(StandardCharsets.US_ASCII));
		out.write(0);
		out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
		out.write(0);
		out.writeBytes(payload);
		return out.toByteArray();
	}

	/** The body of Traktor's PRIV frame: its owner, then the tree. */
	byte[] privBody() {
		return Binary.concat((TRAKTOR + "\0").getBytes(StandardCharsets.US_ASCII), payload);
	}

	/** Same name, same bytes. */
	public boolean samePayload(DjFrame other) {
		return name.equals(other.name) && Arrays.equals(payload, other.payload);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof DjFrame other && samePayload(other) && origin == other.origin;
	}

	@Override
	public int hashCode() {
		return name.hashCode() * 31 + Arrays.hashCode(payload);
	}

	@Override
	public String toString() {
		return name + " (" + origin + ", " + payload.length + " bytes)";
	}
}
