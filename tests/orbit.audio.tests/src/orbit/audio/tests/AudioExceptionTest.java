package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import orbit.audio.AudioException;
import orbit.audio.Codec;

/** A bad file's error names the file and, once decoding started, the position in frames and seconds. */
class AudioExceptionTest {

	@Test
	void namesFileAndPosition() {
		AudioException e = new AudioException(Path.of("/music/a.flac"), 88_200, 44_100, "frame 12 fails its CRC", null);
		assertEquals("/music/a.flac: frame 12 fails its CRC (at frame 88200, 2.000 s)", e.getMessage());
		assertEquals(2.0, e.seconds());
		AudioException before = new AudioException(Path.of("/music/b.mp3"), "no MPEG audio frame in the first 64 KiB");
		assertEquals("/music/b.mp3: no MPEG audio frame in the first 64 KiB", before.getMessage());
		assertEquals(-1, before.frame());
	}

	@Test
	void codecsByExtension() {
		assertEquals(Codec.AAC, Codec.ofExtension("M4A"));
		assertEquals(Codec.VORBIS, Codec.ofExtension("ogg"));
		assertNull(Codec.ofExtension("txt"));
	}
}
