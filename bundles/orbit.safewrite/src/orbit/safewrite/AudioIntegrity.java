package orbit.safewrite;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Proves that audio is intact, and that a tag write left it bit-identical. */
@ProviderType
public interface AudioIntegrity {

	/**
	 * Checks one file: for FLAC, the decoded audio's MD5 against the MD5 in STREAMINFO; for MP3,
	 * that its audio frames are in sync from the first to the last; for Ogg, every page's checksum
	 * and sequence number.
	 */
	AudioReport verify(Path file) throws IOException;

	/**
	 * The check a scan can afford, with no decoding: for FLAC, every frame against its CRC and the
	 * frames' samples against STREAMINFO (a flipped bit, a truncated file); for MP3, every frame in
	 * sync and as many frames as its Xing/Info or VBRI header counts (a hole, a cut); for other
	 * formats, that the audio data is there.
	 */
	AudioReport check(Path file) throws IOException;

	/**
	 * A digest of the encoded audio alone (tags left out, so a retag keeps it): what names a
	 * recording whose tags name none. For a layout ORBIT does not know, the whole file's.
	 */
	String audioDigest(Path file) throws IOException;

	/**
	 * Throws when the audio of {@code edited} is not bit-identical to that of {@code original}:
	 * the encoded audio (FLAC frames, MP3 frames, WAV/AIFF sample data, MP4 mdat boxes, Ogg audio
	 * pages but for their sequence numbers) must be byte for byte the same, and MP4 chunk offsets
	 * must still point at the same audio; only the tags may differ.
	 */
	void requireSameAudio(Path original, Path edited) throws IOException;
}
