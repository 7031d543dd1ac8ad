package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuItem;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import orbit.core.DataDirectory;
import orbit.tests.support.ProductProcess;
import orbit.ui.internal.updates.UpdatesDialog;
import orbit.updates.Updates;

/**
 * Help › Check for Updates and Help › Install Plugins on the real workstation, against a real
 * installation: the product unpacked from its archive, whose p2 profile the running Updates
 * service is pointed at, and ORBIT's own p2 site from the build. The site has nothing newer (the
 * same build), offers ORBIT's features to a plugin search, and a folder that is no site is said to
 * be one that cannot be read. Both dialogs are saved as screenshots.
 */
@Order(7)
@ExtendWith(WorkstationHome.class)
class UpdatesDialogTest {

	private static final String DATA_AREA = "eclipse.p2.data.area";
	private static final String PROFILE = "eclipse.p2.profile";

	@TempDir
	Path temp;

	private final String dataAreaBefore = System.getProperty(DATA_AREA);
	private final String profileBefore = System.getProperty(PROFILE);

	@AfterEach
	void restore() {
		restore(DATA_AREA, dataAreaBefore);
		restore(PROFILE, profileBefore);
	}

	private static void restore(String property, String value) {
		if (value == null) {
			System.clearProperty(property);
		} else {
			System.setProperty(property, value);
		}
	}

	@Test
	void theHelpMenuChecksForUpdatesAndLooksForPlugins() throws Exception {
		Path product = ProductProcess.launcher().getParent();
		Path products = product.getParent().getParent().getParent().getParent().getParent();
		Path archive = products.resolve("orbit-linux.gtk.x86_64.tar.gz");
		Path orbitSite = products.getParent().getParent().getParent().resolve("orbit.site/target/repository");
		assertTrue(Files.isRegularFile(archive), "the product archive was built: " + archive);
		assertTrue(Files.isRegularFile(orbitSite.resolve("content.jar")) || Files.isRegularFile(orbitSite.resolve("content.xml")),
				"ORBIT's site was built: " + orbitSite);
		Path unpacked = Files.createDirectories(temp.resolve("install"));
		Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString()).inheritIO().start();
		assertTrue(tar.waitFor(120, TimeUnit.SECONDS) && tar.exitValue() == 0, "the archive unpacks");
		Path install = unpacked.resolve("orbit");
		System.setProperty(DATA_AREA, install.resolve("p2").toUri().toString());
		System.setProperty(PROFILE, "DefaultProfile");
		BundleContext context = FrameworkUtil.getBundle(UpdatesDialogTest.class).getBundleContext();
		ServiceReference<Updates> reference = context.getServiceReference(Updates.class);
		assertNotNull(reference, "the Updates service");
		Updates updates = context.getService(reference);
		try {
			useDialogs(install, orbitSite, updates);
		} finally {
			context.ungetService(reference);
		}
	}

	private void useDialogs(Path install, Path orbitSite, Updates updates) throws Exception {
		String profileBefore = profileStates(install);

		System.setProperty(DataDirectory.HOME_PROPERTY, Files.createDirectories(temp.resolve("home")).toString());
		Workbench.run(workbench -> {
			// The Help menu holds both items.
			MWindow window = workbench.ui(() -> workbench.context().get(MWindow.class));
			MMenu help = workbench.ui(() -> (MMenu) workbench.context().get(EModelService.class)
					.find("orbit.ui.menu.help", window.getMainMenu()));
			assertNotNull(help, "a Help menu");
			assertEquals(List.of("Check for &Updates\u2026", "Install &Plugins\u2026"),
					workbench.ui(() -> help.getChildren().stream().map(item -> ((MMenuItem) item).getLabel()).toList()));

			// Check for Updates: the build's own site has nothing newer.
			UpdatesDialog check = workbench.ui(() -> {
				UpdatesDialog d = new UpdatesDialog(workbench.shell(), updates, UpdatesDialog.Mode.UPDATES, null);
				d.setBlockOnOpen(false);
				d.open();
				return d;
			});
			workbench.ui(() -> check.site().setText(orbitSite.toString()));
			workbench.ui(check::look);
			workbench.waitUntil("the site read", () -> !check.busy() && check.status().startsWith("Everything is up to date"));
			assertEquals(0, (int) workbench.ui(() -> check.offered().getItemCount()));
			workbench.screenshot(workbench.ui(() -> check.getShell()), "check-for-updates");

			// A folder that is no site: said, nothing changed.
			Path nowhere = Files.createDirectories(temp.resolve("not-a-site"));
			workbench.ui(() -> check.site().setText(nowhere.toString()));
			workbench.ui(check::look);
			workbench.waitUntil("the refusal", () -> !check.busy() && check.status().contains("cannot be read"));
			workbench.ui(check::close);

			// Install Plugins: nothing installed yet; a site's features are offered, none checked.
			UpdatesDialog plugins = workbench.ui(() -> {
				UpdatesDialog d = new UpdatesDialog(workbench.shell(), updates, UpdatesDialog.Mode.PLUGINS, null);
				d.setBlockOnOpen(false);
				d.open();
				return d;
			});
			workbench.waitUntil("the installed plugins read", () -> !plugins.busy());
			assertEquals(0, (int) workbench.ui(() -> plugins.installed().getItemCount()), "no plugin installed");
			workbench.ui(() -> plugins.site().setText(orbitSite.toString()));
			workbench.ui(plugins::look);
			workbench.waitUntil("the offer", () -> !plugins.busy() && plugins.status().contains("offers"));
			assertTrue(workbench.ui(() -> plugins.offered().getItemCount()) > 0, workbench.ui(plugins::status));
			assertFalse(workbench.ui(() -> plugins.offered().getItem(0).getChecked()), "nothing is installed unasked");
			assertFalse(workbench.ui(plugins::restartOffered));
			workbench.screenshot(workbench.ui(() -> plugins.getShell()), "install-plugins");
			workbench.ui(plugins::close);
		});
		assertEquals(profileBefore, profileStates(install), "looking changes nothing in the installation");
	}

	private static String profileStates(Path install) throws Exception {
		try (var states = Files.list(install.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/DefaultProfile.profile"))) {
			return String.join("\n", states.map(p -> p.getFileName().toString()).sorted().toList());
		}
	}
}
