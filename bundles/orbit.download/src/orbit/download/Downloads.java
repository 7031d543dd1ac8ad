package orbit.download;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The download queue: user downloads (priority 10) go before background ones (0). */
@ProviderType
public interface Downloads {

	int USER_PRIORITY = 10;
	int BACKGROUND_PRIORITY = 0;

	/** Queues a download into {@code directory}; returns its id at once. */
	long enqueue(URI uri, Path directory, int priority);

	Optional<DownloadStatus> status(long id);

	List<DownloadStatus> all();

	/** Stops a download and removes its partial file. */
	void cancel(long id);

	/** Waits until the download has finished (completed, failed or cancelled). */
	DownloadStatus await(long id, Duration timeout) throws InterruptedException;
}
