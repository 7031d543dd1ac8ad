package orbit.download;

import java.net.URI;
import java.nio.file.Path;

/**
 * A snapshot of one download.
 *
 * @param target   where the file goes (its name sanitised)
 * @param received bytes confirmed on disk in the .part file
 * @param size     the expected size, or -1 when unknown
 * @param attempts how many times it was started or resumed
 * @param error     why it failed or last stalled, or null
 * @param resumable whether a failed download kept its partial file and journal entry, so that the
 *                  same download started again resumes it; false when it kept nothing
 */
public record DownloadStatus(long id, URI uri, Path target, int priority, DownloadState state, long received,
		long size, int attempts, String error, boolean resumable) {
}
