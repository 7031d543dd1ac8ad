package orbit.ui.internal.updates;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import orbit.core.ErrorSentences;
import orbit.ui.internal.Tables;
import orbit.updates.Change;
import orbit.updates.FeatureUpdate;
import orbit.updates.Plugin;
import orbit.updates.Trust;
import orbit.updates.UpdateProgress;
import orbit.updates.Updates;

/**
 * Help › Check for Updates and Help › Install Plugins: what the command line's {@code update} and
 * {@code plugins} do, in a window. A site (the installation's update site, or a plugin site the
 * user types or pastes) is read off the UI thread; what it offers is listed with versions, each a
 * checkbox; installing runs with a progress bar, says what changed, and offers a restart (what was
 * installed runs from the next start). Updates can be reverted, plugins removed. Every refusal of
 * p2 (an unreachable or damaged site, a plugin whose requirements nothing provides) is said in the
 * dialog; the installation is then as it was. What no trusted key vouches for is shown in a
 * {@link TrustPrompt} first, and installed only when the user says so.
 */
public class UpdatesDialog extends Dialog {

	/** What the dialog is for. */
	public enum Mode {
		UPDATES("Check for Updates", "Check", "Install Selected Updates"),
		PLUGINS("Install Plugins", "Show Plugins", "Install Selected Plugins");

		final String title;
		final String look;
		final String install;

		Mode(String title, String look, String install) {
			this.title = title;
			this.look = look;
			this.install = install;
		}
	}

	private final Updates updates;
	private final Mode mode;
	private final Runnable restart;

	private Text site;
	private Button look;
	private Table offered;
	private Button install;
	private Button undo;
	private Table installed;
	private ProgressBar progress;
	private Label status;
	private Button restartNow;
	private volatile boolean busy;
	private volatile TrustPrompt prompt;

