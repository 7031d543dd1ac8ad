package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
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
import org.osgi.util.tracker.ServiceTracker;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.publisher.IPublisherAction;
import org.eclipse.equinox.p2.publisher.IPublisherInfo;
import org.eclipse.equinox.p2.publisher.Publisher;
import org.eclipse.equinox.p2.publisher.PublisherInfo;
import org.eclipse.equinox.p2.publisher.eclipse.FeaturesAction;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;

import orbit.core.DataDirectory;
import orbit.tests.support.ProductProcess;
import orbit.ui.internal.updates.TrustPrompt;
import orbit.ui.internal.updates.UpdatesDialog;
import orbit.updates.Updates;

/**
 * Help › Check for Updates and Help › Install Plugins on the real workstation, against a real
 * installation: the product unpacked from its archive, whose p2 profile the running Updates
 * service is pointed at. ORBIT's own p2 site from the build has nothing newer (the same build) and
 * no plugin (its features are installed); a folder that is no site is said to be one that cannot
 * be read; a plugin site's plugin is listed unchecked, and installing it is refused whole (it needs
 * a package nothing provides), no plugin installed; an unsigned plugin is shown in the trust prompt
 * first, refused there, then installed. The dialogs and the prompt are saved as screenshots.
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
		String statesBefore = profileStates(install);

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
			workbench.waitUntil("the site read", () -> !check.busy());
			String upToDate = workbench.ui(check::status);
			assertTrue(upToDate.startsWith("Everything is up to date"), upToDate + " (the site and the archive come from one build)");
			assertEquals(0, (int) workbench.ui(() -> check.offered().getItemCount()));
			workbench.screenshot(workbench.ui(() -> check.getShell()), "check-for-updates");

			// A folder that is no site: said, nothing changed.
			Path nowhere = Files.createDirectories(temp.resolve("not-a-site"));
			workbench.ui(() -> check.site().setText(nowhere.toString()));
			workbench.ui(check::look);
			workbench.waitUntil("the refusal", () -> !check.busy());
			String unreadable = workbench.ui(check::status);
			assertTrue(unreadable.contains("cannot be read"), unreadable);
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
			// ORBIT's own site offers no plugin: every feature on it is installed.
			workbench.ui(() -> plugins.site().setText(orbitSite.toString()));
			workbench.ui(plugins::look);
			workbench.waitUntil("no offer", () -> !plugins.busy());
			String noOffer = workbench.ui(plugins::status);
			assertTrue(noOffer.endsWith("offers no plugin."), noOffer);
			// A plugin site: its plugin listed, unchecked; installing it is refused whole, since it needs a
			// package nothing provides, and the installation stays as it was.
			Path pluginSite = pluginSite(temp.resolve("plugin-site"));
			workbench.ui(() -> plugins.site().setText(pluginSite.toString()));
			workbench.ui(plugins::look);
			workbench.waitUntil("the offer", () -> !plugins.busy());
			String offer = workbench.ui(plugins::status);
			assertTrue(offer.contains("offers 1 plugin(s)"), offer);
			workbench.ui(() -> {
				assertEquals(1, plugins.offered().getItemCount());
				assertEquals("org.example.beats.feature", plugins.offered().getItem(0).getText(0));
				assertEquals("Beats", plugins.offered().getItem(0).getText(1));
				assertEquals("1.0.0", plugins.offered().getItem(0).getText(2));
				assertEquals("Example Beats", plugins.offered().getItem(0).getText(3));
				assertFalse(plugins.offered().getItem(0).getChecked(), "nothing is installed unasked");
			});
			workbench.screenshot(workbench.ui(() -> plugins.getShell()), "install-plugins");
			workbench.ui(() -> plugins.offered().getItem(0).setChecked(true));
			workbench.ui(plugins::installChecked);
			workbench.waitUntil("the refusal", () -> !plugins.busy());
			String refused = workbench.ui(plugins::status);
			assertTrue(refused.contains("cannot be installed"), refused);
			assertFalse(workbench.ui(plugins::restartOffered));
			assertEquals(0, (int) workbench.ui(() -> plugins.installed().getItemCount()), "still no plugin installed");

			// A plugin nobody signed: the trust prompt says so before anything is installed; Cancel
			// installs nothing, Install Anyway installs it.
			Path unsigned = unsignedPluginSite(temp.resolve("unsigned-work"), temp.resolve("unsigned-site"));
			workbench.ui(() -> plugins.site().setText(unsigned.toString()));
			workbench.ui(plugins::look);
			workbench.waitUntil("the unsigned offer", () -> !plugins.busy());
			workbench.ui(() -> plugins.offered().getItem(0).setChecked(true));
			workbench.ui(plugins::installChecked);
			workbench.waitUntil("the trust prompt", () -> plugins.trustPrompt() != null || !plugins.busy());
			TrustPrompt prompt = plugins.trustPrompt();
			assertNotNull(prompt, "a trust prompt, not: " + workbench.ui(plugins::status));
			workbench.ui(() -> {
				assertEquals("Untrusted Content", prompt.getShell().getText());
				assertEquals(List.of(LIGHTS + " 1.0.0"), prompt.untrusted().unsigned());
			});
			workbench.screenshot(workbench.ui(prompt::getShell), "trust-prompt");
			workbench.ui(prompt::refuse);
			workbench.waitUntil("the refusal", () -> !plugins.busy());
			String distrusted = workbench.ui(plugins::status);
			assertTrue(distrusted.contains("offers what this installation does not trust") && distrusted.contains("not signed"),
					distrusted);
			assertEquals(0, (int) workbench.ui(() -> plugins.installed().getItemCount()), "nothing installed");

			workbench.ui(() -> plugins.offered().getItem(0).setChecked(true));
			workbench.ui(plugins::installChecked);
			workbench.waitUntil("the trust prompt again", () -> plugins.trustPrompt() != null || !plugins.busy());
			TrustPrompt again = plugins.trustPrompt();
			assertNotNull(again, "a trust prompt, not: " + workbench.ui(plugins::status));
			workbench.ui(again::install);
			workbench.waitUntil("the install", () -> !plugins.busy());
			String installedNow = workbench.ui(plugins::status);
			assertTrue(installedNow.contains("added feature " + LIGHTS), installedNow);
			workbench.ui(plugins::close);
		});
		// Whether the installation's own files are untouched by a refusal is checked through its
		// launcher (UpdateCommandTest, PluginCommandTest): here p2 takes the unpacked profile for the
		// test runtime's own and records the test runtime's install folder in a new state of it.
		assertTrue(profileStates(install).contains(statesBefore), "no earlier state of the installation is lost");
	}

	/**
	 * A p2 site of one plugin feature by "Example Beats" that needs a package nothing provides:
	 * p2's own repository formats, written out (content.xml and an empty artifacts.xml).
	 */
	private static Path pluginSite(Path site) throws Exception {
		Files.createDirectories(site);
		Files.writeString(site.resolve("content.xml"), """
				<?xml version='1.0' encoding='UTF-8'?>
				<?metadataRepository version='1.2.0'?>
				<repository name='Example plugins' type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository' version='1'>
				  <properties size='1'><property name='p2.timestamp' value='1764633600000'/></properties>
				  <units size='1'>
				    <unit id='org.example.beats.feature.feature.group' version='1.0.0' singleton='false'>
				      <properties size='3'>
				        <property name='org.eclipse.equinox.p2.name' value='Beats'/>
				        <property name='org.eclipse.equinox.p2.provider' value='Example Beats'/>
				        <property name='org.eclipse.equinox.p2.type.group' value='true'/>
				      </properties>
				      <provides size='1'>
				        <provided namespace='org.eclipse.equinox.p2.iu' name='org.example.beats.feature.feature.group' version='1.0.0'/>
				      </provides>
				      <requires size='1'>
				        <required namespace='java.package' name='org.example.nothing.provides.this' range='0.0.0'/>
				      </requires>
				      <touchpoint id='null' version='0.0.0'/>
				    </unit>
				  </units>
				</repository>
				""");
		Files.writeString(site.resolve("artifacts.xml"), """
				<?xml version='1.0' encoding='UTF-8'?>
				<?artifactRepository version='1.1.0'?>
				<repository name='Example plugins' type='org.eclipse.equinox.p2.artifact.repository.simpleRepository' version='1'>
				  <properties size='1'><property name='p2.timestamp' value='1764633600000'/></properties>
				  <mappings size='3'>
				    <rule filter='(&amp; (classifier=osgi.bundle))' output='${repoUrl}/plugins/${id}_${version}.jar'/>
				    <rule filter='(&amp; (classifier=binary))' output='${repoUrl}/binary/${id}_${version}'/>
				    <rule filter='(&amp; (classifier=org.eclipse.update.feature))' output='${repoUrl}/features/${id}_${version}.jar'/>
				  </mappings>
				  <artifacts size='0'>
				  </artifacts>
				</repository>
				""");
		return site;
	}

	private static final String LIGHTS = "org.example.lights.feature";

	/** A p2 site with one plugin feature (no bundles), published by p2's publisher and not signed. */
	private static Path unsignedPluginSite(Path work, Path site) throws Exception {
		Path feature = Files.createDirectories(work.resolve("features").resolve(LIGHTS + "_1.0.0"));
		Files.writeString(feature.resolve("feature.xml"), """
				<?xml version="1.0" encoding="UTF-8"?>
				<feature id="org.example.lights.feature" label="Lights" version="1.0.0" provider-name="Example Lights">
				</feature>
				""");
		BundleContext context = FrameworkUtil.getBundle(UpdatesDialogTest.class).getBundleContext();
		ServiceTracker<IProvisioningAgentProvider, IProvisioningAgentProvider> tracker = new ServiceTracker<>(context,
				IProvisioningAgentProvider.class, null);
		tracker.open();
		IProvisioningAgentProvider provider = tracker.waitForService(10_000);
		assertNotNull(provider, "p2's agent provider");
		IProvisioningAgent agent = provider.createAgent(work.resolve("agent").toUri());
		try {
			PublisherInfo info = new PublisherInfo();
			info.setMetadataRepository(agent.getService(IMetadataRepositoryManager.class).createRepository(site.toUri(),
					"Example Lights", IMetadataRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of()));
			info.setArtifactRepository(agent.getService(IArtifactRepositoryManager.class).createRepository(site.toUri(),
					"Example Lights", IArtifactRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of()));
			info.setArtifactOptions(IPublisherInfo.A_PUBLISH | IPublisherInfo.A_INDEX);
			IStatus status = new Publisher(info).publish(
					new IPublisherAction[] { new FeaturesAction(new File[] { feature.toFile() }) }, new NullProgressMonitor());
			assertTrue(status.getSeverity() != IStatus.ERROR, status.toString());
		} finally {
			agent.stop();
			tracker.close();
		}
		return site;
	}

	private static String profileStates(Path install) throws Exception {
		try (var states = Files.list(install.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/DefaultProfile.profile"))) {
			return String.join("\n", states.map(p -> p.getFileName().toString()).sorted().toList());
		}
	}
}
