package orbit.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/** How the workstation's small tables look: headers and grid lines shown, columns left-aligned. */
public final class Tables {

	private Tables() {
	}

	/** A table with the given columns; {@code columns} alternates each column's title and width in pixels. */
	public static Table create(Composite parent, int style, Object... columns) {
		Table table = new Table(parent, style | SWT.FULL_SELECTION | SWT.BORDER);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		for (int i = 0; i < columns.length; i += 2) {
			TableColumn column = new TableColumn(table, SWT.LEFT);
			column.setText((String) columns[i]);
			column.setWidth((Integer) columns[i + 1]);
		}
		return table;
	}
}
