package orbit.safewrite.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.wav.WavOptions;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagOptionSingleton;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.safewrite.AudioIntegrity;
import orbit.safewrite.AudioReport;
import orbit.safewrite.DamagedAudioException;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TagChanges;
import orbit.safewrite.TagWriter;
import orbit.safewrite.WriteMode;
import orbit.safewrite.WriteOutcome;
import orbit.safewrite.internal.tags.Bpm;
import orbit.safewrite.internal.tags.Carrier;
import orbit.safewrite.internal.tags.DjFrame;
import orbit.safewrite.internal.tags.Picture;
import orbit.safewrite.internal.tags.RawField;
import orbit.safewrite.internal.tags.Splice;
import orbit.safewrite.internal.tags.TagCheck;
import orbit.safewrite.internal.tags.TagEdit;
import orbit.safewrite.internal.tags.TagField;
import orbit.safewrite.internal.tags.TagFormat;

/**
 * {@link TagWriter}: ORBIT's own editors for each container (ID3v2, FLAC and Ogg comments, MP4
 * ilst, RIFF/AIFF chunks) change the fields asked for and copy everything else as it was; a
 * library that parses a whole tag and writes it back (jaudiotagger does) re-encodes fields it was
 * never asked to touch. The edit is made on the temp copy that {@link SafeWriteService} hands
 * over; the copy replaces the file only once every untouched field reads back byte-identical,
 * the asked ones read back as asked (by ORBIT and, for all but Opus, by jaudiotagger too) and the
 * audio is bit-identical to the original's.
 */
@Component(service = TagWriter.class)
public class AudioTagWriter implements TagWriter {

	static final List<String> FORMATS = List.of("mp3", "flac", "m4a", "ogg", "opus", "aiff", "wav");

	/** jaudiotagger logs every frame it reads at INFO; kept here so the setting is not collected. */
	private static final java.util.logging.Logger JAUDIOTAGGER_LOG = java.util.logging.Logger.getLogger("org.jaudiotagger");

	/** The fields every container names unambiguously, so jaudiotagger's reading of them can be held to ours. */
	private static final List<TagField> CROSS_CHECKED = List.of(TagField.TITLE, TagField.ARTIST, TagField.ALBUM,
			TagField.BPM);

	@Reference
	private SafeWriteService safeWrite;

	@Reference
	private AudioIntegrity audio;

	public AudioTagWriter() {
	}

	/** A tag writer outside DS (a separate process in the crash tests). */
	public AudioTagWriter(SafeWriteService safeWrite, AudioIntegrity audio) {
		this.safeWrite = safeWrite;
		this.audio = audio;
		activate();
	}

	@Activate
	void activate() {
		JAUDIOTAGGER_LOG.setLevel(Level.WARNING);
		// A WAV's BPM and key are in its ID3 chunk; INFO fills the fields that chunk lacks.
		TagOptionSingleton.getInstance().setWavOptions(WavOptions.READ_ID3_UNLESS_ONLY_INFO_AND_SYNC);
	}

	@Override
	public WriteOutcome write(Path file, TagChanges changes, Id3Version id3Version, DamagedAudio damaged) {
		TagFormat tags = writable(file);
		TagEdit edit = TagEdit.of(changes);
		if (edit.isEmpty()) {
			throw new ActionableException("No tag to write to " + file.getFileName(), "Give at least one field to write");
		}
		List<String> notes = new ArrayList<>();
		if (edit.bpm() != null && edit.bpm().textIsRounded()) {
			notes.add("BPM " + changes.bpm().strip() + " has more decimals than tags keep: written as " + edit.bpm().text());
		}
		return write(file, tags, edit, id3Version, damaged, notes);
	}

	private static TagFormat writable(Path file) {
		String format = AudioRegions.format(file);
		TagFormat tags = TagFormat.of(format);
		if (tags == null) {
			throw new ActionableException("ORBIT cannot write tags to ." + format + " files (" + file.getFileName() + ")",
					"Tags can be written to " + String.join(", ", FORMATS) + " files");
		}
		return tags;
	}

