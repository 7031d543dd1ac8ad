package orbit.ui.internal.library;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

import orbit.library.EntryOrder;
import orbit.ui.internal.WorkstationPreferences;
import orbit.ui.internal.library.LibraryPart.Column;

/**
 * The Library view's columns as the DJ arranged them, kept across restarts in the workstation's
 * preferences: which are hidden (the header's context menu chooses), their widths, and the sort.
 * A hidden column has no width and cannot be dragged open; shown again, it gets its width back.
 */
final class LibraryColumns {

	static final String HIDDEN = "library.hiddenColumns";
	static final String WIDTHS = "library.columnWidths";
	static final String SORT = "library.sort";

	private final Table table;
	private final Set<Column> hidden = EnumSet.noneOf(Column.class);
	private final Map<Column, Integer> widths = new EnumMap<>(Column.class);
	/** Whether a save of the widths is waiting for the drag to pause. */
	private boolean saveScheduled;

	LibraryColumns(Table table) {
		this.table = table;
		for (Column column : Column.values()) {
			widths.put(column, column.width);
		}
	}

	/** Applies what was kept, then follows the DJ's drags of column edges. */
	void restore() {
		for (String name : WorkstationPreferences.get(HIDDEN, "").split(",")) {
			column(name).ifPresent(hidden::add);
		}
		for (String pair : WorkstationPreferences.get(WIDTHS, "").split(",")) {
			String[] parts = pair.split("=");
			if (parts.length == 2 && parts[1].matches("\\d{1,4}") && Integer.parseInt(parts[1]) > 0) {
				column(parts[0]).ifPresent(c -> widths.put(c, Integer.parseInt(parts[1])));
			}
		}
		if (hidden.size() == Column.values().length) {
			hidden.clear(); // a table needs a column to show
		}
		for (Column column : Column.values()) {
			TableColumn tableColumn = table.getColumn(column.ordinal());
			apply(column, tableColumn);
			tableColumn.addListener(SWT.Resize, e -> {
				if (!hidden.contains(column) && tableColumn.getWidth() > 0) {
					widths.put(column, tableColumn.getWidth());
					saveWidthsSoon();
				}
			});
		}
		Column sorted = sortColumn();
		if (sorted != null) {
			table.setSortColumn(table.getColumn(sorted.ordinal()));
			table.setSortDirection(sortDescending() ? SWT.DOWN : SWT.UP);
		}
	}

	private void apply(Column column, TableColumn tableColumn) {
		boolean off = hidden.contains(column);
		tableColumn.setResizable(!off);
		tableColumn.setWidth(off ? 0 : widths.get(column));
	}

	/** The header's context menu: a check item per column; the last shown one cannot be hidden. */
	Menu chooser() {
		Menu menu = new Menu(table);
		for (Column column : Column.values()) {
			MenuItem item = new MenuItem(menu, SWT.CHECK);
			item.setText(column.header);
			item.setData(column);
			item.addListener(SWT.Selection, e -> show(column, item.getSelection()));
		}
		menu.addListener(SWT.Show, e -> {
			for (MenuItem item : menu.getItems()) {
				Column column = (Column) item.getData();
				item.setSelection(!hidden.contains(column));
				item.setEnabled(hidden.contains(column) || hidden.size() < Column.values().length - 1);
			}
		});
		return menu;
	}

	/** Shows or hides a column and keeps the choice. */
	void show(Column column, boolean shown) {
		if (!shown && hidden.size() >= Column.values().length - 1) {
			return;
		}
		if (shown ? hidden.remove(column) : hidden.add(column)) {
			apply(column, table.getColumn(column.ordinal()));
			WorkstationPreferences.put(HIDDEN, String.join(",", hidden.stream().map(Column::name).toList()));
		}
	}

	boolean hidden(Column column) {
		return hidden.contains(column);
	}

	private void saveWidthsSoon() {
		if (saveScheduled) {
			return;
		}
		saveScheduled = true;
		table.getDisplay().timerExec(500, () -> {
			saveScheduled = false;
			StringBuilder kept = new StringBuilder();
			widths.forEach((c, w) -> kept.append(kept.isEmpty() ? "" : ",").append(c.name()).append('=').append(w));
			WorkstationPreferences.put(WIDTHS, kept.toString());
		});
	}

	void saveSort(Column column, boolean descending) {
		WorkstationPreferences.put(SORT, column.name() + (descending ? ":desc" : ":asc"));
	}

	/** The kept sort's order; null when none was kept. */
	EntryOrder sortOrder() {
		Column column = sortColumn();
		return column == null ? null : column.order;
	}

	boolean sortDescending() {
		return WorkstationPreferences.get(SORT, "").endsWith(":desc");
	}

	private Column sortColumn() {
		String kept = WorkstationPreferences.get(SORT, "");
		return column(kept.split(":")[0]).filter(c -> c.order != null).orElse(null);
	}

	private static java.util.Optional<Column> column(String name) {
		try {
			return java.util.Optional.of(Column.valueOf(name.strip().toUpperCase(Locale.ROOT)));
		} catch (IllegalArgumentException e) {
			return java.util.Optional.empty();
		}
	}
}
