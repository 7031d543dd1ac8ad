package orbit.audio;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A file being decoded: interleaved float samples in [-1, 1], {@code channels} per frame. Not
 * thread-safe. Every call checks the decode's time bound; past it the call fails with an
 * {@link AudioException}. Samples that come out of a decoder as NaN or infinity are replaced by
 * 0 (or the nearest full scale) and counted in {@link #replaced()}.
 */
@ProviderType
public interface PcmStream extends AutoCloseable {

	StreamInfo info();

	/**
	 * Decodes up to {@code frames} frames into {@code samples} from index 0.
	 *
	 * @return the frames decoded, or -1 at the end of the stream
	 * @throws AudioException when the file is damaged here, or the time bound has passed; the
	 *                        exception names the file and the frame it reached
	 */
	int read(float[] samples, int frames) throws AudioException;

	/**
	 * Moves to a frame; the next {@link #read} starts exactly there for FLAC, WAV and AIFF, and as
	 * close as the codec allows for the others (within one codec frame).
	 */
	void seek(long frame) throws AudioException;

	/** The frame the next {@link #read} starts at. */
	long position();

	/** How many samples were NaN or infinite and were replaced. */
	long replaced();

	@Override
	void close();
}
