package orbit.ui.internal.library;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.core.ErrorSentences;
import orbit.library.Library;
import orbit.ui.internal.Folders;
import orbit.ui.internal.Tables;
import orbit.ui.internal.UiTopics;

/**
 * A view of files the library reports on (its duplicates, its unreadable files): a table read off
 * the UI thread whenever the library changes, "Show in Folder" for the selected row's file, and a
 * status line that counts them and says what the last action did.
 *
 * @param <T> a row: what the library reports of one file
 */
abstract class FileListPart<T> {

	@Inject
	@Optional
	@Service
	Library library;

	private Table table;
	private Label status;
	private Button show;
	private List<T> rows = List.of();
	private String counted = "";
	private boolean packed;

	/** The columns, alternating title and width in pixels, as {@link Tables#create} takes them. */
	abstract Object[] columns();

	/** What the library reports now; called off the UI thread. */
	abstract List<T> read(Library library);

	abstract String[] cells(T row);

	/** The file "Show in Folder" shows for a row. */
	abstract Path file(T row);

	/** The status line for what was read. */
	abstract String counted(List<T> read);

	/** More items of the rows' context menu, after "Show in Folder". */
	void moreMenuItems(Menu menu) {
	}

	/** The selection changed (to null when nothing is selected). */
	void selected(T row) {
	}

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new GridLayout(3, false));
		show = new Button(parent, SWT.PUSH);
		show.setText("Show in Folder");
		show.setToolTipText("Open the selected file's folder in the file manager");
		show.addListener(SWT.Selection, e -> showInFolder());
		Button refresh = new Button(parent, SWT.PUSH);
		refresh.setText("Refresh");
		refresh.addListener(SWT.Selection, e -> refresh());
		status = new Label(parent, SWT.NONE);
		status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		table = Tables.create(parent, SWT.SINGLE, columns());
		table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
		table.addListener(SWT.Selection, e -> {
			show.setEnabled(selectedRow() != null);
			selected(selectedRow());
		});
		table.addListener(SWT.DefaultSelection, e -> showInFolder());
		Menu menu = new Menu(table);
		item(menu, "Show in Folder", this::showInFolder);
		moreMenuItems(menu);
		menu.addListener(SWT.Show, e -> {
			for (MenuItem item : menu.getItems()) {
				item.setEnabled(selectedRow() != null);
			}
		});
		table.setMenu(menu);
		show.setEnabled(false);
		refresh();
	}

	static void item(Menu menu, String text, Runnable action) {
		MenuItem item = new MenuItem(menu, SWT.PUSH);
		item.setText(text);
		item.addListener(SWT.Selection, e -> action.run());
	}

	/** A scan (or an upgrade, an undo) changed the library: what it reports is read again. */
	@Inject
	@Optional
	void libraryChanged(@UIEventTopic(UiTopics.LIBRARY_CHANGED) Object changed) {
		if (table != null && !table.isDisposed()) {
			refresh();
		}
	}

	/** Reads the rows off the UI thread and shows them. */
	public void refresh() {
		if (library == null) {
			status.setText("The library service is not available.");
			return;
		}
		Display display = table.getDisplay();
		Job job = Job.create("Reading the library's report", monitor -> {
			try {
				List<T> read = read(library);
				display.asyncExec(() -> show(read));
			} catch (RuntimeException e) {
				String sentence = ErrorSentences.sentence(e, null, ErrorSentences.LOG_HINT);
				display.asyncExec(() -> say(sentence));
			}
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	private void show(List<T> read) {
		if (table.isDisposed()) {
			return;
		}
		T before = selectedRow();
		rows = new ArrayList<>(read);
		table.removeAll();
		for (T row : rows) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(cells(row));
			item.setData(row);
			if (row.equals(before)) {
				table.setSelection(item);
			}
		}
		if (!packed && !rows.isEmpty()) {
			// Columns fit the first rows shown, a path at most 420 pixels; later the user's widths stay.
			packed = true;
			for (TableColumn column : table.getColumns()) {
				column.pack();
				column.setWidth(Math.min(column.getWidth(), 420));
			}
		}
		counted = counted(rows);
		say(null);
		show.setEnabled(selectedRow() != null);
	}

	/** The count, then what the last action said (null: only the count). */
	void say(String sentence) {
		if (!status.isDisposed()) {
			status.setText(sentence == null ? counted : counted.isEmpty() ? sentence : counted + "   " + sentence);
			status.getParent().layout();
		}
	}

	@SuppressWarnings("unchecked")
	T selectedRow() {
		TableItem[] chosen = table.getSelection();
		return chosen.length == 0 ? null : (T) chosen[0].getData();
	}

	/** Opens the selected row's folder in the file manager, or says where the file is. */
	public void showInFolder() {
		T row = selectedRow();
		if (row != null) {
			say(Folders.show(file(row)));
		}
	}

	/** Shows the folder of another file of the selected row (the copy a duplicate stands beside). */
	void showInFolder(Path file) {
		say(Folders.show(file));
	}

	public Table table() {
		return table;
	}

	/** The rows shown, in order. */
	public List<T> rows() {
		return rows;
	}

	public String status() {
		return status.getText();
	}

	@Focus
	public void setFocus() {
		table.setFocus();
	}
}
