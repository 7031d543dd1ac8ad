package orbit.ui.internal.preferences;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Text;

import orbit.core.ActionableException;
import orbit.enrichment.Credential;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.ProviderCredentials;
import orbit.library.KeyNotation;
import orbit.library.MusicalKey;
import orbit.ui.internal.WorkstationPreferences;

/**
 * The workstation's preferences: library folders (scanned on request), the key notation every
 * view uses, background enrichment, and each installed provider's credentials (kept encrypted by
 * {@link ProviderCredentials}; secrets are masked and never shown again once stored).
 */
public class PreferencesDialog extends Dialog {

	/** Put where a stored secret would be shown: typing replaces it, leaving it keeps the stored one. */
	static final String STORED_SECRET = "\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022";

	private final List<EnrichmentProvider> providers;
	private final ProviderCredentials credentials;
	private final Runnable scanFolders;
	/** The provider order as it is, and what to do with the user's new one (null: no enrichment installed). */
	private final List<String> providerOrder;
	private final java.util.function.Consumer<List<String>> chooseProviderOrder;
	private org.eclipse.swt.widgets.List order;

	private org.eclipse.swt.widgets.List folders;
	private final Map<KeyNotation, Button> notations = new LinkedHashMap<>();
	private Button backgroundEnrichment;
	private final Map<String, Text> credentialFields = new LinkedHashMap<>();
	private Label problem;
	private TabFolder tabs;

	public PreferencesDialog(Shell parent, List<EnrichmentProvider> providers, ProviderCredentials credentials,
			Runnable scanFolders, List<String> providerOrder, java.util.function.Consumer<List<String>> chooseProviderOrder) {
		super(parent);
		this.providers = providers;
		this.credentials = credentials;
		this.scanFolders = scanFolders;
		this.providerOrder = List.copyOf(providerOrder);
		this.chooseProviderOrder = chooseProviderOrder;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("ORBIT Preferences");
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		tabs = new TabFolder(area, SWT.TOP);
		tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		library(tab("Library"));
		display(tab("Keys"));
		online(tab("Online providers"));
		problem = new Label(area, SWT.WRAP);
		problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		return area;
	}

	private Composite tab(String name) {
		TabItem item = new TabItem(tabs, SWT.NONE);
		item.setText(name);
		Composite page = new Composite(tabs, SWT.NONE);
		item.setControl(page);
		return page;
	}

