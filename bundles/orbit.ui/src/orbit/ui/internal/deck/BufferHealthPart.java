package orbit.ui.internal.deck;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.buffer.Buffer;
import orbit.buffer.BufferHealth;
import orbit.core.ErrorSentences;
import orbit.ui.internal.Tables;

/**
 * Buffer Health: how well the buffer serves the decks, refreshed every second while shown: each
 * tier's hit rate, chunks and memory against its budget, lookups and misses, how often a switch or
 * jump was already planned, what memory pressure turned off, the render workers, evictions and
 * the cache's slowest operations; the alerts raised now, highlighted, and the recent errors.
 * The health is read off the UI thread.
 */
public class BufferHealthPart {

	static final int REFRESH_MILLIS = 1000;

	private static final double MIB = 1024 * 1024;
	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
			.withZone(ZoneId.systemDefault());
	private static final Color WARNING = new Color(255, 226, 140);
	private static final Color CRITICAL = new Color(255, 150, 140);

	@Inject
	@Optional
	@Service
	Buffer buffer;

	private Label summary;
	private Table tiers;
	private Table workers;
	private Table alerts;
	private Table errors;
	private final Runnable tick = this::tick;
	private volatile boolean reading;
	private BufferHealth shown;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new FillLayout());
		SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
		Composite left = new Composite(sash, SWT.NONE);
		left.setLayout(new GridLayout(1, false));
		summary = new Label(left, SWT.WRAP);
		summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		tiers = table(left, "Tier", 50, "Hit rate", 70, "Hits", 80, "Chunks", 70, "Used MiB", 80, "Budget MiB", 95,
				"Evictions", 80);
		for (int i = 1; i < tiers.getColumnCount(); i++) {
			tiers.getColumn(i).setAlignment(SWT.RIGHT);
		}
		// Always the three tiers in full; the workers' table takes the rest.
		((GridData) tiers.getLayoutData()).grabExcessVerticalSpace = false;
		((GridData) tiers.getLayoutData()).heightHint = tiers.getHeaderHeight() + 3 * tiers.getItemHeight() + 4;
		workers = table(left, "Worker", 160, "State", 100, "Rendered", 80, "Restarts", 70);
		Composite right = new Composite(sash, SWT.NONE);
		right.setLayout(new GridLayout(1, false));
		alerts = table(right, "Alert", 140, "Severity", 80, "Message", 420);
		((GridData) alerts.getLayoutData()).grabExcessVerticalSpace = false;
		((GridData) alerts.getLayoutData()).heightHint = 60;
		new Label(right, SWT.NONE).setText("Recent errors, newest first");
		errors = table(right, "Time", 70, "Component", 110, "Type", 120, "Message", 420);
		sash.setWeights(50, 50);
		tick();
	}

	private static Table table(Composite parent, Object... columns) {
		Table table = Tables.create(parent, SWT.SINGLE, columns);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		return table;
	}

	private void tick() {
		if (summary.isDisposed()) {
			return;
		}
		refresh();
		summary.getDisplay().timerExec(REFRESH_MILLIS, tick);
	}

	/** Reads the buffer's health off the UI thread and shows it. */
	public void refresh() {
		if (buffer == null) {
			summary.setText("The buffer service is not available.");
			return;
		}
		if (reading) {
			return;
		}
		reading = true;
		Display display = summary.getDisplay();
		Job read = Job.create("Reading the buffer's health", monitor -> {
			try {
				BufferHealth health = buffer.health();
				display.asyncExec(() -> show(health));
			} catch (RuntimeException e) {
				String sentence = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				display.asyncExec(() -> {
					if (!summary.isDisposed()) {
						summary.setText(sentence);
					}
				});
			} finally {
				reading = false;
			}
			return Status.OK_STATUS;
		});
		read.setSystem(true);
		read.schedule();
	}

	private void show(BufferHealth health) {
		if (summary.isDisposed()) {
			return;
		}
		shown = health;
		String text = summary(health);
		if (!text.equals(summary.getText())) {
			summary.setText(text);
			summary.getParent().layout();
		}
		fill(tiers, health.tiers().stream().map(t -> List.of(t.name(), percent(t.hitRate()),
				String.format(Locale.ROOT, "%,d", t.hits()), Integer.toString(t.chunks()), mib(t.usedBytes()),
				mib(t.budgetBytes()), String.format(Locale.ROOT, "%,d", t.evictions()))).toList());
		fill(workers, health.workers().stream().map(w -> List.of(w.name(), w.state(),
				String.format(Locale.ROOT, "%,d", w.rendered()), Integer.toString(w.restarts()))).toList());
		List<List<String>> alertRows = health.alerts().isEmpty() ? List.of(List.of("", "", "No alerts"))
				: health.alerts().stream().map(a -> List.of(a.type(), a.severity(), a.message())).toList();
		if (fill(alerts, alertRows)) {
			for (TableItem item : alerts.getItems()) {
				String severity = item.getText(1);
				item.setBackground(severity.isEmpty() ? null : "critical".equalsIgnoreCase(severity) ? CRITICAL : WARNING);
			}
		}
		List<List<String>> errorRows = new ArrayList<>();
		for (BufferHealth.BufferError e : health.recentErrors().reversed()) {
			errorRows.add(List.of(clock(e.at()), e.component(), e.type(), e.message() == null ? "" : e.message()));
		}
		fill(errors, errorRows);
	}

	/** The buffer's figures in a few lines. */
	static String summary(BufferHealth h) {
		return String.format(Locale.ROOT,
				"Lookups %,d, misses %,d   Prediction %s (%,d switches and jumps)   Degradation: %s%n"
						+ "Memory %s of %s MiB   Renders %,d, errors %,d   Evictions %,d/min   Cache p99 %.0f \u00b5s",
				h.lookups(), h.misses(), percent(h.predictionAccuracy()), h.predictions(), degradation(h.degradation()),
				mib(h.usedBytes()), mib(h.budgetBytes()), h.renders(), h.renderErrors(), h.evictionsPerMinute(),
				h.operationP99Micros());
	}

	/** "none", "no L3", "no L2 and L3", "current chunk only". */
	static String degradation(BufferHealth.Degradation degradation) {
		return switch (degradation) {
			case NONE -> "none";
			case NO_L3 -> "no L3";
			case NO_L2_L3 -> "no L2 and L3";
			case CURRENT_CHUNK_ONLY -> "current chunk only";
		};
	}

	static String percent(double fraction) {
		return Double.isNaN(fraction) ? "\u2013" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
	}

	static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / MIB);
	}

	static String clock(Instant at) {
		return at == null ? "" : CLOCK.format(at);
	}

	/** Puts the rows in the table, only when they changed (the view refreshes every second); whether they did. */
	private static boolean fill(Table table, List<List<String>> rows) {
		if (rows.equals(table.getData())) {
			return false;
		}
		table.setData(rows);
		table.setRedraw(false);
		try {
			table.removeAll();
			rows.forEach(row -> new TableItem(table, SWT.NONE).setText(row.toArray(String[]::new)));
		} finally {
			table.setRedraw(true);
		}
		return true;
	}

	/** The health shown last, for tests; null before the first read. */
	public BufferHealth shown() {
		return shown;
	}

	public String summaryText() {
		return summary.getText();
	}

	public Table tiersTable() {
		return tiers;
	}

	public Table workersTable() {
		return workers;
	}

	public Table alertsTable() {
		return alerts;
	}

	public Table errorsTable() {
		return errors;
	}

	@Focus
	public void setFocus() {
		tiers.setFocus();
	}
}
