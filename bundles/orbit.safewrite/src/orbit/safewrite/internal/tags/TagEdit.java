package orbit.safewrite.internal.tags;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import orbit.safewrite.TagChanges;

/**
 * What one write asks for, field by field: the text to write, or "" to remove the field. Fields
 * not in it are not touched.
 */
public final class TagEdit {

	private final Map<TagField, String> values;
	private final Bpm bpm;

	private TagEdit(Map<TagField, String> values) {
		this.values = Collections.unmodifiableMap(values);
		String bpmText = values.get(TagField.BPM);
		this.bpm = bpmText == null || bpmText.isEmpty() ? null : Bpm.parse(bpmText);
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
		return values.isEmpty();
	}
}
