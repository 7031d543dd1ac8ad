package orbit.audio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A buffered input stream over a file, or the part of it before {@code end}, that can be moved to
 * any byte, so that decoders can seek.
 */
final class ChannelInput extends InputStream {

	private final FileChannel channel;
	private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).limit(0);
	private final long end;
	private long bufferStart;

	ChannelInput(FileChannel channel, long start) {
		this(channel, start, Long.MAX_VALUE);
	}

	ChannelInput(FileChannel channel, long start, long end) {
		this.channel = channel;
		this.bufferStart = start;
		this.end = end;
	}

	/** Moves to {@code offset}; what was buffered is dropped. */
	void moveTo(long offset) {
		bufferStart = offset;
		buffer.clear().limit(0);
	}

	/** The offset of the next byte read. */
	long offset() {
		return bufferStart + buffer.position();
	}

	@Override
	public int read() throws IOException {
		return fill() ? buffer.get() & 0xFF : -1;
	}

	@Override
	public int read(byte[] bytes, int off, int len) throws IOException {
		if (len == 0) {
			return 0;
		}
		if (!fill()) {
			return -1;
		}
		int n = Math.min(len, buffer.remaining());
		buffer.get(bytes, off, n);
		return n;
	}

	private boolean fill() throws IOException {
		if (buffer.hasRemaining()) {
			return true;
		}
		bufferStart += buffer.position();
		buffer.clear().limit((int) Math.max(0, Math.min(buffer.capacity(), end - bufferStart)));
		int read = buffer.hasRemaining() ? channel.read(buffer, bufferStart) : -1;
		buffer.flip();
		return read > 0;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
