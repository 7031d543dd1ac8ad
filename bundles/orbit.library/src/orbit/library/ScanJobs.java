package orbit.library;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

/** Long scans as Eclipse Jobs: progress in the Progress view, cancellation by the user. */
public final class ScanJobs {

	private static final String BUNDLE = "orbit.library";

	private ScanJobs() {
	}

	/**
	 * A job that scans {@code folder}; when it ends, {@code report} holds the {@link ScanReport}.
	 * A cancelled scan keeps what it wrote (each batch is its own transaction) and marks nothing missing.
	 */
	public static Job scan(Library library, Path folder, AtomicReference<ScanReport> report) {
		return Job.create("Scanning " + folder, monitor -> {
			ScanReport result = library.scan(folder, progressOf(monitor));
			report.set(result);
			return result.cancelled() ? Status.CANCEL_STATUS
					: new Status(IStatus.OK, BUNDLE, result.audioFiles() + " audio file(s), " + result.problems().size()
							+ " unreadable");
		});
	}

	/**
	 * Adapts a progress monitor: one split per audio file, cancelled when the monitor is. The
	 * scan stops itself when asked through {@link ScanProgress#isCancelled()}, so a split that
	 * finds the monitor cancelled says so there instead of throwing through the scan.
	 */
	public static ScanProgress progressOf(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, "Finding audio files", IProgressMonitor.UNKNOWN);
		return new ScanProgress() {
			private int reported;
			private volatile boolean cancelled;

			@Override
			public void filesFound(int total) {
				progress.setTaskName("Reading tags");
				progress.setWorkRemaining(total);
			}

			@Override
			public void fileDone(int done, int total) {
				try {
					progress.split(done - reported);
				} catch (OperationCanceledException e) {
					cancelled = true;
				}
				reported = done;
			}

			@Override
			public boolean isCancelled() {
				return cancelled || monitor.isCanceled();
			}
		};
	}
}
