package orbit.download;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a download has finished and its file is in place (durable, verified, moved through
 * SafeWrite): the upgrade concern looks at files that arrive in its incoming folders. A whiteboard
 * service; it is told on the download's worker thread, after the download counts as completed, so
 * a listener that throws is logged and changes nothing of the download.
 */
@ConsumerType
public interface DownloadListener {

	void finished(DownloadStatus download);
}
