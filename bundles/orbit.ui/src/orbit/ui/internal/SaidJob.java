package orbit.ui.internal;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

import orbit.core.ErrorSentences;

/**
 * A user Job whose outcome is one sentence shown in a view: what it did, or what went wrong in
 * words the user can act on (never a stack trace). Every view's commands on the library run so.
 */
public final class SaidJob {

	/** The work: returns what it did, as a sentence. */
	@FunctionalInterface
	public interface Work {
		String run(IProgressMonitor monitor) throws Exception;
	}

	private SaidJob() {
	}

	/**
	 * Schedules {@code work} as a user Job (its progress in the Activity view) and hands its
	 * sentence, or its failure's, to {@code say} on the UI thread.
	 *
	 * @param file the file the work is about, named in a failure's sentence; null for none
	 */
	public static Job schedule(String name, Display display, Path file, Work work, Consumer<String> say) {
		Job job = Job.create(name, monitor -> {
			String sentence;
			try {
				sentence = work.run(monitor);
			} catch (Exception e) {
				sentence = ErrorSentences.sentence(e, file, ErrorSentences.LOG_HINT);
			}
			String said = sentence;
			if (said != null) {
				display.asyncExec(() -> say.accept(said));
			}
			return Status.OK_STATUS;
		});
		job.setUser(true);
		job.schedule();
		return job;
	}
}
