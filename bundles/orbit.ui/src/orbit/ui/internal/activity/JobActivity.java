package orbit.ui.internal.activity;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.jobs.ProgressProvider;

import orbit.core.ErrorSentences;

/**
 * The workstation's record of Jobs: every non-system Job that runs, with its progress (through
 * the job manager's progress provider), and the last {@value #RECENT_KEPT} that ended. The
 * Activity view shows it; it is kept from start-up so that jobs started before the view opened
 * are there too.
 */
public final class JobActivity {

	static final int RECENT_KEPT = 30;

	/** One Job as the view shows it. */
	public record Entry(Job job, String name, String state, int percent, String task, Instant started, Instant ended,
			String result) {
	}

	private final class Tracked extends NullProgressMonitor {
		final Job job;
		final Instant started = Instant.now();
		volatile String task = "";
		volatile int total = IProgressMonitor.UNKNOWN;
		volatile double worked;
		volatile Instant ended;
		volatile String result;
		volatile String state = "waiting";

		Tracked(Job job) {
			this.job = job;
		}

		@Override
		public void beginTask(String name, int totalWork) {
			total = totalWork;
			worked = 0;
			if (name != null && !name.isBlank()) {
				task = name;
			}
		}

		@Override
		public void subTask(String name) {
			if (name != null) {
				task = name;
			}
		}

		@Override
		public void setTaskName(String name) {
			subTask(name);
		}

		@Override
		public void internalWorked(double work) {
			worked += work;
		}

		@Override
		public void worked(int work) {
			internalWorked(work);
		}

		Entry entry() {
			int percent = total > 0 ? (int) Math.min(100, Math.round(worked * 100 / total)) : -1;
			return new Entry(job, job.getName(), state, percent, task, started, ended, result);
		}
	}

	private final Map<Job, Tracked> running = new LinkedHashMap<>();
	private final Deque<Tracked> recent = new ArrayDeque<>();
	private final IJobManager manager;

	private final JobChangeAdapter listener = new JobChangeAdapter() {
		@Override
		public void scheduled(IJobChangeEvent event) {
			if (!event.getJob().isSystem()) {
				synchronized (JobActivity.this) {
					running.computeIfAbsent(event.getJob(), Tracked::new);
				}
			}
		}

		@Override
		public void running(IJobChangeEvent event) {
			Tracked tracked = tracked(event.getJob());
			if (tracked != null) {
				tracked.state = "running";
			}
		}

		@Override
		public void done(IJobChangeEvent event) {
			synchronized (JobActivity.this) {
				Tracked tracked = running.remove(event.getJob());
				if (tracked == null) {
					return;
				}
				IStatus result = event.getResult();
				tracked.ended = Instant.now();
				tracked.state = result == null ? "done"
						: switch (result.getSeverity()) {
						case IStatus.CANCEL -> "cancelled";
						case IStatus.ERROR -> "failed";
						case IStatus.WARNING -> "warning";
						default -> "done";
						};
				// A failure reads as it does everywhere else: what happened and what to do.
				tracked.result = result == null ? ""
						: result.getException() != null
								? ErrorSentences.sentence(result.getException(), null, ErrorSentences.LOG_HINT)
								: result.getMessage();
				recent.addFirst(tracked);
				while (recent.size() > RECENT_KEPT) {
					recent.removeLast();
				}
			}
		}
	};

	private final ProgressProvider progress = new ProgressProvider() {
		@Override
		public IProgressMonitor createMonitor(Job job) {
			if (job.isSystem()) {
				return new NullProgressMonitor();
			}
			synchronized (JobActivity.this) {
				return running.computeIfAbsent(job, Tracked::new);
			}
		}
	};

	public JobActivity(IJobManager manager) {
		this.manager = manager;
		manager.addJobChangeListener(listener);
		manager.setProgressProvider(progress);
	}

	private synchronized Tracked tracked(Job job) {
		return running.get(job);
	}

	/** Running and waiting Jobs first (oldest first), then the recent ones (newest first). */
	public synchronized List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		running.values().forEach(t -> entries.add(t.entry()));
		recent.forEach(t -> entries.add(t.entry()));
		return entries;
	}

	public void dispose() {
		manager.removeJobChangeListener(listener);
		manager.setProgressProvider(null);
	}
}
