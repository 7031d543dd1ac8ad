package orbit.safewrite;

import java.io.IOException;
import java.nio.file.Path;

/** Proves that audio is intact, and that a tag write left it bit-identical. */
public interface AudioIntegrity {

	/**
	 * Checks one file: for FLAC, the decoded audio's MD5 against the MD5 in STREAMINFO; for MP3,
	 * that its audio frames are in sync from the first to the last; for Ogg, every page's checksum
	 * and sequence number.
	 */
	AudioReport verify(Path file) throws IOException;

	/**
	 * Throws when the audio of {@code edited} is not bit-identical to that of {@code original}:
	 * the encoded audio (FLAC frames, MP3 frames, WAV/AIFF sample data, MP4 mdat boxes, Ogg audio
	 * pages but for their sequence numbers) must be byte for byte the same, and MP4 chunk offsets
	 * must still point at the same audio; only the tags may differ.
	 */
	void requireSameAudio(Path original, Path edited) throws IOException;
}
