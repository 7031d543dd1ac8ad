package orbit.safewrite.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.mp3.MP3File;
import org.jaudiotagger.audio.wav.WavOptions;
import org.jaudiotagger.audio.wav.WavSaveOptions;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagOptionSingleton;
import org.jaudiotagger.tag.flac.FlacTag;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.ID3v23Tag;
import org.jaudiotagger.tag.id3.ID3v24Tag;
import org.jaudiotagger.tag.vorbiscomment.VorbisCommentTag;
import org.jaudiotagger.tag.wav.WavTag;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.safewrite.AudioIntegrity;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TagChanges;
import orbit.safewrite.TagWriter;
import orbit.safewrite.WriteMode;
import orbit.safewrite.WriteOutcome;

/**
 * {@link TagWriter} on jaudiotagger. jaudiotagger rewrites files in place, so it only ever
 * touches the temp copy that {@link SafeWriteService} hands it; the copy replaces the file only
 * once its tags read back as asked and its audio is bit-identical to the original's.
 */
@Component(service = TagWriter.class)
public class AudioTagWriter implements TagWriter {

	static final Set<String> FORMATS = Set.of("mp3", "flac", "m4a", "ogg", "aiff", "wav");

	/** jaudiotagger logs every frame it reads at INFO; kept here so the setting is not collected. */
	private static final java.util.logging.Logger JAUDIOTAGGER_LOG = java.util.logging.Logger.getLogger("org.jaudiotagger");

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
		// RIFF INFO has no BPM or key: WAV files get an ID3 chunk beside their INFO chunk.
		TagOptionSingleton options = TagOptionSingleton.getInstance();
		options.setWavOptions(WavOptions.READ_ID3_UNLESS_ONLY_INFO_AND_SYNC);
		options.setWavSaveOptions(WavSaveOptions.SAVE_BOTH);
	}

	@Override
	public WriteOutcome write(Path file, TagChanges changes, Id3Version id3Version) {
		String format = AudioRegions.format(file);
		if (!FORMATS.contains(format)) {
			throw new ActionableException("ORBIT cannot write tags to ." + format + " files (" + file.getFileName() + ")",
					"Tags can be written to mp3, flac, m4a, ogg, aiff and wav files");
		}
		String extension = extension(file);
		Map<FieldKey, String> fields = fields(changes);
		return safeWrite.writeAtomic(SafeWriteService.TAG_WRITE, file, WriteMode.EDIT_COPY,
				temp -> apply(temp, extension, fields, id3Version), temp -> {
			readBack(temp, extension, fields, id3Version);
			audio.requireSameAudio(file, temp);
		});
	}

	private static void apply(Path temp, String extension, Map<FieldKey, String> fields, Id3Version id3Version)
			throws IOException {
		try {
			AudioFile file = AudioFileIO.readAs(temp.toFile(), extension);
			Tag tag;
			if (file instanceof MP3File mp3) {
				AbstractID3v2Tag id3 = inVersion(mp3.getID3v2Tag(), id3Version);
				mp3.setID3v2Tag(id3);
				tag = id3;
			} else {
				tag = file.getTagOrCreateAndSetDefault();
			}
			if (tag instanceof WavTag wav) {
				tag = wavId3(wav);
				if (wav.getInfoTag() != null) {
					setInfoFields(wav.getInfoTag(), fields);
				}
			}
			for (Map.Entry<FieldKey, String> field : fields.entrySet()) {
				if (field.getValue().isEmpty()) {
					tag.deleteField(field.getKey());
				} else {
					tag.setField(field.getKey(), field.getValue());
				}
			}
			VorbisCommentTag vorbis = vorbis(tag);
			String key = fields.get(FieldKey.KEY);
			if (vorbis != null && key != null) {
				if (key.isEmpty()) {
					vorbis.deleteField(INITIAL_KEY);
				} else {
					vorbis.setField(INITIAL_KEY, key);
				}
			}
			file.commit();
		} catch (IOException e) {
			throw e;
		} catch (Exception e) {
			throw new IOException("the tags could not be written: " + e.getMessage(), e);
		}
	}

	/**
	 * jaudiotagger writes the key of FLAC and Ogg files as KEY; Traktor, Serato and Rekordbox read
	 * INITIALKEY, so both carry it.
	 */
	static final String INITIAL_KEY = "INITIALKEY";

	private static VorbisCommentTag vorbis(Tag tag) {
		if (tag instanceof FlacTag flac) {
			return flac.getVorbisCommentTag();
		}
		return tag instanceof VorbisCommentTag vorbis ? vorbis : null;
	}

	/**
	 * The ID3 chunk of a WAV file, created from its INFO chunk when missing: INFO has no field for
	 * BPM or key. Both chunks are saved, and INFO is kept in step for players that read only it.
	 */
	private static Tag wavId3(WavTag wav) throws Exception {
		if (wav.isExistingId3Tag() && wav.getID3Tag() != null) {
			return wav.getID3Tag();
		}
		AbstractID3v2Tag id3 = new ID3v23Tag();
		if (wav.getInfoTag() != null) {
			for (FieldKey key : new FieldKey[] { FieldKey.TITLE, FieldKey.ARTIST, FieldKey.ALBUM, FieldKey.COMMENT,
					FieldKey.GENRE, FieldKey.YEAR, FieldKey.TRACK }) {
				String value = wav.getInfoTag().getFirst(key);
				if (value != null && !value.isEmpty()) {
					id3.setField(key, value);
				}
			}
		}
		wav.setID3Tag(id3);
		return id3;
	}

	/** Keeps the INFO chunk in step with the fields it has (not BPM, key or ISRC). */
	private static void setInfoFields(Tag info, Map<FieldKey, String> fields) {
		for (Map.Entry<FieldKey, String> field : fields.entrySet()) {
			try {
				if (field.getValue().isEmpty()) {
					info.deleteField(field.getKey());
				} else {
					info.setField(field.getKey(), field.getValue());
				}
			} catch (Exception unsupported) {
				// INFO has no such field; the ID3 chunk carries it.
			}
		}
	}

	private static AbstractID3v2Tag inVersion(AbstractID3v2Tag current, Id3Version version) {
		if (version == Id3Version.V24) {
			return current instanceof ID3v24Tag v24 ? v24 : current == null ? new ID3v24Tag() : new ID3v24Tag(current);
		}
		return current instanceof ID3v23Tag v23 ? v23 : current == null ? new ID3v23Tag() : new ID3v23Tag(current);
	}

	/** Reads the written copy back: every field as asked, the ID3 version as asked. */
	private static void readBack(Path temp, String extension, Map<FieldKey, String> fields, Id3Version id3Version)
			throws IOException {
		Tag tag;
		try {
			AudioFile file = AudioFileIO.readAs(temp.toFile(), extension);
			if (file instanceof MP3File mp3) {
				AbstractID3v2Tag id3 = mp3.getID3v2Tag();
				Class<?> expected = id3Version == Id3Version.V24 ? ID3v24Tag.class : ID3v23Tag.class;
				if (id3 == null || id3.getClass() != expected) {
					throw new IOException("the ID3v2 tag did not read back as " + id3Version);
				}
			}
			tag = file.getTag();
			if (tag instanceof WavTag wav) {
				tag = wav.getID3Tag();
			}
		} catch (IOException e) {
			throw e;
		} catch (Exception e) {
			throw new IOException("the written file cannot be read back: " + e.getMessage(), e);
		}
		VorbisCommentTag vorbis = tag == null ? null : vorbis(tag);
		String key = fields.get(FieldKey.KEY);
		if (vorbis != null && key != null && !key.equals(vorbis.getFirst(INITIAL_KEY))) {
			throw new IOException("initialkey read back as '" + vorbis.getFirst(INITIAL_KEY) + "' instead of '" + key + "'");
		}
		for (Map.Entry<FieldKey, String> field : fields.entrySet()) {
			String actual = tag == null ? "" : tag.getFirst(field.getKey());
			if (!field.getValue().equals(actual)) {
				throw new IOException(field.getKey().name().toLowerCase(Locale.ROOT) + " read back as '" + actual
						+ "' instead of '" + field.getValue() + "'");
			}
		}
	}

	private static Map<FieldKey, String> fields(TagChanges changes) {
		Map<FieldKey, String> fields = new LinkedHashMap<>();
		put(fields, FieldKey.TITLE, changes.title());
		put(fields, FieldKey.ARTIST, changes.artist());
		put(fields, FieldKey.ALBUM, changes.album());
		put(fields, FieldKey.BPM, changes.bpm());
		put(fields, FieldKey.KEY, changes.key());
		put(fields, FieldKey.COMMENT, changes.comment());
		put(fields, FieldKey.ISRC, changes.isrc());
		return fields;
	}

	private static void put(Map<FieldKey, String> fields, FieldKey key, String value) {
		if (value != null) {
			fields.put(key, value.strip());
		}
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
	}
}
