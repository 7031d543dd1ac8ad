package orbit.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import orbit.core.DataDirectory;

/**
 * Real DS services for tests. {@link #withHome} points the data directory at a test folder and
 * hands the service to the test; when it returns the service is released, so delayed
 * components (the library) deactivate and close their files before the next test.
 */
public final class OsgiServices {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private OsgiServices() {
	}

	public static <S, R> R withHome(Path home, Class<S> type, Function<S, R> use) {
		String previous = System.getProperty(DataDirectory.HOME_PROPERTY);
		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		try {
			return with(type, use);
		} finally {
			if (previous == null) {
				System.clearProperty(DataDirectory.HOME_PROPERTY);
			} else {
				System.setProperty(DataDirectory.HOME_PROPERTY, previous);
			}
		}
	}

	public static <S, R> R with(Class<S> type, Function<S, R> use) {
		BundleContext context = FrameworkUtil.getBundle(OsgiServices.class).getBundleContext();
		ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
		tracker.open();
		try {
			S service = tracker.waitForService(WAIT.toMillis());
			if (service == null) {
				throw new AssertionError("no " + type.getName() + " service within " + WAIT.toSeconds() + " s");
			}
			return use.apply(service);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		} finally {
			tracker.close();
		}
	}

	/**
	 * Gives {@code pid} these properties in Configuration Admin, or deletes its configuration when
	 * null. Bound to no bundle ("?"), so Declarative Services hands it to the component of that PID.
	 */
	public static void configure(String pid, Map<String, ?> properties) {
		with(ConfigurationAdmin.class, admin -> {
			try {
				Configuration configuration = admin.getConfiguration(pid, "?");
				if (properties == null) {
					configuration.delete();
				} else {
					configuration.update(new Hashtable<>(properties));
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return null;
		});
	}

	/** Waits until {@code condition} holds (a component's reconfiguration arrives asynchronously). */
	public static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(what + " did not happen within " + WAIT.toSeconds() + " s");
			}
			try {
				Thread.sleep(20);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}

	public static BundleContext context() {
		return FrameworkUtil.getBundle(OsgiServices.class).getBundleContext();
	}
}
