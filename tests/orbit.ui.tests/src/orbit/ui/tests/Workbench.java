package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import orbit.core.DataDirectory;
import orbit.tests.support.OsgiServices;

/**
 * Runs the real workstation (E4Application with the product's branding and application model)
 * on the test's thread, which becomes the UI thread, while a scenario drives it from another
 * thread the way a user would: through the UI thread, waiting for what the user would wait for.
 */
final class Workbench {

	interface Scenario {
		void run(Workbench workbench) throws Exception;
	}

	static final Duration PATIENCE = Duration.ofSeconds(60);

	final Display display;
	private volatile MWindow window;

	private Workbench(Display display) {
		this.display = display;
	}

	/** Starts the workstation, runs the scenario, closes the workstation; rethrows what the scenario threw. */
	static void run(Scenario scenario) throws Exception {
		Display display = Display.getDefault();
		// A workbench closed before leaves its shells on the display: they are not this one's.
		for (Shell leftover : display.getShells()) {
			leftover.dispose();
		}
		Workbench workbench = new Workbench(display);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread driver = new Thread(() -> {
			try {
				workbench.window = workbench.waitFor("the workbench window", () -> {
					for (Shell shell : display.getShells()) {
						if (shell.getData("modelElement") instanceof MWindow w && shell.isVisible()) {
							return w;
						}
					}
					return null;
				});
				scenario.run(workbench);
			} catch (Throwable e) {
				failure.set(e);
			} finally {
				workbench.close();
			}
		}, "workstation scenario");
		driver.setDaemon(true);
		driver.start();
		Object result;
		try {
			result = new E4Application().start(new TestApplicationContext(
					new String[] { "-clearPersistedState", "-persistState", "false" }, productBranding()));
			driver.join(PATIENCE.toMillis());
		} finally {
			freshComponents();
		}
		if (failure.get() instanceof Exception e) {
			throw e;
		}
		if (failure.get() instanceof Error e) {
			throw e;
		}
		assertEquals(0, ((Integer) result).intValue());
	}

	/**
	 * E4's components that keep what the first workbench gave them: the ModelAssembler reads the
	 * bundles' {@code Model-Fragment}s with a bundle tracker it opens once (without a restart a
	 * second workbench gets no part of orbit.ui's fragment), and the suppliers of
	 * {@code @UIEventTopic} and {@code @EventTopic} deliver events through the first workbench.
	 */
	private static final Set<String> E4_COMPONENTS = Set.of("org.eclipse.e4.ui.internal.workbench.ModelAssembler",
			"org.eclipse.e4.ui.internal.di.UIEventObjectSupplier",
			"org.eclipse.e4.core.di.internal.extensions.EventObjectSupplier");

	/**
	 * After a workbench, the next test (and its workbench) starts as fresh as the first: E4's
	 * components above are restarted, and so is the data directory's, which restarts every
	 * component that needs it (library, journal, upgrades): the workbench's services may otherwise
	 * stay active on this test's data directory, where the next test's set-up would write.
	 */
	private static void freshComponents() {
		BundleContext context = OsgiServices.context();
		ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
		ServiceComponentRuntime components = context.getService(reference);
		try {
			for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
				if (E4_COMPONENTS.contains(description.name)
						|| Arrays.asList(description.serviceInterfaces).contains(DataDirectory.class.getName())) {
					components.disableComponent(description);
					waitUntilComponent(description, () -> !components.isComponentEnabled(description));
					components.enableComponent(description);
					waitUntilComponent(description, () -> {
						var configurations = components.getComponentConfigurationDTOs(description);
						return !configurations.isEmpty() && configurations.stream()
								.allMatch(c -> c.state != ComponentConfigurationDTO.UNSATISFIED_REFERENCE
										&& c.state != ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION);
					});
				}
			}
		} finally {
			context.ungetService(reference);
		}
	}

	private static void waitUntilComponent(ComponentDescriptionDTO description, BooleanSupplier done) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(description.name + " did not restart");
			}
			sleep(10);
		}
	}

	/** Runs on the UI thread and returns its result. */
	<T> T ui(Callable<T> work) {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		display.syncExec(() -> {
			try {
				result.set(work.call());
			} catch (Throwable e) {
				failure.set(e);
			}
		});
		if (failure.get() instanceof RuntimeException e) {
			throw e;
		}
		if (failure.get() instanceof Error e) {
			throw e;
		}
		if (failure.get() != null) {
			throw new IllegalStateException(failure.get());
		}
		return result.get();
	}

	void ui(Runnable work) {
		ui(() -> {
			work.run();
			return null;
		});
	}

	/** Waits (checking on the UI thread) until {@code found} gives a value. */
	<T> T waitFor(String what, Callable<T> found) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			T value = display.isDisposed() ? null : ui(found);
			if (value != null && !Boolean.FALSE.equals(value)) {
				return value;
			}
			sleep(20);
		}
		throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
	}

	void waitUntil(String what, BooleanSupplier condition) {
		waitFor(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	IEclipseContext context() {
		return window.getContext();
	}

	/** Shows and activates a part (as a click on its tab would) and returns its object. */
	@SuppressWarnings("unchecked")
	<T> T part(String id, Class<T> type) {
		return waitFor(id, () -> {
			EPartService parts = context().get(EPartService.class);
			MPart part = parts.findPart(id);
			if (part == null) {
				return null;
			}

			parts.activate(part);
			return type.isInstance(part.getObject()) ? (T) part.getObject() : null;
		});
	}

	Shell shell() {
		return ui(() -> (Shell) window.getWidget());
	}

	/** Lets the UI paint, then saves what the screen shows of {@code shell} as a PNG. */
	Path screenshot(Shell shell, String name) throws Exception {
		for (int i = 0; i < 10; i++) {
			ui(() -> {
				while (display.readAndDispatch()) {
					// paint what is pending
				}
			});
			sleep(30);
		}
		Path file = Path.of(System.getProperty("orbit.test.output", "target"), "screenshots", name + ".png");
		ImageData data = ui(() -> {
			Rectangle bounds = shell.getBounds();
			Image image = new Image(display, bounds.width, bounds.height);
			GC gc = new GC(display);
			try {
				gc.copyArea(image, bounds.x, bounds.y);
			} finally {
				gc.dispose();
			}
			ImageData captured = image.getImageData();
			image.dispose();
			return captured;
		});
		Files.createDirectories(file.getParent());
		ImageLoader loader = new ImageLoader();
		loader.data = new ImageData[] { data };
		loader.save(file.toString(), SWT.IMAGE_PNG);
		System.out.println("Screenshot: " + file);
		return file;
	}

	private void close() {
		if (display.isDisposed()) {
			return;
		}
		display.asyncExec(() -> {
			MWindow w = window;
			IWorkbench workbench = w == null ? null : w.getContext().get(IWorkbench.class);
			if (workbench != null) {
				workbench.close();
			} else {
				for (Shell shell : display.getShells()) {
					shell.dispose();
				}
			}
		});
	}

	/** The properties of ORBIT's product extension, exactly as the shipped product uses them. */
	static Map<String, String> productBranding() {
		Map<String, String> branding = new HashMap<>();
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
}
