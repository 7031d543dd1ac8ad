package orbit.updates.internal;

import org.eclipse.core.runtime.NullProgressMonitor;

import orbit.updates.UpdateProgress;

/** p2's progress, handed on to an {@link UpdateProgress} as a share of 1,000. */
final class ProgressAdapter extends NullProgressMonitor {

	private static final int SCALE = 1000;
	private final UpdateProgress progress;
	private double total = 1;
	private double done;
	private String task = "";
	private String subTask = "";

	ProgressAdapter(UpdateProgress progress) {
		this.progress = progress == null ? UpdateProgress.NONE : progress;
	}

	@Override
	public void beginTask(String name, int totalWork) {
		task = name == null ? "" : name;
		total = totalWork <= 0 ? 1 : totalWork;
		done = 0;
		report();
	}

	@Override
	public void internalWorked(double work) {
		done = Math.min(total, done + work);
		report();
	}

	@Override
	public void worked(int work) {
		internalWorked(work);
	}

	@Override
	public void setTaskName(String name) {
		task = name == null ? "" : name;
		report();
	}

	@Override
	public void subTask(String name) {
		subTask = name == null ? "" : name;
		report();
	}

	@Override
	public void done() {
		done = total;
		report();
	}

	private void report() {
		String text = subTask.isBlank() ? task : subTask;
		progress.worked((int) Math.round(done / total * SCALE), SCALE, text);
	}
}
