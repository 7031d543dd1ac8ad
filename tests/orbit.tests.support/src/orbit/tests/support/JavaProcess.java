package orbit.tests.support;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * A plain JVM outside OSGi, for tests that kill real processes: its class path is the jars or
 * folders the given classes were loaded from in the test runtime.
 */
public final class JavaProcess {

	private JavaProcess() {
	}

	public static ProcessBuilder builder(Class<?> main, List<Class<?>> classPathOf, String... args) {
		Set<String> entries = new LinkedHashSet<>();
		entries.add(location(main));
		for (Class<?> anchor : classPathOf) {
			entries.add(location(anchor));
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Quick to start, since the tests start hundreds of them: less compiling, one GC thread.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:+UseSerialGC");
		command.add("-Xshare:auto");
		command.add("-cp");
		command.add(String.join(File.pathSeparator, entries));
		command.add(main.getName());
		command.addAll(List.of(args));
		return new ProcessBuilder(command);
	}

	/** The jar or folder a class was loaded from. */
	public static String location(Class<?> anchor) {
		try {
			var source = anchor.getProtectionDomain().getCodeSource();
			if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
				return Path.of(source.getLocation().toURI()).toString();
			}
		} catch (URISyntaxException | SecurityException e) {
			// fall back to the bundle's location
		}
		Bundle bundle = FrameworkUtil.getBundle(anchor);
		String location = bundle.getLocation().replaceFirst("^reference:", "").replaceFirst("^initial@", "");
		return Path.of(URI.create(location.replaceFirst("^reference:", ""))).toString();
	}
}
