package orbit.safewrite.internal.tags;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import orbit.safewrite.TagChanges;

/**
 * What one write asks for, field by field: the text to write, or "" to remove the field; the
 * artwork that replaces the file's (null leaves it as it is); the DJ applications' frames that
 * replace those of the same name. Fields not in it are not touched.
 */
public final class TagEdit {

	private final Map<TagField, String> values;
	private final Bpm bpm;
	private final List<Picture> pictures;
	private final List<DjFrame> djFrames;

	private TagEdit(Map<TagField, String> values, List<Picture> pictures, List<DjFrame> djFrames) {
		this.values = Collections.unmodifiableMap(values);
		String bpmText = values.get(TagField.BPM);
		this.bpm = bpmText == null || bpmText.isEmpty() ? null : Bpm.parse(bpmText);
		this.pictures = pictures == null ? null : List.copyOf(pictures);
		this.djFrames = List.copyOf(djFrames);
	}

	private TagEdit(Map<TagField, String> values) {
		this(values, null, List.of());
	}

	/** This edit, also putting {@code pictures} in place of the file's artwork and writing {@code djFrames}. */
	public TagEdit withAttachments(List<Picture> pictures, List<DjFrame> djFrames) {
		Map<TagField, String> copy = new EnumMap<>(TagField.class);
		copy.putAll(values);
		return new TagEdit(copy, pictures, djFrames);
	}

	/** The artwork that replaces the file's, or null when the edit leaves artwork alone. */
	public List<Picture> pictures() {
		return pictures;
	}

	public List<DjFrame> djFrames() {
		return djFrames;
	}

	/**
	 * Whether {@code field}, as {@code carrier} stores it, is one this edit replaces: a text field
	 * it writes, a picture when it replaces the artwork, a DJ frame of a name it writes.
	 */
	public boolean owns(RawField field, Carrier carrier) {
		if (field.field() != null && touches(field.field())) {
			return true;
		}
		String name = field.name();
		if (pictures != null && switch (carrier) {
		case ID3 -> name.equals("APIC") || name.equals("PIC");
		case FLAC -> field.location().equals("FLAC") && name.startsWith("PICTURE");
		case OGG -> name.equalsIgnoreCase(VorbisComments.PICTURE);
		case MP4 -> name.equals("covr");
		}) {
			return true;
		}
		for (DjFrame frame : djFrames) {
			String stored = frame.nameIn(carrier);
			if (stored != null && switch (carrier) {
			case ID3 -> name.equals((frame.name().equals(DjFrame.TRAKTOR) ? "PRIV:" : "GEOB:") + stored)
					|| name.equals("GEO:" + stored);
			case FLAC, OGG -> name.toUpperCase(Locale.ROOT).equals(stored.toUpperCase(Locale.ROOT));
			case MP4 -> name.equals("----:" + DjFrame.SERATO_MP4_MEAN + ":" + stored);
			}) {
				return true;
			}
		}
		return false;
	}

	public static TagEdit of(TagChanges changes) {
		Map<TagField, String> values = new EnumMap<>(TagField.class);
		put(values, TagField.TITLE, changes.title());
		put(values, TagField.ARTIST, changes.artist());
		put(values, TagField.ALBUM, changes.album());
		put(values, TagField.BPM, changes.bpm());
		put(values, TagField.KEY, changes.key());
		put(values, TagField.COMMENT, changes.comment());
		put(values, TagField.ISRC, changes.isrc());
		return new TagEdit(values);
	}

	/** For tests and tools: an edit of the given fields. */
	public static TagEdit of(Map<TagField, String> values) {
		return new TagEdit(new EnumMap<>(values));
	}

	private static void put(Map<TagField, String> values, TagField field, String value) {
		if (value != null) {
			values.put(field, value.strip());
		}
	}

	public Set<TagField> fields() {
		return values.keySet();
	}

	public boolean touches(TagField field) {
		return values.containsKey(field);
	}

	/** Whether the edit removes {@code field}. */
	public boolean removes(TagField field) {
		return "".equals(values.get(field));
	}

	/** The text a text field gets: BPM in its text form ({@link Bpm#text()}). */
	public String text(TagField field) {
		return field == TagField.BPM && bpm != null ? bpm.text() : values.get(field);
	}

	/** The tempo asked for, or null when BPM is not written (or removed). */
	public Bpm bpm() {
		return bpm;
	}

	public boolean isEmpty() {
		return values.isEmpty() && pictures == null && djFrames.isEmpty();
	}
}
