package orbit.core.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Opens the log as ORBIT's first bundle starts: every ORBIT component loads a class of this
 * bundle before it can log. The launcher names the file in the system property {@value #LOG};
 * without it (the test runtime) logging stays as the runtime has it.
 */
public final class CoreActivator implements BundleActivator {

	/** The system property that names the log file. */
	public static final String LOG = "orbit.log";

	@Override
	public void start(BundleContext context) {
		String log = System.getProperty(LOG);
		if (log != null && !log.isBlank()) {
			LogFile.install(Path.of(log));
		}
	}

	@Override
	public void stop(BundleContext context) {
		// the log stays open until the process ends: the framework's own shut-down is logged too
	}
}
