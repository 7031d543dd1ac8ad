package orbit.ui.internal.updates;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;
import orbit.updates.Updates;

/** Help › Check for Updates: opens {@link UpdatesDialog}, whose restart restarts the workbench. */
public class CheckForUpdatesHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional @Service Updates updates,
			IWorkbench workbench) {
		new UpdatesDialog(shell, updates, UpdatesDialog.Mode.UPDATES, workbench::restart).open();
	}
}
