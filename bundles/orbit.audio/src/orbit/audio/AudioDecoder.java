package orbit.audio;

import java.nio.file.Path;
import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decodes library files to PCM: MP3 (gapless), FLAC, WAV, AIFF and Ogg Vorbis in Java; Opus and
 * M4A/AAC through FFmpeg. The codec is found from the file's content, so a wrong extension still
 * decodes, or fails with a clear error. A service.
 */
@ProviderType
public interface AudioDecoder {

	/** The time bound of a decode when none is given: long enough for any track on a slow machine. */
	Duration DEFAULT_BOUND = Duration.ofMinutes(2);

	/**
	 * Opens a file for streaming decode; every read and seek must end within {@code bound} of this
	 * call.
	 */
	PcmStream open(Path file, Duration bound) throws AudioException;

	/** Reads the stream's header only: codec, rate, channels, declared length. */
	StreamInfo probe(Path file) throws AudioException;

	/** Decodes a whole file into memory within {@link #DEFAULT_BOUND}. */
	Pcm decode(Path file) throws AudioException;

	/** Decodes a whole file into memory within {@code bound}. */
	Pcm decode(Path file, Duration bound) throws AudioException;
}
