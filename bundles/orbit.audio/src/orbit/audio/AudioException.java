package orbit.audio;

import java.nio.file.Path;

/**
 * A file that could not be decoded or measured: damaged, truncated, not audio, a codec whose
 * decoder is missing, or a decode past its time bound. The message names the file and, when
 * decoding had started, the position reached.
 */
public class AudioException extends Exception {
	private static final long serialVersionUID = 1L;

	private final Path file;
	private final long frame;
	private final double seconds;

	/**
	 * @param file   the file
	 * @param frame  the frame decoding had reached, or -1 when it had not started
	 * @param rate   the stream's sample rate, to say the position in seconds (0 when unknown)
	 * @param reason what went wrong, as a sentence without the file's name
	 */
	public AudioException(Path file, long frame, int rate, String reason, Throwable cause) {
		super(message(file, frame, rate, reason), cause);
		this.file = file;
		this.frame = frame;
		this.seconds = frame >= 0 && rate > 0 ? frame / (double) rate : -1;
	}

	public AudioException(Path file, String reason) {
		this(file, -1, 0, reason, null);
	}

	private static String message(Path file, long frame, int rate, String reason) {
		StringBuilder text = new StringBuilder().append(file).append(": ").append(reason);
		if (frame >= 0) {
			text.append(" (at frame ").append(frame);
			if (rate > 0) {
				text.append(String.format(java.util.Locale.ROOT, ", %.3f s", frame / (double) rate));
			}
			text.append(')');
		}
		return text.toString();
	}

	public Path file() {
		return file;
	}

	/** The frame decoding had reached, or -1 when it failed before the first. */
	public long frame() {
		return frame;
	}

	/** The position reached in seconds, or -1. */
	public double seconds() {
		return seconds;
	}
}
