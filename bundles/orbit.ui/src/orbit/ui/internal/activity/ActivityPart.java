package orbit.ui.internal.activity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.enrichment.Enrichment;
import orbit.enrichment.ProviderState;
import orbit.ui.internal.Cells;
import orbit.ui.internal.Tables;

/**
 * Activity: running and recent Jobs (scans, enrichment, downloads, recovery, tag writes) with
 * their progress, and Cancel; below, each online provider's circuit (closed, or degraded until a
 * time) and the capabilities a 403 switched off. Refreshed every second while shown.
 */
public class ActivityPart {

	static final int REFRESH_MILLIS = 1000;

	@Inject
	@Optional
	JobActivity activity;

	@Inject
	@Optional
	@Service
	Enrichment enrichment;

	private Table jobs;
	private Table providers;
	private Label queue;
	private Button cancel;
	private final Runnable tick = this::tick;
	private List<List<String>> shownJobs = List.of();
	private List<List<String>> shownProviders = List.of();

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new FillLayout());
		SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
		Composite left = new Composite(sash, SWT.NONE);
		left.setLayout(new GridLayout(2, false));
		Label title = new Label(left, SWT.NONE);
		title.setText("Jobs: running, then recent");
		cancel = new Button(left, SWT.PUSH);
		cancel.setText("Cancel");
		cancel.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
		cancel.addListener(SWT.Selection, e -> cancelSelected());
		jobs = table(left, "Job", 260, "State", 80, "Progress", 70, "Doing", 200, "Started", 140, "Result", 220);
		jobs.addListener(SWT.Selection, e -> updateCancel());
		Composite right = new Composite(sash, SWT.NONE);
		right.setLayout(new GridLayout(2, false));
		queue = new Label(right, SWT.NONE);
		queue.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		providers = table(right, "Provider", 90, "Circuit", 250, "Switched off", 130, "Requests", 70, "Faults", 60,
				"Last error", 300);
		sash.setWeights(55, 45);
		tick();
	}

	private static Table table(Composite parent, Object... columns) {
		Table table = Tables.create(parent, SWT.SINGLE, columns);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
		return table;
	}

	private void tick() {
		if (jobs.isDisposed()) {
			return;
		}
		refresh();
		jobs.getDisplay().timerExec(REFRESH_MILLIS, tick);
	}

	/** Shows the Jobs and the providers' circuits as they are now. */
	public void refresh() {
		List<JobActivity.Entry> entries = activity == null ? List.of() : activity.entries();
		List<List<String>> rows = entries.stream().map(ActivityPart::cells).map(List::of).toList();
		// Rebuilt only when something changed: the view refreshes every second while a DJ works.
		if (!rows.equals(shownJobs)) {
			shownJobs = rows;
			Job selected = selectedJob();
			jobs.removeAll();
			for (int i = 0; i < entries.size(); i++) {
				JobActivity.Entry entry = entries.get(i);
				TableItem item = new TableItem(jobs, SWT.NONE);
				item.setText(rows.get(i).toArray(String[]::new));
				item.setData(entry);
				if (entry.job() == selected && entry.ended() == null) {
					jobs.setSelection(item);
				}
			}
		}
		updateCancel();
		if (enrichment == null) {
			queue.setText("Online enrichment is not installed.");
			return;
		}
		// The providers' states and the queue come from the database: read off the UI thread.
		Display display = jobs.getDisplay();
		Job read = Job.create("Reading provider states", monitor -> {
			List<ProviderState> states = enrichment.providers();
			int waiting = enrichment.queueSize();
			display.asyncExec(() -> showProviders(states, waiting));
			return org.eclipse.core.runtime.Status.OK_STATUS;
		});
		read.setSystem(true);
		read.schedule();
	}

	private void showProviders(List<ProviderState> states, int waiting) {
		if (providers.isDisposed()) {
			return;
		}
		Instant now = Instant.now();
		List<List<String>> rows = states.stream().map(state -> List.of(state.displayName(),
				state.degraded(now) ? "degraded: refused until " + Cells.time(state.openUntil()) : "closed (working)",
				state.disabled().isEmpty() ? "" : state.disabled().toString(), Long.toString(state.requests()),
				Long.toString(state.faults()), Cells.text(state.lastError()))).toList();
		if (!rows.equals(shownProviders)) {
			shownProviders = rows;
			providers.removeAll();
			rows.forEach(row -> new TableItem(providers, SWT.NONE).setText(row.toArray(String[]::new)));
		}
		queue.setText(String.format(Locale.ROOT, "Online providers  \u2014  %,d track(s) waiting for enrichment", waiting));
	}

	private static String[] cells(JobActivity.Entry entry) {
		return new String[] { entry.name(), entry.state(),
				entry.percent() < 0 ? (entry.ended() == null ? "\u2026" : "") : entry.percent() + " %",
				Cells.text(entry.task()), Cells.time(entry.started()), Cells.text(entry.result()) };
	}

	private Job selectedJob() {
		TableItem[] selection = jobs.getSelection();
		return selection.length == 0 ? null : ((JobActivity.Entry) selection[0].getData()).job();
	}

	private void updateCancel() {
		TableItem[] selection = jobs.getSelection();
		cancel.setEnabled(selection.length > 0 && ((JobActivity.Entry) selection[0].getData()).ended() == null);
	}

	/** Cancels the selected Job, as the Cancel button does. */
	public void cancelSelected() {
		Job job = selectedJob();
		if (job != null) {
			job.cancel();
		}
	}

	public boolean canCancel() {
		return cancel.isEnabled();
	}

	public Table jobsTable() {
		return jobs;
	}

	public Table providersTable() {
		return providers;
	}

	Display display() {
		return jobs.getDisplay();
	}

	@Focus
	public void setFocus() {
		jobs.setFocus();
	}
}