	private void library(Composite page) {
		page.setLayout(new GridLayout(2, false));
		Label intro = new Label(page, SWT.WRAP);
		intro.setText("Folders of your music. ORBIT reads them (never writes) when you scan.");
		intro.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		folders = new org.eclipse.swt.widgets.List(page, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
		GridData list = new GridData(SWT.FILL, SWT.FILL, true, true);
		list.heightHint = 140;
		list.widthHint = 420;
		folders.setLayoutData(list);
		WorkstationPreferences.libraryFolders().forEach(f -> folders.add(f.toString()));
		Composite buttons = new Composite(page, SWT.NONE);
		buttons.setLayoutData(new GridData(SWT.FILL, SWT.BEGINNING, false, false));
		buttons.setLayout(new GridLayout(1, true));
		button(buttons, "Add\u2026", () -> {
			String chosen = new DirectoryDialog(getShell()).open();
			if (chosen != null && folders.indexOf(chosen) < 0) {
				folders.add(chosen);
			}
		});
		button(buttons, "Remove", () -> folders.remove(folders.getSelectionIndices()));
		button(buttons, "Scan now", () -> {
			saveFolders();
			scanFolders.run();
		});
	}

	private static void button(Composite parent, String text, Runnable action) {
		Button button = new Button(parent, SWT.PUSH);
		button.setText(text);
		button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		button.addListener(SWT.Selection, e -> action.run());
	}

	private void display(Composite page) {
		page.setLayout(new GridLayout(1, false));
		new Label(page, SWT.NONE).setText("Show musical keys as:");
		KeyNotation current = WorkstationPreferences.keyNotation();
		MusicalKey example = MusicalKey.parseOrFail("Am");
		MusicalKey major = MusicalKey.parseOrFail("C");
		for (KeyNotation notation : KeyNotation.values()) {
			Button choice = new Button(page, SWT.RADIO);
			String name = switch (notation) {
			case CAMELOT -> "Camelot";
			case OPEN_KEY -> "Open Key";
			case STANDARD -> "Standard";
			};
			choice.setText(name + "   (A minor: " + example.format(notation) + ", C major: " + major.format(notation) + ")");
			choice.setSelection(notation == current);
			notations.put(notation, choice);
		}
	}

	private void online(Composite page) {
		page.setLayout(new GridLayout(2, false));
		backgroundEnrichment = new Button(page, SWT.CHECK);
		backgroundEnrichment.setText("Look up missing BPM, key and duration online in the background");
		backgroundEnrichment.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		backgroundEnrichment.setSelection(WorkstationPreferences.backgroundEnrichment());
		for (EnrichmentProvider provider : providers) {
			Label header = new Label(page, SWT.NONE);
			header.setText(provider.displayName() + (provider.credentials().isEmpty() ? ": no account needed" : ""));
			header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
			for (Credential credential : provider.credentials()) {
				new Label(page, SWT.NONE).setText("   " + credential.label());
				Text field = new Text(page, SWT.BORDER | (credential.secret() ? SWT.PASSWORD : SWT.NONE));
				field.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
				if (credentials != null) {
					try {
						credentials.get(provider.id(), credential.key())
								.ifPresent(v -> field.setText(credential.secret() ? STORED_SECRET : v));
					} catch (ActionableException e) {
						field.setMessage(e.getMessage());
					}
				}
				credentialFields.put(provider.id() + "\u0000" + credential.key(), field);
			}
		}
		Label note = new Label(page, SWT.WRAP);
		note.setText("Credentials are stored encrypted in the data directory's secure storage.");
		note.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
		if (chooseProviderOrder != null && !providerOrder.isEmpty()) {
			providerOrder(page);
		}
	}

	/** The provider order: each online value comes from the first provider in it that has one. */
	private void providerOrder(Composite page) {
		Label intro = new Label(page, SWT.WRAP);
		intro.setText("Provider order: a track's online BPM, key and duration each come from the first provider "
				+ "in this list that has one.");
		GridData introLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
		introLayout.widthHint = 420;
		intro.setLayoutData(introLayout);
		order = new org.eclipse.swt.widgets.List(page, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
		GridData list = new GridData(SWT.FILL, SWT.FILL, true, true);
		list.heightHint = 80;
		order.setLayoutData(list);
		providerOrder.forEach(order::add);
		Composite buttons = new Composite(page, SWT.NONE);
		buttons.setLayoutData(new GridData(SWT.FILL, SWT.BEGINNING, false, false));
		buttons.setLayout(new GridLayout(1, true));
		button(buttons, "Up", () -> moveProvider(-1));
		button(buttons, "Down", () -> moveProvider(1));
	}

	private void moveProvider(int by) {
		int at = order.getSelectionIndex();
		int to = at + by;
		if (at < 0 || to < 0 || to >= order.getItemCount()) {
			return;
		}
		String moved = order.getItem(at);
		order.remove(at);
		order.add(moved, to);
		order.setSelection(to);
	}

	private List<Path> chosenFolders() {
		List<Path> chosen = new ArrayList<>();
		for (String folder : folders.getItems()) {
			chosen.add(Path.of(folder));
		}
		return chosen;
	}

	private KeyNotation chosenNotation() {
		return notations.entrySet().stream().filter(e -> e.getValue().getSelection()).map(Map.Entry::getKey).findFirst()
				.orElse(KeyNotation.CAMELOT);
	}

	private void saveFolders() {
		WorkstationPreferences.save(WorkstationPreferences.keyNotation(), chosenFolders(),
				WorkstationPreferences.backgroundEnrichment());
	}

	@Override
	protected void okPressed() {
		try {
			WorkstationPreferences.save(chosenNotation(), chosenFolders(), backgroundEnrichment.getSelection());
			if (credentials != null) {
				for (Map.Entry<String, Text> field : credentialFields.entrySet()) {
					String value = field.getValue().getText();
					if (!STORED_SECRET.equals(value)) {
						String[] id = field.getKey().split("\u0000");
						credentials.put(id[0], id[1], value);
					}
				}
			}
			if (order != null && !List.of(order.getItems()).equals(providerOrder)) {
				chooseProviderOrder.accept(List.of(order.getItems()));
			}
		} catch (ActionableException e) {
			problem.setText(e.getMessage());
			return;
		}
		super.okPressed();
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "Save", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
	}

	// --- for tests: the dialog's fields as a user fills them ---

	public void chooseNotation(KeyNotation notation) {
		notations.forEach((n, button) -> button.setSelection(n == notation));
	}

	public void addFolder(Path folder) {
		folders.add(folder.toString());
	}

	public void enterCredential(String providerId, String key, String value) {
		credentialFields.get(providerId + "\u0000" + key).setText(value);
	}

	/** Moves a provider to a place in the order, as the Up and Down buttons do. */
	public void placeProvider(String providerId, int position) {
		int at = order.indexOf(providerId);
		order.setSelection(at);
		while (at != position) {
			moveProvider(position < at ? -1 : 1);
			at = order.indexOf(providerId);
		}
	}

	public void showTab(int index) {
		tabs.setSelection(index);
	}

	public void save() {
		okPressed();
	}
}
