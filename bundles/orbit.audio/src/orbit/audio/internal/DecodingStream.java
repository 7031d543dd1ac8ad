package orbit.audio.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import orbit.audio.AudioException;
import orbit.audio.PcmStream;
import orbit.audio.StreamInfo;

/**
 * What every decoder shares: the time bound checked before each read and seek, the position, and
 * the replacement of samples that are not finite numbers.
 */
abstract class DecodingStream implements PcmStream {

	private static final int INFINITY = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

	protected final StreamInfo info;
	protected final TimeBound bound;
	protected long position;
	private long replaced;

	DecodingStream(StreamInfo info, TimeBound bound) {
		this.info = info;
		this.bound = bound;
	}

	@Override
	public final StreamInfo info() {
		return info;
	}

	@Override
	public final int read(float[] samples, int frames) throws AudioException {
		bound.check(position, info.sampleRate());
		if (frames <= 0) {
			return 0;
		}
		int read = readFrames(samples, Math.min(frames, samples.length / info.channels()));
		if (read > 0) {
			replaceNonFinite(samples, read * info.channels());
			position += read;
		}
		return read;
	}

	@Override
	public final void seek(long frame) throws AudioException {
		bound.check(position, info.sampleRate());
		if (frame < 0 || info.frames() >= 0 && frame > info.frames()) {
			throw error("cannot seek to frame " + frame + " of " + info.frames(), null);
		}
		seekTo(frame);
		position = frame;
	}

	@Override
	public final long position() {
		return position;
	}

	@Override
	public final long replaced() {
		return replaced;
	}

	/** Decodes up to {@code frames} frames from {@link #position}; -1 at the end. */
	protected abstract int readFrames(float[] samples, int frames) throws AudioException;

	/** Makes the next {@link #readFrames} start at {@code frame}. */
	protected abstract void seekTo(long frame) throws AudioException;

	protected final AudioException error(String reason, Throwable cause) {
		return new AudioException(file(), position, info.sampleRate(), reason, cause);
	}

	protected final Path file() {
		return info.file();
	}

	/** What a decoder's exception says, for a message: its text, or its kind when it has none. */
	protected static String detail(Throwable e) {
		String message = e.getMessage();
		return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
	}

	/** Closes a file that was only read from: nothing can be lost if closing fails. */
	protected static void close(Closeable file) {
		if (file != null) {
			try {
				file.close();
			} catch (IOException e) {
				// Nothing was written.
			}
		}
	}

	/**
	 * A decoder's NaN becomes silence and its infinity full scale, so no measurement downstream is
	 * poisoned. A float is not finite when its magnitude's bits are at least those of infinity; the
	 * largest of a read's is a reduction the compiler vectorises, and only a read that fails it is
	 * searched.
	 */
	private void replaceNonFinite(float[] samples, int count) {
		int largest = 0;
		for (int i = 0; i < count; i++) {
			largest = Math.max(largest, Float.floatToRawIntBits(samples[i]) & 0x7fffffff);
		}
		if (largest < INFINITY) {
			return;
		}
		for (int i = 0; i < count; i++) {
			float sample = samples[i];
			if (!Float.isFinite(sample)) {
				samples[i] = Float.isNaN(sample) ? 0 : Math.copySign(1f, sample);
				replaced++;
			}
		}
	}
}
