package orbit.tests.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
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

	public static BundleContext context() {
		return FrameworkUtil.getBundle(OsgiServices.class).getBundleContext();
	}
}
