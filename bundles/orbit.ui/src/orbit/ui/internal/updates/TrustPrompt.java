package orbit.ui.internal.updates;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import orbit.updates.Trust;
import orbit.updates.UntrustedContent;

/**
 * Asked before anything no trusted key vouches for is installed: what is unsigned and who signed
 * the rest, and whether to install it anyway. Cancel, the default, installs nothing; "Always trust
 * these signers" keeps their keys as trusted (unsigned content is asked about every time).
 */
public class TrustPrompt extends Dialog {

	static final int INSTALL_ID = IDialogConstants.CLIENT_ID + 1;

	private final UntrustedContent untrusted;
	private Button always;
	private Trust.Answer answer = Trust.Answer.REFUSE;

	public TrustPrompt(Shell parent, UntrustedContent untrusted) {
		super(parent);
		this.untrusted = untrusted;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Untrusted Content");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		area.setLayout(new GridLayout(1, false));
		Label intro = new Label(area, SWT.WRAP);
		intro.setText(untrusted.site() + " offers what this installation cannot vouch for. Install it only if you "
				+ "trust where it comes from; it runs with all of ORBIT's rights.");
		GridData introLayout = new GridData(SWT.FILL, SWT.CENTER, true, false);
		introLayout.widthHint = 560;
		intro.setLayoutData(introLayout);
		Text details = new Text(area, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL);
		details.setText(details());
		GridData detailsLayout = new GridData(SWT.FILL, SWT.FILL, true, true);
		detailsLayout.widthHint = 560;
		detailsLayout.heightHint = 140;
		details.setLayoutData(detailsLayout);
		if (!untrusted.unknownSigners().isEmpty()) {
			always = new Button(area, SWT.CHECK);
			always.setText("Always trust " + (untrusted.unknownSigners().size() == 1 ? "this signer" : "these signers"));
		}
		return area;
	}

	private String details() {
		StringBuilder text = new StringBuilder();
		if (!untrusted.unsigned().isEmpty()) {
			text.append("Not signed:\n");
			untrusted.unsigned().forEach(a -> text.append("  ").append(a).append('\n'));
		}
		untrusted.unknownSigners().forEach((signer, artifacts) -> {
			text.append("Signed by ").append(signer).append(", a key this installation does not trust:\n");
			artifacts.forEach(a -> text.append("  ").append(a).append('\n'));
		});
		return text.toString().stripTrailing();
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, INSTALL_ID, "Install Anyway", false);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, true);
	}

	@Override
	protected void buttonPressed(int buttonId) {
		if (buttonId == INSTALL_ID) {
			install();
		} else {
			super.buttonPressed(buttonId);
		}
	}

	/** Installs it anyway (the Install Anyway button). */
	public void install() {
		answer = always != null && always.getSelection() ? Trust.Answer.TRUST_ALWAYS : Trust.Answer.TRUST_ONCE;
		setReturnCode(INSTALL_ID);
		close();
	}

	/** Installs nothing (the Cancel button). */
	public void refuse() {
		answer = Trust.Answer.REFUSE;
		cancelPressed();
	}

	/** The answer once closed; REFUSE when the prompt was closed otherwise. */
	public Trust.Answer answer() {
		return answer;
	}

	/** What the prompt shows, for tests. */
	public UntrustedContent untrusted() {
		return untrusted;
	}
}
