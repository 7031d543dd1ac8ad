package orbit.safewrite.internal.tags;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import orbit.safewrite.TagWriter.Id3Version;

/** One container's tags: read as stored, and a write planned as pieces of new and original bytes. */
public interface TagFormat {

	/** The new content, what it says to the user (a rounded BPM), and whether the ID3 version changed. */
	record Plan(List<Splice.Piece> pieces, List<String> notes, boolean converted) {
	}

	/**
	 * A file's artwork and DJ frames, and what could not be read of them (a sentence each).
	 */
	record Attachments(List<Picture> pictures, List<DjFrame> djFrames, List<String> problems) {
		public Attachments {
			pictures = List.copyOf(pictures);
			djFrames = List.copyOf(djFrames);
			problems = List.copyOf(problems);
		}

		static Attachments none() {
			return new Attachments(List.of(), List.of(), List.of());
		}
	}

	/** Every tag field of {@code file} as stored, in file order. */
	List<RawField> read(Path file) throws IOException;

	/** The file's artwork and DJ frames; reading never changes the file. */
	Attachments attachments(Path file) throws IOException;

	/** The kind of tag this container keeps. */
	Carrier carrier();

	/**
	 * Plans writing {@code edit} into {@code file}.
	 *
	 * @param id3Version the ID3v2 version an existing ID3 tag is converted to, or null to keep its own
	 *                   (new ID3 tags are written in it, or in 2.3 when null)
	 */
	Plan plan(Path file, TagEdit edit, Id3Version id3Version) throws IOException;

	/** The container of a format as {@code AudioRegions.format} names it, or null when ORBIT writes none. */
	static TagFormat of(String format) {
		return switch (format) {
		case "mp3" -> new Mp3Tags();
		case "flac" -> new FlacTags();
		case "ogg", "opus" -> new OggTags();
		case "m4a" -> new Mp4Tags();
		case "wav" -> new ChunkTags(false);
		case "aiff" -> new ChunkTags(true);
		default -> null;
		};
	}

	static int major(Id3Version version) {
		return version == Id3Version.V24 ? 4 : 3;
	}
}
