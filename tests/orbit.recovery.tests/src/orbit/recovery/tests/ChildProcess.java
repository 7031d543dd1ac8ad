package orbit.recovery.tests;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** A plain JVM running {@link CrashChild} with the journal's classes, to be killed for real. */
final class ChildProcess {

	private ChildProcess() {
	}

	/** The jar or folder each class was loaded from, as a class path. */
	static String classPath(Class<?>... anchors) {
		Set<String> entries = new LinkedHashSet<>();
		for (Class<?> anchor : anchors) {
			entries.add(location(anchor));
		}
		return String.join(File.pathSeparator, entries);
	}

	static String location(Class<?> anchor) {
		try {
			var source = anchor.getProtectionDomain().getCodeSource();
			if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
				return Path.of(source.getLocation().toURI()).toString();
			}
		} catch (URISyntaxException | SecurityException e) {
			// fall back to the bundle location
		}
		Bundle bundle = FrameworkUtil.getBundle(anchor);
		String location = bundle.getLocation().replaceFirst("^reference:", "").replaceFirst("^initial@", "")
				.replaceFirst("^reference:", "");
		return Path.of(java.net.URI.create(location)).toString();
	}

	static ProcessBuilder builder(String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xshare:auto");
		command.add("-cp");
		command.add(classPath(CrashChild.class, orbit.recovery.internal.SqliteJournal.class, org.sqlite.JDBC.class,
				com.google.gson.JsonObject.class, orbit.core.ActionableException.class, org.slf4j.LoggerFactory.class));
		command.add(CrashChild.class.getName());
		command.addAll(List.of(args));
		return new ProcessBuilder(command);
	}
}
