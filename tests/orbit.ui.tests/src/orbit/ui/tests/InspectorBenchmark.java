package orbit.ui.tests;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.DataDirectory;
import orbit.ui.internal.WorkstationPreferences;
import orbit.ui.internal.inspector.InspectorPart;
import orbit.ui.internal.library.LibraryPart;

/**
 * Selecting tracks in a 100,000-entry library, in the real workstation: the time from a
 * selection in the Library view to a filled Track Inspector (entry, state, cached answers,
 * history read off the UI thread, then shown), measured on the UI thread. Runs with bin/bench.
 */
class InspectorBenchmark {

	private static final int ENTRIES = 100_000;
	private static final int WARMUP = 50;
	private static final int SELECTIONS = 500;
	private static final long SLOW = 40_000_000L;
	private static final long GLANCE_MILLIS = 150;

	@TempDir
	Path home;

	@Test
	void selectionToFilledInspector() throws Exception {
		UiFakes.start();
		WorkstationTest.fillLibrary(home, ENTRIES);
		InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE).putBoolean(WorkstationPreferences.BACKGROUND_ENRICHMENT,
				false);
		String homeBefore = System.getProperty(DataDirectory.HOME_PROPERTY);
		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		long[] nanos = new long[SELECTIONS];
		long[] reads = new long[SELECTIONS];
		long[] fills = new long[SELECTIONS];
		java.util.List<Long> waits = new java.util.ArrayList<>();
		try {
			Workbench.run(workbench -> {
				InspectorPart inspector = workbench.part("orbit.ui.part.inspector", InspectorPart.class);
				LibraryPart library = workbench.part("orbit.ui.part.library", LibraryPart.class);
				Table table = library.table();
				workbench.waitUntil("the listing", () -> table.getItemCount() == ENTRIES);
				Random random = new Random(42);
				for (int i = 0; i < WARMUP + SELECTIONS; i++) {
					int row = random.nextInt(ENTRIES);
					long elapsed = selectAndWait(workbench, table, inspector, row);
					if (i >= WARMUP && elapsed > SLOW) {
						// Where a slow one spent its time: the wait between the read and the fill is the UI thread's.
						waits.add(inspector.fillStartedAt - inspector.readStartedAt - inspector.lastReadNanos());
					}
					if (i >= WARMUP) {
						nanos[i - WARMUP] = elapsed;
						reads[i - WARMUP] = inspector.lastReadNanos();
						fills[i - WARMUP] = inspector.lastFillNanos();
					}
				}
			});
		} finally {
			if (homeBefore == null) {
				System.clearProperty(DataDirectory.HOME_PROPERTY);
			} else {
				System.setProperty(DataDirectory.HOME_PROPERTY, homeBefore);
			}
			InstanceScope.INSTANCE.getNode(WorkstationPreferences.NODE).clear();
		}
		Arrays.sort(nanos);
		Arrays.sort(reads);
		Arrays.sort(fills);
		System.out.printf(Locale.ROOT, "=== Track Inspector: selection to filled inspector, %,d-entry library, %d random selections ===%n",
				ENTRIES, SELECTIONS);
		System.out.printf(Locale.ROOT, "%-30s %8.2f ms%n", "p50", ms(nanos, 0.50));
		System.out.printf(Locale.ROOT, "%-30s %8.2f ms%n", "p90", ms(nanos, 0.90));
		System.out.printf(Locale.ROOT, "%-30s %8.2f ms  (goal < 50 ms)%n", "p99", ms(nanos, 0.99));
		System.out.printf(Locale.ROOT, "%-30s %8.2f ms%n", "max", nanos[nanos.length - 1] / 1e6);
		System.out.printf(Locale.ROOT, "%-30s %8.2f ms  p99 %.2f ms%n", "of which database read p50", ms(reads, 0.5),
				ms(reads, 0.99));
		System.out.printf(Locale.ROOT, "%-30s %8.2f ms  p99 %.2f ms%n", "of which filling the view p50", ms(fills, 0.5),
				ms(fills, 0.99));
		System.out.printf(Locale.ROOT, "%-30s %8d  (waiting for the UI thread before the fill: median %.1f ms)%n",
				"selections over 40 ms", waits.size(),
				waits.isEmpty() ? 0.0 : waits.stream().sorted().toList().get(waits.size() / 2) / 1e6);
		System.out.println("=== end");
	}

	/**
	 * Selects a row as a click would, with the workstation's own event loop running (nothing
	 * nested in it): the row is scrolled to and painted, a glance passes (150 ms: a DJ scrolls,
	 * looks, then clicks), then the click; the time runs until the inspector's fill ends.
	 */
	private static long selectAndWait(Workbench workbench, Table table, InspectorPart inspector, int row) {
		long id = workbench.ui(() -> {
			table.setSelection(row);
			table.showSelection();
			long shown = Long.parseLong(table.getItem(row).getText(0));
			table.getShell().update();
			return shown;
		});
		sleep(GLANCE_MILLIS);
		long[] started = new long[1];
		workbench.display.asyncExec(() -> {
			started[0] = System.nanoTime();
			Event event = new Event();
			event.item = table.getItem(row);
			table.notifyListeners(SWT.Selection, event);
		});
		while (inspector.shownEntryId() != id) {
			sleep(1);
		}
		return inspector.filledAt - started[0];
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}
}
