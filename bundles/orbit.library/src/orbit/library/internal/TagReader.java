package orbit.library.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.mp3.MP3File;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.exceptions.CannotReadException;
import org.jaudiotagger.audio.exceptions.InvalidAudioFrameException;
import org.jaudiotagger.audio.wav.WavOptions;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.TagOptionSingleton;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagException;

import orbit.library.Tempo;

/**
 * Reads what a file's tags and header say, with jaudiotagger, and only reads: nothing here may
 * call {@code commit()} (jaudiotagger writes in place). Every failure becomes a reason.
 */
final class TagReader {

	static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "flac", "m4a", "aac", "ogg", "opus", "wav", "aiff",
			"aif");

	/** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
	private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

	static {
		// jaudiotagger logs every oddity of every file at INFO/WARNING; the scan reports them itself.
		JAUDIOTAGGER_LOG.setLevel(Level.OFF);
		// WAV keeps BPM and key only in an ID3 chunk (RIFF INFO has no field for them); INFO fills the gaps.
		// SafeWrite's tag writer sets the same, so a file reads alike before and after a tag write.
		TagOptionSingleton.getInstance().setWavOptions(WavOptions.READ_ID3_UNLESS_ONLY_INFO_AND_SYNC);
	}

	/** Either tags or a reason, never both. */
	record Result(FileTags tags, String problem) {
	}

	record FileTags(String title, String artist, String album, String format, int bitrate, Integer durationSeconds,
			Double bpm, String musicalKey) {
	}

	static final String PERMISSION_DENIED = "permission denied (cannot open the file for reading)";
	static final String DELETED = "deleted during the scan";

	static String extension(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/**
	 * The first picture embedded in the file's tags (the front cover when the file marks one), as
	 * its image bytes; empty when there is none or the file cannot be read.
	 */
	static java.util.Optional<byte[]> artwork(Path file) {
		try {
			if (!Files.isRegularFile(file) || Files.size(file) == 0 || extension(file).equals("opus")) {
				return java.util.Optional.empty();
			}
			AudioFile audio = extension(file).equals("mp3")
					? new MP3File(file.toFile(), MP3File.LOAD_IDV2TAG, true)
					: AudioFileIO.read(file.toFile());
			org.jaudiotagger.tag.Tag tag = audio.getTag();
			if (tag == null) {
				return java.util.Optional.empty();
			}
			java.util.List<org.jaudiotagger.tag.images.Artwork> pictures = tag.getArtworkList();
			org.jaudiotagger.tag.images.Artwork chosen = pictures.stream().filter(a -> a.getPictureType() == 3).findFirst()
					.orElse(pictures.isEmpty() ? null : pictures.get(0));
			return chosen == null || chosen.getBinaryData() == null || chosen.getBinaryData().length == 0
					? java.util.Optional.empty() : java.util.Optional.of(chosen.getBinaryData());
		} catch (Exception e) {
			// The inspector shows no cover; the scan reports an unreadable file in its own words.
			org.slf4j.LoggerFactory.getLogger(TagReader.class).info("No cover read from {}: {}", file, e.toString());
			return java.util.Optional.empty();
		}
	}

	static Result read(Path file) {
		String extension = extension(file);
		if (HeadReader.reads(extension)) {
			// One open and a read or two for MP3 and FLAC; jaudiotagger's file readers below for the rest
			try (FileChannel channel = FileChannel.open(file)) {
				FileHead head = new FileHead(channel);
				if (head.size() == 0) {
					return new Result(null, "empty file (0 bytes)");
				}
				HeadReader.Audio audio = HeadReader.read(file, head, extension);
				if (audio != null) {
					return result(audio.header(), audio.tag(), extension);
				}
			} catch (AccessDeniedException e) {
				return new Result(null, PERMISSION_DENIED);
			} catch (NoSuchFileException e) {
				return new Result(null, DELETED);
			} catch (IOException e) {
				// jaudiotagger's reading below says what is wrong
			}
		}
		try {
			// One stat per file; the permission is looked at only when a read fails.
			if (Files.readAttributes(file, BasicFileAttributes.class).size() == 0) {
				return new Result(null, "empty file (0 bytes)");
			}
			if (!Files.isReadable(file)) {
				return new Result(null, PERMISSION_DENIED);
			}
			if (extension.equals("opus")) {
				return opus(file);
			}
			// MP3: ID3v2 and ID3v1 only; a Lyrics3 block (read from the end of the file) holds nothing ORBIT uses.
			AudioFile audio = extension.equals("mp3")
					? new MP3File(file.toFile(), MP3File.LOAD_IDV2TAG | MP3File.LOAD_IDV1TAG, true)
					: AudioFileIO.read(file.toFile());
			return result(audio.getAudioHeader(), audio.getTag(), extension);
		} catch (NoSuchFileException | FileNotFoundException e) {
			return new Result(null, DELETED);
		} catch (InvalidAudioFrameException e) {
			return new Result(null, "not valid audio: " + message(e));
		} catch (CannotReadException e) {
			return new Result(null, "not a readable " + extension(file) + " file: " + message(e));
		} catch (TagException e) {
			return new Result(null, "broken tag: " + message(e));
		} catch (OutOfMemoryError e) {
			// A corrupt size field can make a parser ask for gigabytes; that file alone is skipped.
			return new Result(null, "absurd tag or header size (reading it would exhaust memory)");
		} catch (Exception | StackOverflowError e) {
			return new Result(null, "unreadable: " + e.getClass().getSimpleName() + " " + message(e));
		}
	}

	private static Result result(AudioHeader header, Tag tag, String extension) {
		int seconds = header == null ? 0 : header.getTrackLength();
		if (header == null || seconds <= 0) {
			return new Result(null, "no audio found (no valid stream header or zero length)");
		}
		return new Result(new FileTags(text(tag, FieldKey.TITLE), text(tag, FieldKey.ARTIST), text(tag, FieldKey.ALBUM),
				extension, (int) Math.max(0, header.getBitRateAsNumber()), seconds, bpm(tag), key(tag)),
				null);
	}

	private static Result opus(Path file) {
		try {
			return new Result(OpusTags.read(file), null);
		} catch (IOException | RuntimeException e) {
			return new Result(null, "not a readable opus file: " + message(e));
		}
	}

	/**
	 * Whether a problem stays true while the file keeps its size and modification time: corrupt
	 * content does, a permission (changed without touching the time) or a vanished file does not.
	 */
	static boolean lastsWhileUnchanged(String reason) {
		return !reason.startsWith(PERMISSION_DENIED) && !reason.equals(DELETED);
	}

	private static String message(Throwable e) {
		String m = e.getMessage();
		return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ").strip();
	}

	private static String text(Tag tag, FieldKey key) {
		if (tag == null) {
			return null;
		}
		try {
			// RIFF INFO strings keep their NUL terminator (WAV files written by ffmpeg, for one).
			String value = tag.getFirst(key);
			value = value == null ? null : value.replace("\u0000", "").strip();
			return value == null || value.isEmpty() ? null : value;
		} catch (RuntimeException e) {
			// A field this format cannot hold (e.g. KEY in some containers) is simply absent.
			return null;
		}
	}

	/**
	 * MP4's {@code tmpo} holds a whole number: a fractional BPM (127.5) is kept beside it in the
	 * iTunes freeform field, as ORBIT, Mixxx and others write it, and read from there first.
	 */
	private static Double bpm(Tag tag) {
		if (tag instanceof org.jaudiotagger.tag.mp4.Mp4Tag) {
			try {
				Double exact = bpm(text(tag.getFirst("----:com.apple.iTunes:BPM")));
				if (exact != null) {
					return exact;
				}
			} catch (RuntimeException e) {
				// no such field in this file
			}
		}
		return bpm(text(tag, FieldKey.BPM));
	}

	private static String text(String value) {
		value = value == null ? null : value.replace("\u0000", "").strip();
		return value == null || value.isEmpty() ? null : value;
	}

	/** Vorbis comments carry the key as INITIALKEY (jaudiotagger's mapping) or, from many taggers, KEY. */
	private static String key(Tag tag) {
		String key = text(tag, FieldKey.KEY);
		if (key == null && tag != null) {
			for (String id : new String[] { "KEY", "INITIALKEY" }) {
				try {
					String value = tag.getFirst(id);
					if (value != null && !value.isBlank()) {
						return value.strip();
					}
				} catch (RuntimeException e) {
					// not a field of this tag format
				}
			}
		}
		return key;
	}

	static Double bpm(String text) {
		return Tempo.parse(text).orElse(null);
	}
}
