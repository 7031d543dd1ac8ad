package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.DataDirectory;
import orbit.library.Library;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/**
 * Starts the real workstation: the application model of orbit.app, the Library view contributed
 * by orbit.ui's fragment, on a real library database; checks the rows and saves a screenshot.
 */
class WorkstationTest {

	private static final String[][] CRATE = { { "Daft Punk", "Around the World", "Homework", "121.3", "4A" },
			{ "Moderat", "A New Error", "Moderat", "123.0", "10A" }, { "Bicep", "Glue", "Bicep", "130.0", "2A" },
			{ "Four Tet", "Baby", "Sixteen Oceans", "124.0", "5B" }, { "Fred again..", "Delilah (pull me out of this)",
					"Actual Life 3", "140.0", "6A" },
			{ "Peggy Gou", "(It Goes Like) Nanana", "I Hear You", "128.0", "11B" },
			{ "Floating Points", "Silhouettes (I, II & III)", "Elaenia", "118.5", "9A" },
			{ "Jamie xx", "Gosh", "In Colour", "126.0", "3A" }, { "Caribou", "Never Come Back", "Suddenly", "120.0", "8A" },
			{ "Kerri Chandler", "Rain", "Trax on da Rocks", "123.5", "1B" } };

	@TempDir
	Path home;

	private final String homeBefore = System.getProperty(DataDirectory.HOME_PROPERTY);

	@AfterEach
	void restoreHome() {
		if (homeBefore == null) {
			System.clearProperty(DataDirectory.HOME_PROPERTY);
		} else {
			System.setProperty(DataDirectory.HOME_PROPERTY, homeBefore);
		}
	}

	private void fillLibrary(int tracks) {
		List<TrackInput> inputs = new ArrayList<>();
		for (int i = 0; i < tracks; i++) {
			String[] t = CRATE[i % CRATE.length];
			String title = i < CRATE.length ? t[1] : t[1] + " (edit " + i / CRATE.length + ")";
			inputs.add(new TrackInput("/music/" + t[0] + "/" + title + ".flac", 40_000_000L, title, t[0], t[2], "flac",
					1411, 200 + (i * 37) % 300, Double.valueOf(t[3]), t[4]));
		}
		OsgiServices.withHome(home, Library.class, library -> library.addTracks(inputs));
	}

	@Test
	void theWorkstationShowsTheLibraryViewWithTheTracksOfTheDatabase() throws Exception {
		fillLibrary(100_000);
		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());

		Display display = Display.getDefault();
		AtomicReference<Table> libraryTable = new AtomicReference<>();
		AtomicReference<String> failure = new AtomicReference<>();
		long started = System.nanoTime();
		Path screenshot = Path.of(System.getProperty("orbit.test.output", "target"), "screenshots", "workstation-library.png");
		Runnable[] probe = new Runnable[1];
		probe[0] = () -> {
			Table table = findLibraryTable(display);
			if (table == null || table.getItemCount() == 0) {
				if (System.nanoTime() - started > 60_000_000_000L) {
					failure.set("the Library view did not appear within 60 s");
					closeWorkbench(display);
				} else {
					display.timerExec(100, probe[0]);
				}
				return;
			}
			libraryTable.set(table);
			System.out.printf("Workstation with 100,000 tracks shown after %.0f ms%n", (System.nanoTime() - started) / 1e6);
			try {
				checkRows(table);
				// Let the table paint its visible rows before the capture.
				for (int i = 0; i < 20; i++) {
					while (display.readAndDispatch()) {
						// drain
					}
					Thread.sleep(25);
				}
				capture(table.getShell(), screenshot);
			} catch (Throwable e) {
				failure.set(e.toString());
			}
			closeWorkbench(display);
		};
		display.timerExec(200, probe[0]);

		Object result = new E4Application().start(new TestApplicationContext(
				new String[] { "-clearPersistedState", "-persistState", "false" }, productBranding()));

		assertEquals(null, failure.get());
		assertNotNull(libraryTable.get(), "the Library view was rendered");
		assertEquals(0, ((Integer) result).intValue());
		assertTrue(Files.size(screenshot) > 10_000, "a real screenshot: " + screenshot);
		System.out.println("Screenshot: " + screenshot);
	}

	/** The properties of ORBIT's product extension, exactly as the shipped product uses them. */
	private static Map<String, String> productBranding() {
		Map<String, String> branding = new java.util.HashMap<>();
		for (IConfigurationElement product : Platform.getExtensionRegistry()
				.getConfigurationElementsFor("org.eclipse.core.runtime.products")) {
			if ("orbit.app".equals(product.getContributor().getName())) {
				for (IConfigurationElement property : product.getChildren("property")) {
					branding.put(property.getAttribute("name"), property.getAttribute("value"));
				}
			}
		}
		assertEquals("orbit.app/Application.e4xmi", branding.get("applicationXMI"), branding.toString());
		assertNotNull(branding.get("applicationCSS"), "the product's style sheet is part of the test");
		return branding;
	}

	private static void checkRows(Table table) {
		assertEquals(100_000, table.getItemCount());
		assertEquals("Artist", table.getColumn(1).getText());
		String[] first = { table.getItem(0).getText(1), table.getItem(0).getText(2), table.getItem(0).getText(4),
				table.getItem(0).getText(5) };
		assertEquals("Daft Punk", first[0]);
		assertEquals("Around the World", first[1]);
		assertEquals("121.3", first[2]);
		assertEquals("4A", first[3]);
		assertEquals("Rain (edit 9999)", table.getItem(99_999).getText(2), "the last row is read on demand");
	}

	private static Table findLibraryTable(Display display) {
		for (Shell shell : display.getShells()) {
			Table table = find(shell);
			if (table != null) {
				return table;
			}
		}
		return null;
	}

	private static Table find(Control control) {
		if (control instanceof Table table && table.getColumnCount() > 2 && "Artist".equals(table.getColumn(1).getText())) {
			return table;
		}
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				Table found = find(child);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static void capture(Shell shell, Path file) throws Exception {
		Display display = shell.getDisplay();
		Rectangle bounds = shell.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
		} finally {
			gc.dispose();
		}
		ImageData data = image.getImageData();
		image.dispose();
		Files.createDirectories(file.getParent());
		ImageLoader loader = new ImageLoader();
		loader.data = new ImageData[] { data };
		loader.save(file.toString(), SWT.IMAGE_PNG);
	}

	private static void closeWorkbench(Display display) {
		for (Shell shell : display.getShells()) {
			if (shell.getData("modelElement") instanceof MWindow window) {
				IWorkbench workbench = window.getContext().get(IWorkbench.class);
				if (workbench != null) {
					workbench.close();
					return;
				}
			}
		}
		for (Shell shell : display.getShells()) {
			shell.dispose();
		}
	}
}