	/**
	 * @param restart restarts the workstation (offered once something was installed); null: no
	 *                restart is offered
	 */
	public UpdatesDialog(Shell parent, Updates updates, Mode mode, Runnable restart) {
		super(parent);
		this.updates = updates;
		this.mode = mode;
		this.restart = restart;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(mode.title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		area.setLayout(new GridLayout(3, false));
		new Label(area, SWT.NONE).setText(mode == Mode.UPDATES ? "Update site:" : "Plugin site:");
		site = new Text(area, SWT.SINGLE | SWT.BORDER);
		GridData siteLayout = new GridData(SWT.FILL, SWT.CENTER, true, false);
		siteLayout.widthHint = 460;
		site.setLayoutData(siteLayout);
		site.setMessage(mode == Mode.UPDATES ? "https://… or a folder" : "The plugin's site: https://… or a folder");
		URI known = updates == null || mode == Mode.PLUGINS ? null : updates.site();
		site.setText(known == null ? "" : known.toString());
		look = new Button(area, SWT.PUSH);
		look.setText(mode.look);
		look.addListener(SWT.Selection, e -> look());

		Label what = new Label(area, SWT.NONE);
		what.setText(mode == Mode.UPDATES ? "Newer versions on the site:" : "Plugins on the site:");
		what.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
		offered = mode == Mode.UPDATES
				? Tables.create(area, SWT.CHECK, "Feature", 240, "Name", 180, "Installed", 130, "Available", 130)
				: Tables.create(area, SWT.CHECK, "Plugin", 240, "Name", 180, "Version", 130, "Provider", 130);
		GridData offeredLayout = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
		offeredLayout.heightHint = 140;
		offered.setLayoutData(offeredLayout);
		offered.addListener(SWT.Selection, e -> enable());

		Composite buttons = new Composite(area, SWT.NONE);
		buttons.setLayout(new GridLayout(3, false));
		buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
		install = new Button(buttons, SWT.PUSH);
		install.setText(mode.install);
		install.addListener(SWT.Selection, e -> installChecked());
		if (mode == Mode.UPDATES) {
			undo = new Button(buttons, SWT.PUSH);
			undo.setText("Revert the Last Update");
			undo.setToolTipText("Go back to the installation as it was before the last update");
			undo.addListener(SWT.Selection, e -> revert());
		}
		restartNow = new Button(buttons, SWT.PUSH);
		restartNow.setText("Restart Now");
		restartNow.setToolTipText("What was installed runs from the next start");
		restartNow.addListener(SWT.Selection, e -> {
			if (restart != null) {
				close();
				restart.run();
			}
		});
		restartNow.setVisible(false);

		if (mode == Mode.PLUGINS) {
			Label mine = new Label(area, SWT.NONE);
			mine.setText("Installed plugins:");
			mine.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
			installed = Tables.create(area, SWT.CHECK, "Plugin", 240, "Name", 180, "Version", 130, "Provider", 130);
			GridData installedLayout = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
			installedLayout.heightHint = 90;
			installed.setLayoutData(installedLayout);
			installed.addListener(SWT.Selection, e -> enable());
			undo = new Button(area, SWT.PUSH);
			undo.setText("Remove Selected Plugins");
			undo.setToolTipText("Uninstall them; the library keeps everything they found");
			undo.addListener(SWT.Selection, e -> removeChecked());
		}

		progress = new ProgressBar(area, SWT.SMOOTH);
		progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
		status = new Label(area, SWT.WRAP);
		GridData statusLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
		statusLayout.widthHint = 600;
		status.setLayoutData(statusLayout);
		if (updates == null) {
			say("Updates are not available: this ORBIT runs without its updates bundle.");
		} else if (mode == Mode.PLUGINS) {
			showInstalled();
		}
		enable();
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
	}

	@Override
	protected void buttonPressed(int buttonId) {
		if (buttonId == IDialogConstants.CLOSE_ID) {
			close();
		} else {
			super.buttonPressed(buttonId);
		}
	}

	/** Reads what the site offers, off the UI thread. */
	public void look() {
		URI from = siteOrSay();
		if (from == null) {
			return;
		}
		run("Reading " + from, progress -> {
			if (mode == Mode.UPDATES) {
				List<FeatureUpdate> newer = updates.check(from, progress);
				return () -> {
					fill(offered, newer.stream().map(u -> new String[] { u.id(), text(u.name()), u.installed(), u.available() }).toList(), true);
					say(newer.isEmpty() ? "Everything is up to date with " + from + "."
							: newer.size() + " newer feature(s) on " + from + ": install the checked ones.");
				};
			}
			List<Plugin> plugins = updates.offered(from, progress);
			return () -> {
				fill(offered, plugins.stream().map(UpdatesDialog::row).toList(), false);
				say(plugins.isEmpty() ? from + " offers no plugin." : from + " offers " + plugins.size()
						+ " plugin(s): check the ones to install.");
			};
		});
	}

	/** Installs the checked updates or plugins; says what changed and offers a restart. */
	public void installChecked() {
		URI from = siteOrSay();
		List<String> chosen = checked(offered);
		if (from == null || chosen.isEmpty()) {
			return;
		}
		run("Installing " + String.join(", ", chosen), progress -> {
			Trust trust = askOnDisplay();
			List<Change> changes = mode == Mode.UPDATES ? updates.apply(from, chosen, trust, progress)
					: updates.install(from, chosen, trust, progress);
			return () -> changed(changes, mode == Mode.UPDATES ? "Nothing was newer: nothing changed." : "Nothing changed.");
		});
	}

	/**
	 * Asks the user, in a {@link TrustPrompt} over this dialog, about what no trusted key vouches
	 * for; called on the installing thread, which waits for the answer. A closed dialog refuses.
	 */
	private Trust askOnDisplay() {
		Display display = getShell().getDisplay();
		return untrusted -> {
			Trust.Answer[] answer = { Trust.Answer.REFUSE };
			display.syncExec(() -> {
				Shell shell = getShell();
				if (shell == null || shell.isDisposed()) {
					return;
				}
				TrustPrompt asking = new TrustPrompt(shell, untrusted);
				prompt = asking;
				try {
					asking.open();
				} finally {
					prompt = null;
				}
				answer[0] = asking.answer();
			});
			return answer[0];
		};
	}

	/** Goes back to the installation before the last update. */
	public void revert() {
		run("Reverting the last update", progress -> {
			List<Change> changes = updates.revert(progress);
			return () -> changed(changes, "Nothing changed.");
		});
	}

	/** Removes the checked installed plugins. */
	public void removeChecked() {
		List<String> chosen = checked(installed);
		if (chosen.isEmpty()) {
			return;
		}
		run("Removing " + String.join(", ", chosen), progress -> {
			List<Change> changes = updates.remove(chosen, progress);
			return () -> changed(changes, "Nothing changed.");
		});
	}

	private void changed(List<Change> changes, String none) {
		if (changes.isEmpty()) {
			say(none);
			return;
		}
		StringBuilder said = new StringBuilder();
		for (Change c : changes) {
			said.append(c.from() == null ? "added " : c.to() == null ? "removed " : "changed ")
					.append(c.kind() == Change.Kind.FEATURE ? "feature " : "bundle ").append(c.id()).append(' ')
					.append(c.from() == null ? c.to() : c.to() == null ? c.from() : c.from() + " \u2192 " + c.to())
					.append('\n');
		}
		said.append("Restart ORBIT to run ").append(mode == Mode.UPDATES ? "the new versions." : "with the change.");
		say(said.toString());
		restartNow.setVisible(restart != null);
		fill(offered, List.of(), false);
		if (mode == Mode.PLUGINS) {
			showInstalled();
		}
	}

	/** Reads the installed plugins; quietly, so that what the dialog said stays. */
	private void showInstalled() {
		run(null, progress -> {
			List<Plugin> mine = updates.plugins();
			return () -> fill(installed, mine.stream().map(UpdatesDialog::row).toList(), false);
		});
	}

	private static String[] row(Plugin p) {
		return new String[] { p.id(), text(p.name()), p.version(), text(p.provider()) };
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}

	private URI siteOrSay() {
		String typed = site.getText().strip();
		if (typed.isEmpty()) {
			say(mode == Mode.UPDATES ? "No update site is set: type its address." : "Type the plugin site's address.");
			return null;
		}
		try {
			URI uri = URI.create(typed);
			return uri.getScheme() == null || uri.getScheme().length() == 1 ? Path.of(typed).toUri() : uri;
		} catch (IllegalArgumentException e) {
			return Path.of(typed).toUri();
		}
	}

	/** What a piece of work shows when it is done, on the UI thread. */
	private interface Work {
		Runnable run(UpdateProgress progress) throws Exception;
	}

	/**
	 * Runs work as a Job with the dialog's progress bar; its outcome, or what went wrong, is shown.
	 * A null name is quiet work: what the dialog says stays until the work has something to say.
	 */
	private void run(String name, Work work) {
		Display display = getShell().getDisplay();
		busy = true;
		enable();
		progress.setSelection(0);
		if (name != null) {
			say(name + "\u2026");
		}
		Job job = Job.create(name != null ? name : "Reading the installation", monitor -> {
			Runnable shown;
			try {
				shown = work.run((done, total, task) -> display.asyncExec(() -> {
					if (!progress.isDisposed()) {
						progress.setMaximum(Math.max(1, total));
						progress.setSelection(done);
					}
				}));
			} catch (Exception e) {
				String sentence = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				shown = () -> say(sentence);
			}
			Runnable then = shown;
			display.asyncExec(() -> {
				busy = false;
				if (status.isDisposed()) {
					return;
				}
				progress.setSelection(progress.getMaximum());
				then.run();
				enable();
			});
			return Status.OK_STATUS;
		});
		job.setUser(true);
		job.schedule();
	}

	private static void fill(Table table, List<String[]> rows, boolean checked) {
		if (table == null || table.isDisposed()) {
			return;
		}
		table.removeAll();
		for (String[] row : rows) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(row);
			item.setChecked(checked);
		}
		// Columns fit what is listed; an empty table keeps its widths.
		for (TableColumn column : rows.isEmpty() ? new TableColumn[0] : table.getColumns()) {
			column.pack();
		}
	}

