package orbit.ui.internal.notifications;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;
import orbit.recovery.StartupRecovery;

/**
 * The recovery toast: after a recovery that did work (recovery posts its summary only then), a
 * small window in the bottom-right corner of the workstation says what was recovered, and goes
 * after {@value #SHOWN_MILLIS} ms or a click.
 */
public class RecoveryToast {

	/** Marks the toast's shell, for tests and for replacing an older toast. */
	public static final String SHELL_KEY = "orbit.ui.toast";
	static final int SHOWN_MILLIS = 10_000;

	@Inject
	MApplication application;

	private Shell toast;

	@Inject
	@Optional
	void recovered(@UIEventTopic(StartupRecovery.TOPIC_DONE) Event event) {
		Object summary = event.getProperty("summary");
		if (summary != null && !summary.toString().isBlank()) {
			show(summary.toString());
		}
	}

	void show(String summary) {
		Display display = Display.getCurrent();
		// Over the workstation's window (not whichever shell is active: that may be a hidden one).
		MWindow window = application.getSelectedElement();
		Shell parent = window != null && window.getWidget() instanceof Shell shell && !shell.isDisposed() ? shell
				: display.getActiveShell();
		if (toast != null && !toast.isDisposed()) {
			toast.dispose();
		}
		toast = parent == null ? new Shell(display, SWT.ON_TOP | SWT.TOOL | SWT.NO_TRIM)
				: new Shell(parent, SWT.ON_TOP | SWT.TOOL | SWT.NO_TRIM);
		toast.setData(SHELL_KEY, summary);
		toast.setBackground(display.getSystemColor(SWT.COLOR_INFO_BACKGROUND));
		GridLayout layout = new GridLayout(1, false);
		layout.marginWidth = 16;
		layout.marginHeight = 12;
		toast.setLayout(layout);
		Label title = new Label(toast, SWT.NONE);
		title.setText("Recovered after an interruption");
		title.setFont(display.getSystemFont());
		Label text = new Label(toast, SWT.WRAP);
		text.setText(summary);
		GridData textLayout = new GridData(SWT.FILL, SWT.CENTER, true, false);
		textLayout.widthHint = 360;
		text.setLayoutData(textLayout);
		for (var control : new org.eclipse.swt.widgets.Control[] { title, text }) {
			control.setBackground(toast.getBackground());
			control.setForeground(display.getSystemColor(SWT.COLOR_INFO_FOREGROUND));
			control.addListener(SWT.MouseDown, e -> toast.dispose());
		}
		toast.addListener(SWT.MouseDown, e -> toast.dispose());
		Point size = toast.computeSize(SWT.DEFAULT, SWT.DEFAULT);
		Rectangle area = parent != null ? parent.getBounds() : display.getPrimaryMonitor().getClientArea();
		toast.setBounds(area.x + area.width - size.x - 24, area.y + area.height - size.y - 24, size.x, size.y);
		toast.setVisible(true);
		Shell shown = toast;
		display.timerExec(SHOWN_MILLIS, () -> {
			if (!shown.isDisposed()) {
				shown.dispose();
			}
		});
	}
}
