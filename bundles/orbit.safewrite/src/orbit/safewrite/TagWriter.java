package orbit.safewrite;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes tags crash-safely: always on a temp copy through {@link SafeWriteService#writeAtomic},
 * read back and checked (the tags as asked, the audio bit-identical) before it replaces the
 * file. Supports mp3 (ID3v2.3 or 2.4), flac, m4a, ogg, aiff and wav.
 */
@ProviderType
public interface TagWriter {

	/** Which ID3v2 version MP3 tags are written in. */
	enum Id3Version {
		V23, V24
	}

	WriteOutcome write(Path file, TagChanges changes, Id3Version id3Version);
}
