package orbit.safewrite.internal.tags;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One field of a tag as the file stores it: an ID3 frame, a Vorbis comment, an MP4 ilst item, a
 * RIFF INFO entry. A write is checked by comparing these before and after: every field it was not
 * asked to change must come back byte for byte.
 *
 * @param location where the field lives ("ID3v2", "vorbis", "ilst", "INFO", ...)
 * @param name     its name there (frame id, comment name as written, item type)
 * @param field    the ORBIT field it carries, or null for any other
 * @param text     its value as text, where it is text
 * @param raw      its bytes as stored
 */
public record RawField(String location, String name, TagField field, String text, byte[] raw) {

	/** Same place, same name, same bytes. */
	public boolean sameAs(RawField other) {
		return location.equals(other.location) && name.equals(other.name) && Arrays.equals(raw, other.raw);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof RawField other && sameAs(other) && field == other.field;
	}

	@Override
	public int hashCode() {
		return location.hashCode() * 31 + Arrays.hashCode(raw);
	}

	@Override
	public String toString() {
		String bytes = raw.length > 48 ? HexFormat.of().formatHex(raw, 0, 48) + "... (" + raw.length + " bytes)"
				: HexFormat.of().formatHex(raw);
		return location + "/" + name + (text == null ? "" : "='" + text + "'") + " [" + bytes + "]";
	}
}
