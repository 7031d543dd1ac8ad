package orbit.app.internal.cli;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.IVersionProvider;

/** ORBIT's version is the version of this bundle; the runtime's versions follow. */
public final class OrbitVersion implements IVersionProvider {

	public static String orbit() {
		Bundle bundle = FrameworkUtil.getBundle(OrbitVersion.class);
		return bundle == null ? "unknown" : bundle.getVersion().toString();
	}

	@Override
	public String[] getVersion() {
		return lines();
	}

	public static String[] lines() {
		return new String[] { "ORBIT " + orbit(),
				"Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
						+ System.getProperty("java.home") + ")",
				"OS " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch") };
	}
}
