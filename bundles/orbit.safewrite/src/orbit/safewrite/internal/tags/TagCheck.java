package orbit.safewrite.internal.tags;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a written copy's tags against the original's: every field the write was not asked to
 * change is still there, byte for byte and in the same order, and every field it was asked to
 * change reads back as asked wherever the file carries it.
 */
public final class TagCheck {

	private TagCheck() {
	}

	/**
	 * @param converted the ID3v2 version was changed on request: the frames were rewritten, so
	 *                  the untouched ones are compared by their text where both versions have them
	 */
	public static void require(List<RawField> before, List<RawField> after, TagEdit edit, boolean converted,
			Carrier kind) throws IOException {
		List<RawField> keptBefore = untouched(before, edit, kind);
		// A comment list the file did not have comes with a vendor string: bookkeeping, not a field.
		Set<String> locations = before.stream().map(RawField::location).collect(Collectors.toSet());
		List<RawField> keptAfter = untouched(after, edit, kind).stream()
				.filter(f -> locations.contains(f.location()) || !f.name().equals("vendor")).toList();
		if (converted) {
			requireSameText(keptBefore, keptAfter);
		} else {
			for (int i = 0; i < Math.max(keptBefore.size(), keptAfter.size()); i++) {
				RawField was = i < keptBefore.size() ? keptBefore.get(i) : null;
				RawField is = i < keptAfter.size() ? keptAfter.get(i) : null;
				if (was == null) {
					throw new IOException("the field " + is.location() + "/" + is.name() + " appeared though it was not asked for");
				}
				if (is == null || !was.sameAs(is)) {
					throw new IOException("the field " + was.location() + "/" + was.name() + " changed though it was not asked to ("
							+ was + " became " + is + ")");
				}
			}
		}
		for (TagField field : edit.fields()) {
			List<RawField> carriers = after.stream().filter(f -> f.field() == field).toList();
			String name = field.name().toLowerCase(Locale.ROOT);
			if (edit.removes(field)) {
				if (!carriers.isEmpty()) {
					throw new IOException(name + " is still there after its removal: " + carriers.get(0));
				}
				continue;
			}
			if (carriers.isEmpty()) {
				throw new IOException(name + " was not written");
			}
			for (RawField carrier : carriers) {
				String expected = expected(edit, field, carrier);
				if (!expected.equals(carrier.text())) {
					throw new IOException(name + " reads back as '" + carrier.text() + "' instead of '" + expected + "' ("
							+ carrier.location() + "/" + carrier.name() + ")");
				}
			}
		}
	}

	/** What a field's carrier must read: MP4 tmpo holds the whole BPM, every other carrier the text. */
	static String expected(TagEdit edit, TagField field, RawField carrier) {
		if (field == TagField.BPM && carrier.name().equals("tmpo")) {
			return Integer.toString(edit.bpm().whole());
		}
		return edit.text(field);
	}

	private static List<RawField> untouched(List<RawField> fields, TagEdit edit, Carrier carrier) {
		return fields.stream().filter(f -> !edit.owns(f, carrier)).toList();
	}

	/**
	 * The written copy holds the edit's artwork as its container keeps it (in order, every byte of
	 * every image), and each of its DJ frames with the very payload asked for.
	 */
	public static void requireAttachments(TagFormat.Attachments after, TagEdit edit, Carrier carrier) throws IOException {
		if (edit.pictures() != null) {
			List<Picture> expected = edit.pictures().stream()
					.filter(p -> carrier != Carrier.MP4 || Picture.mp4Type(p.mime()) >= 0).map(p -> p.heldBy(carrier)).toList();
			if (!expected.equals(after.pictures())) {
				throw new IOException("the artwork reads back as " + after.pictures() + " instead of " + expected);
			}
		}
		for (DjFrame frame : edit.djFrames()) {
			if (after.djFrames().stream().noneMatch(frame::samePayload)) {
				throw new IOException(frame.name() + " does not read back as written (" + after.djFrames() + ")");
			}
		}
	}

	/** The text frames that mean the same in ID3v2.3 and 2.4 kept their text through a conversion. */
	private static void requireSameText(List<RawField> before, List<RawField> after) throws IOException {
		List<RawField> remaining = new ArrayList<>(after);
		for (RawField was : before) {
			if (was.text() == null || !was.name().startsWith("T") || Id3v2Tag.VERSION_SPECIFIC.contains(was.name())) {
				continue;
			}
			RawField match = remaining.stream().filter(f -> f.name().equals(was.name()) && was.text().equals(f.text()))
					.findFirst().orElse(null);
			if (match == null) {
				throw new IOException("the frame " + was.name() + " ('" + was.text() + "') did not survive the ID3 version change");
			}
			remaining.remove(match);
		}
	}
}