	@Override
	public WriteOutcome carry(Path from, Path to) {
		TagFormat target = writable(to);
		TagFormat source = TagFormat.of(AudioRegions.format(from));
		if (source == null) {
			throw new ActionableException("ORBIT cannot read the tags of ." + AudioRegions.format(from) + " files ("
					+ from.getFileName() + ") to carry them over", "Tags are read from " + String.join(", ", FORMATS) + " files");
		}
		List<RawField> fields;
		TagFormat.Attachments attachments;
		try {
			fields = source.read(from);
			attachments = source.attachments(from);
		} catch (IOException e) {
			throw new ActionableException("Cannot read the tags of " + from + " to carry them over (" + e.getMessage() + ")",
					"Check the file with 'orbit inspect', then run the upgrade again", e);
		}
		List<String> notes = new ArrayList<>(attachments.problems());
		TagChanges text = carriedText(from, fields, notes);
		Carrier carrier = target.carrier();
		List<DjFrame> frames = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (DjFrame frame : attachments.djFrames()) {
			if (!names.add(frame.name())) {
				notes.add("a second " + frame.name() + " in " + from.getFileName() + " was left out: the first one is carried");
			} else if (frame.whyNotIn(carrier) != null) {
				notes.add(frame.notCarried(carrier));
			} else {
				frames.add(frame);
			}
		}
		attachments.pictures().stream().map(p -> p.lostIn(carrier)).filter(n -> n != null).forEach(notes::add);
		// FLAC and Ogg keep a picture's dimensions, which an ID3 or MP4 picture came without.
		List<Picture> pictures = attachments.pictures().stream()
				.filter(p -> carrier != Carrier.MP4 || Picture.mp4Type(p.mime()) >= 0)
				.map(p -> carrier == Carrier.FLAC || carrier == Carrier.OGG ? p.measured() : p).toList();
		if (pictures.isEmpty()) {
			// Without artwork to carry, the new file keeps its own.
			pictures = null;
		}
		TagEdit edit = TagEdit.of(text).withAttachments(pictures, frames);
		if (edit.isEmpty()) {
			try {
				return new WriteOutcome(to, Files.size(to), false, false).withNotes(notes);
			} catch (IOException e) {
				throw new ActionableException(to + " cannot be read (" + e.getMessage() + ")",
						"Check that the file exists and is readable", e);
			}
		}
		return write(to, target, edit, null, DamagedAudio.REFUSE, notes);
	}

	/**
	 * The text fields of a file, each from its first carrier that has text (MP4's exact BPM item
	 * before its whole-number tmpo). A field ORBIT's reader finds nowhere is taken from jaudiotagger,
	 * which also reads ID3v1 tags; a BPM that is not a tempo stays behind with a note.
	 */
	private static TagChanges carriedText(Path from, List<RawField> fields, List<String> notes) {
		Map<TagField, String> values = new EnumMap<>(TagField.class);
		for (TagField field : TagField.values()) {
			fields.stream().filter(f -> f.field() == field && f.text() != null && !f.text().isBlank())
					.sorted((a, b) -> Boolean.compare(a.name().equals("tmpo"), b.name().equals("tmpo"))).findFirst()
					.ifPresent(f -> values.put(field, f.text()));
		}
		if (values.size() < TagField.values().length) {
			try {
				Tag tag = AudioFileIO.read(from.toFile()).getTag();
				for (TagField field : TagField.values()) {
					String value = tag == null || values.containsKey(field) ? null : tag.getFirst(FieldKey.valueOf(field.name()));
					if (value != null && !value.isBlank()) {
						values.put(field, value);
					}
				}
			} catch (Exception e) {
				// Only a fallback: what ORBIT's own reader found is carried all the same, and the note
				// says that fields only jaudiotagger reads (an ID3v1 tag's) were not looked for.
				notes.add("fields ORBIT's own reader did not find were not looked for in " + from.getFileName()
						+ " (jaudiotagger could not read it: " + e.getMessage() + ")");
			}
		}
		String bpm = values.get(TagField.BPM);
		if (bpm != null) {
			try {
				Bpm.parse(bpm.strip());
			} catch (ActionableException e) {
				notes.add("BPM '" + bpm + "' is not a tempo: not carried");
				values.remove(TagField.BPM);
			}
		}
		return new TagChanges(values.get(TagField.TITLE), values.get(TagField.ARTIST), values.get(TagField.ALBUM),
				values.get(TagField.BPM), values.get(TagField.KEY), values.get(TagField.COMMENT), values.get(TagField.ISRC));
	}

