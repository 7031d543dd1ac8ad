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
	 * A cancelled scan keeps what it wrote (each batch is its own transaction) and marks nothing
	 * missing. The audio checks of what it found follow in a job of their own ({@link #checkAudio}).
	 */
	public static Job scan(Library library, Path folder, AtomicReference<ScanReport> report) {
		return Job.create("Scanning " + folder, monitor -> {
			ScanReport result = library.scan(folder, progressOf(monitor));
			report.set(result);
			if (result.cancelled()) {
				return Status.CANCEL_STATUS;
			}
			return new Status(IStatus.OK, BUNDLE, result.audioFiles() + " audio file(s), " + result.duplicates()
					+ " copies, " + result.problems().size() + " unreadable");
		});
	}

	/**
	 * A low-priority job that checks the audio of every file under {@code folder} not checked since
	 * it changed; cancelled, it keeps what it found and the next one goes on from there.
	 */
	public static Job checkAudio(Library library, Path folder) {
		Job job = Job.create("Checking the audio of " + folder, monitor -> {
			AudioCheckReport result = library.checkAudio(folder, progressOf(monitor, "Checking audio"));
			return result.cancelled() ? Status.CANCEL_STATUS
					: new Status(result.damaged().isEmpty() ? IStatus.OK : IStatus.WARNING, BUNDLE,
							result.checked() + " file(s) checked, " + result.damaged().size() + " with damaged audio");
		});
		job.setPriority(Job.DECORATE);
		return job;
	}

	/**
	 * A low-priority job that measures the audio quality of every file under {@code folder} not
	 * measured since it changed (see {@link Library#measureQuality}); cancelled, it keeps what it
	 * measured and the next one goes on from there.
	 */
	public static Job measureQuality(Library library, Path folder) {
		Job job = Job.create("Measuring the audio quality of " + folder, monitor -> {
			QualityReport result = library.measureQuality(folder, progressOf(monitor, "Measuring quality"));
			return result.cancelled() ? Status.CANCEL_STATUS
					: new Status(result.transcoded().isEmpty() ? IStatus.OK : IStatus.WARNING, BUNDLE, result.measured()
							+ " file(s) measured, " + result.transcoded().size() + " lossless file(s) transcoded from lossy");
		});
		job.setPriority(Job.DECORATE);
		return job;
	}

	/**
	 * Adapts a progress monitor: one split per audio file, cancelled when the monitor is. The
	 * scan stops itself when asked through {@link ScanProgress#isCancelled()}, so a split that
	 * finds the monitor cancelled says so there instead of throwing through the scan.
	 */
	public static ScanProgress progressOf(IProgressMonitor monitor) {
		return progressOf(monitor, "Reading tags");
	}

	private static ScanProgress progressOf(IProgressMonitor monitor, String task) {
		SubMonitor progress = SubMonitor.convert(monitor, "Finding audio files", IProgressMonitor.UNKNOWN);
		return new ScanProgress() {
			private int reported;
			private volatile boolean cancelled;

			@Override
			public void filesFound(int total) {
				progress.setTaskName(task);
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
