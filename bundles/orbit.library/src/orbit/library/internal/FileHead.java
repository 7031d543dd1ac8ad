package orbit.library.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only channel over an open file whose first bytes are read in one call. Tag parsers
 * read a header a few bytes at a time and seek between reads; over the head those are memory
 * copies instead of system calls, which cost more than the parsing on a scan of thousands of
 * files. Reads past the head go to the file. Closing this channel leaves the file open.
 * <p>
 * The head's buffer is the thread's own and is used again by the next head made on that
 * thread: a head is read from only until then (what is read from it is copied out).
 */
final class FileHead extends FileChannel {

	/** Holds the tags and the first audio frames of a file without embedded pictures. */
	static final int LENGTH = 16 * 1024;

	/** One buffer per reading thread: a new one per file cost more than reading into it. */
	private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(LENGTH));

	private final FileChannel file;
	private final long size;
	private final ByteBuffer head;
	private long position;

	FileHead(FileChannel file) throws IOException {
		this.file = file;
		this.size = file.size();
		head = BUFFERS.get().clear().limit((int) Math.min(size, LENGTH));
		while (head.hasRemaining() && file.read(head, head.position()) > 0) {
			// a short read only happens when the file shrank meanwhile; the rest reads as end of file
		}
		head.flip();
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		int n = read(dst, position);
		if (n > 0) {
			position += n;
		}
		return n;
	}

	@Override
	public int read(ByteBuffer dst, long at) throws IOException {
		if (at < 0) {
			throw new IllegalArgumentException("negative position " + at);
		}
		if (at >= size) {
			return -1;
		}
		int wanted = dst.remaining();
		if (at + wanted > head.limit() && head.limit() < size) {
			return file.read(dst, at);
		}
		// within the head, or the head is the whole file (at < size = its limit)
		int n = (int) Math.min(wanted, head.limit() - at);
		dst.put(dst.position(), head, (int) at, n);
		dst.position(dst.position() + n);
		return n;
	}

	@Override
	public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
		long total = 0;
		for (int i = offset; i < offset + length; i++) {
			int wanted = dsts[i].remaining();
			int n = read(dsts[i]);
			if (n < 0) {
				return total == 0 ? -1 : total;
			}
			total += n;
			if (n < wanted) {
				break;
			}
		}
		return total;
	}

	@Override
	public long position() {
		return position;
	}

	@Override
	public FileChannel position(long newPosition) {
		if (newPosition < 0) {
			throw new IllegalArgumentException("negative position " + newPosition);
		}
		position = newPosition;
		return this;
	}

	@Override
	public long size() {
		return size;
	}

	@Override
	public int write(ByteBuffer src) {
		throw new NonWritableChannelException();
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) {
		throw new NonWritableChannelException();
	}

	@Override
	public int write(ByteBuffer src, long at) {
		throw new NonWritableChannelException();
	}

	@Override
	public FileChannel truncate(long newSize) {
		throw new NonWritableChannelException();
	}

	@Override
	public void force(boolean metaData) {
		// nothing is ever written through this channel
	}

	@Override
	public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
		return file.transferTo(at, count, target);
	}

	@Override
	public long transferFrom(ReadableByteChannel src, long at, long count) {
		throw new NonWritableChannelException();
	}

	@Override
	public MappedByteBuffer map(MapMode mode, long at, long length) {
		throw new UnsupportedOperationException("a file head is not mapped");
	}

	@Override
	public FileLock lock(long at, long length, boolean shared) {
		throw new UnsupportedOperationException("a file head is never locked");
	}

	@Override
	public FileLock tryLock(long at, long length, boolean shared) {
		throw new UnsupportedOperationException("a file head is never locked");
	}

	@Override
	protected void implCloseChannel() {
		// the file belongs to whoever opened it
	}
}