	private static List<String> checked(Table table) {
		List<String> ids = new ArrayList<>();
		if (table != null) {
			for (TableItem item : table.getItems()) {
				if (item.getChecked()) {
					ids.add(item.getText(0));
				}
			}
		}
		return ids;
	}

	private void enable() {
		if (look == null || look.isDisposed()) {
			return;
		}
		boolean idle = !busy && updates != null;
		look.setEnabled(idle);
		install.setEnabled(idle && !checked(offered).isEmpty());
		if (undo != null) {
			undo.setEnabled(idle && (mode == Mode.UPDATES || !checked(installed).isEmpty()));
		}
	}

	private void say(String sentence) {
		if (!status.isDisposed()) {
			status.setText(sentence);
			status.getParent().layout(true, true);
		}
	}

	/** What the dialog says, for tests. */
	public String status() {
		return status.getText();
	}

	/** Whether a site is being read or something installed, for tests. */
	public boolean busy() {
		return busy;
	}

	/** The site field, for tests. */
	public Text site() {
		return site;
	}

	/** What the site offers (checked rows are installed), for tests. */
	public Table offered() {
		return offered;
	}

	/** The installed plugins (plugins mode), for tests. */
	public Table installed() {
		return installed;
	}

	/** The trust prompt while it is open, else null; for tests. */
	public TrustPrompt trustPrompt() {
		return prompt;
	}

	/** Whether a restart is offered. */
	public boolean restartOffered() {
		return restartNow.getVisible();
	}

	/** The dialog's title, as the Help menu names it. */
	public String title() {
		return mode.title;
	}
}