	private WriteOutcome write(Path file, TagFormat tags, TagEdit edit, Id3Version id3Version, DamagedAudio damaged,
			List<String> notes) {
		String format = AudioRegions.format(file);
		// The check a scan affords, before anything is copied: tags on broken audio would hide it.
		AudioReport check;
		try {
			check = audio.check(file);
		} catch (IOException e) {
			throw new ActionableException(file + " cannot be read (" + e.getMessage() + "); no tag was written",
					"Check that the file exists and is readable", e);
		}
		if (!check.intact()) {
			if (damaged == DamagedAudio.REFUSE) {
				throw new DamagedAudioException(check);
			}
			notes.add("the audio is damaged (" + check.detail() + "); tagged as asked all the same");
		}
		boolean[] converted = { false };
		Map<String, String> held = new LinkedHashMap<>();
		WriteOutcome outcome = safeWrite.writeAtomic(SafeWriteService.TAG_WRITE, file, WriteMode.EDIT_COPY, temp -> {
			TagFormat.Plan plan = tags.plan(file, edit, id3Version);
			Splice.write(file, temp, plan.pieces());
			notes.addAll(plan.notes());
			converted[0] = plan.converted();
		}, temp -> {
			// The file is read inside the write, under its lock: another process's write to it is
			// either wholly in it already or waits for this one, so no change is lost between the two.
			List<RawField> written = tags.read(temp);
			TagCheck.require(tags.read(file), written, edit, converted[0], tags.carrier());
			TagCheck.requireAttachments(tags.attachments(temp), edit, tags.carrier());
			if (!format.equals("opus")) {
				crossCheck(temp, extension(file), format, edit);
			}
			audio.requireSameAudio(file, temp);
			held.clear();
			held.putAll(fields(written));
		});
		return outcome.withNotes(notes).withTags(held);
	}

	/** The value of each field ORBIT writes, from its first carrier in the file; absent ones are left out. */
	static Map<String, String> fields(List<RawField> fields) {
		Map<String, String> values = new LinkedHashMap<>();
		for (TagField field : TagField.values()) {
			fields.stream().filter(f -> f.field() == field && f.text() != null).findFirst()
					.ifPresent(f -> values.put(field.name().toLowerCase(Locale.ROOT), f.text()));
		}
		return values;
	}

	/**
	 * jaudiotagger, a reader independent of ORBIT's editors, reads the written copy and finds the
	 * unambiguous fields as asked. It has no Opus reader; there ORBIT's own reader and the Ogg page
	 * checksums stand alone.
	 */
	private static void crossCheck(Path temp, String extension, String format, TagEdit edit) throws IOException {
		Tag tag;
		try {
			AudioFile file = AudioFileIO.readAs(temp.toFile(), extension);
			tag = file.getTag();
		} catch (Exception e) {
			throw new IOException("jaudiotagger cannot read the written file: " + e.getMessage(), e);
		}
		for (TagField field : CROSS_CHECKED) {
			// Vorbis comments may carry BPM as TEMPO, which jaudiotagger does not read.
			if (!edit.touches(field) || edit.removes(field) || field == TagField.BPM && (format.equals("flac")
					|| format.equals("ogg"))) {
				continue;
			}
			String expected = field == TagField.BPM && format.equals("m4a") ? Integer.toString(edit.bpm().whole())
					: edit.text(field);
			String actual = tag == null ? "" : tag.getFirst(FieldKey.valueOf(field.name()));
			if (!expected.equals(actual)) {
				throw new IOException(field.name().toLowerCase(Locale.ROOT) + " reads back in jaudiotagger as '" + actual
						+ "' instead of '" + expected + "'");
			}
		}
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
	}
}
