package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.mp3.MP3File;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.ID3v23Tag;
import org.jaudiotagger.tag.id3.ID3v24Tag;

import orbit.safewrite.TagWriter.Id3Version;

/**
 * MP3: the ID3v2 tag at the start of the file. The MPEG frames and any APE or ID3v1 tag after
 * them are copied as they are.
 */
final class Mp3Tags implements TagFormat {

	static final String LOCATION = "ID3v2";

	@Override
	public List<RawField> read(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			byte[] tag = tagBytes(channel);
			return tag == null ? List.of() : Id3v2Tag.parse(tag).fields(LOCATION);
		}
	}

	@Override
	public Attachments attachments(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			byte[] tag = tagBytes(channel);
			if (tag == null) {
				return Attachments.none();
			}
			Id3v2Tag id3 = Id3v2Tag.parse(tag);
			return new Attachments(id3.pictures(), id3.djFrames(), List.of());
		}
	}

	@Override
	public Carrier carrier() {
		return Carrier.ID3;
	}

	/** The leading ID3v2 tag's bytes, or null when the file has none. */
	static byte[] tagBytes(FileChannel channel) throws IOException {
		if (channel.size() < 10) {
			return null;
		}
		long size = Id3v2Tag.size(Binary.read(channel, 0, 10));
		return size < 0 ? null : Binary.read(channel, 0, size);
	}

	@Override
	public Plan plan(Path file, TagEdit edit, Id3Version id3Version) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			byte[] old = tagBytes(channel);
			long audioStart = old == null ? 0 : old.length;
			Id3v2Tag tag = old == null ? Id3v2Tag.empty(TagFormat.major(id3Version)) : Id3v2Tag.parse(old);
			boolean converted = false;
			if (old != null && id3Version != null && tag.major() != TagFormat.major(id3Version)) {
				tag = Id3v2Tag.parse(converted(file, id3Version));
				converted = true;
			}
			tag.apply(edit);
			byte[] bytes = tag.bytes(converted ? 0 : audioStart);
			return new Plan(List.of(new Splice.Data(bytes), new Splice.Copy(audioStart, channel.size() - audioStart)),
					List.of(), converted);
		}
	}

	/**
	 * An ID3v2 version change asked for explicitly rewrites every frame (frame ids, dates and text
	 * encodings differ between 2.3 and 2.4); jaudiotagger knows those mappings, so it converts the
	 * tag in memory and the edit is then made on the converted frames.
	 */
	private static byte[] converted(Path file, Id3Version version) throws IOException {
		try {
			MP3File mp3 = (MP3File) AudioFileIO.readAs(file.toFile(), "mp3");
			AbstractID3v2Tag current = mp3.getID3v2Tag();
			AbstractID3v2Tag target = version == Id3Version.V24 ? new ID3v24Tag(current) : new ID3v23Tag(current);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			target.write(out, 0);
			return out.toByteArray();
		} catch (IOException e) {
			throw e;
		} catch (Exception e) {
			throw new IOException("the ID3v2 tag could not be converted to " + version + ": " + e.getMessage(), e);
		}
	}
}
