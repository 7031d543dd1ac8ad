package orbit.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.LongConsumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where downloads come from: a whiteboard service, one per kind of remote (HTTP(S) is built in;
 * a P2P network is a plugin). Sources with a higher {@code service.ranking} are asked first.
 */
@ConsumerType
public interface DownloadSource {

	/** Whether this source can fetch {@code uri}. */
	boolean handles(URI uri);

	/** Asks the remote side what the item is. */
	RemoteItem describe(URI uri) throws IOException;

	/**
	 * The bytes of the item from {@code offset} on. When {@code offset > 0} the source must
	 * deliver exactly that range of the version {@code validator} names, or throw
	 * {@link ResumeRefusedException} so that the download restarts from zero.
	 */
	InputStream open(RemoteItem item, long offset) throws IOException;

	/**
	 * Copies the bytes of the item from {@code offset} on into {@code sink}, reporting each
	 * chunk written to {@code written}, until the end of the item. An interrupt of the calling
	 * thread aborts the copy with an {@link java.io.InterruptedIOException}. Sources with a
	 * faster path than {@link #open} (no intermediate stream) override this.
	 */
	default void copy(RemoteItem item, long offset, WritableByteChannel sink, LongConsumer written) throws IOException {
		try (InputStream in = open(item, offset)) {
			byte[] buffer = new byte[256 * 1024];
			ByteBuffer wrapper = ByteBuffer.wrap(buffer);
			for (int n; (n = in.read(buffer)) >= 0;) {
				wrapper.clear().limit(n);
				while (wrapper.hasRemaining()) {
					sink.write(wrapper);
				}
				written.accept(n);
				if (Thread.currentThread().isInterrupted()) {
					throw new java.io.InterruptedIOException("interrupted");
				}
			}
		}
	}

	/** A resume that cannot be honoured: the remote changed, or does not serve ranges. */
	class ResumeRefusedException extends IOException {
		private static final long serialVersionUID = 1L;

		public ResumeRefusedException(String message) {
			super(message);
		}
	}
}
