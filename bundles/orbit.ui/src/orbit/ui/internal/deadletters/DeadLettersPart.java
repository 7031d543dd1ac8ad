package orbit.ui.internal.deadletters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.core.ErrorSentences;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.DeadLetter;
import orbit.recovery.StartupRecovery;
import orbit.ui.internal.Cells;
import orbit.ui.internal.Tables;

/**
 * Dead Letters: the operations recovery set aside after repeated failures, with their type,
 * target, failure count, last error and time. Retry resets the count and returns the operation to
 * the journal's queue, then runs recovery; the log opens in the system's text viewer.
 */
public class DeadLettersPart {

	@Inject
	@Optional
	@Service
	CrashRecoveryJournal journal;

	@Inject
	@Optional
	@Service
	StartupRecovery recovery;

	private Table table;
	private Label status;
	private Button retry;
	private Button openLog;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(4, false));
		retry = new Button(parent, SWT.PUSH);
		retry.setText("Retry");
		retry.setToolTipText("Reset the failure count and try the operation again now");
		retry.addListener(SWT.Selection, e -> retrySelected());
		openLog = new Button(parent, SWT.PUSH);
		openLog.setText("Open the log");
		openLog.addListener(SWT.Selection, e -> openLog());
		Button refresh = new Button(parent, SWT.PUSH);
		refresh.setText("Refresh");
		refresh.addListener(SWT.Selection, e -> refresh());
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		table = Tables.create(parent, SWT.MULTI, "Operation", 130, "Target", 340, "Failures", 70, "Last error", 380,
				"Set aside", 150);
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
		table.addListener(SWT.Selection, e -> retry.setEnabled(table.getSelectionCount() > 0));
		refresh();
	}

	/** Recovery ran (it may have set operations aside, or finished retried ones). */
	@Inject
	@Optional
	void recovered(@UIEventTopic(StartupRecovery.TOPIC_DONE) Object event) {
		if (table != null && !table.isDisposed()) {
			refresh();
		}
	}

	/** Reads the dead letters off the UI thread and shows them. */
	public void refresh() {
		if (journal == null) {
			status.setText("The recovery journal is not available.");
			return;
		}
		Display display = table.getDisplay();
		Job read = Job.create("Reading dead letters", monitor -> {
			try {
				List<DeadLetter> letters = journal.deadLetters();
				display.asyncExec(() -> show(letters));
			} catch (RuntimeException e) {
				String sentence = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				display.asyncExec(() -> status.setText(sentence));
			}
			return Status.OK_STATUS;
		});
		read.setSystem(true);
		read.schedule();
	}

	private void show(List<DeadLetter> letters) {
		if (table.isDisposed()) {
			return;
		}
		table.removeAll();
		for (DeadLetter letter : letters) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { letter.operationType(), Cells.text(letter.targetPath()),
					Integer.toString(letter.failureCount()), Cells.text(letter.lastError()), Cells.time(letter.deadAt()) });
			item.setData(letter);
		}
		for (TableColumn column : table.getColumns()) {
			column.pack();
		}
		status.setText(letters.isEmpty() ? "No operation was set aside."
				: String.format(Locale.ROOT, "%d operation(s) set aside after repeated failures. Nothing was deleted: "
						+ "fix the cause (space, permissions, a locked file) and retry.", letters.size()));
		status.getParent().layout();
		retry.setEnabled(table.getSelectionCount() > 0);
		openLog.setEnabled(journal != null && Files.exists(journal.deadLetterLog()));
	}

	/** Retries the selected dead letters: back to the queue, then recovery runs in the background. */
	public void retrySelected() {
		List<DeadLetter> chosen = java.util.Arrays.stream(table.getSelection()).map(i -> (DeadLetter) i.getData()).toList();
		if (chosen.isEmpty()) {
			return;
		}
		Display display = table.getDisplay();
		Job job = Job.create("Retrying " + chosen.size() + " dead letter(s)", monitor -> {
			SubMonitor progress = SubMonitor.convert(monitor, chosen.size());
			IStatus status = Status.OK_STATUS;
			try {
				for (DeadLetter letter : chosen) {
					progress.split(1);
					journal.retry(letter.id());
				}
			} catch (OperationCanceledException e) {
				// The ones re-queued so far are shown and recovered; the rest stay dead letters.
				status = Status.CANCEL_STATUS;
			}
			display.asyncExec(this::refresh);
			if (recovery != null) {
				recovery.schedule();
			}
			return status;
		});
		job.setUser(true);
		job.schedule();
	}

	/** Opens the dead-letter log in the desktop's program for text files, or says where it is. */
	public boolean openLog() {
		Path log = journal.deadLetterLog();
		boolean opened = Program.launch(log.toString());
		if (!opened) {
			status.setText("No program opens text files here; the log is " + log);
			status.getParent().layout();
		}
		return opened;
	}

	public boolean canOpenLog() {
		return openLog.isEnabled();
	}

	public String status() {
		return status.getText();
	}

	public Table table() {
		return table;
	}

	@Focus
	public void setFocus() {
		table.setFocus();
	}
}
