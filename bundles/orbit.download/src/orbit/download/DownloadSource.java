package orbit.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Where downloads come from: a whiteboard service, one per kind of remote (HTTP(S) is built in;
 * a P2P network is a plugin). Sources with a higher {@code service.ranking} are asked first.
 */
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

	/** A resume that cannot be honoured: the remote changed, or does not serve ranges. */
	class ResumeRefusedException extends IOException {
		private static final long serialVersionUID = 1L;

		public ResumeRefusedException(String message) {
			super(message);
		}
	}
}
