package orbit.tests.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

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
		String classPath = classPath(main, classPathOf);
		List<String> command = command(classPath);
		Path cache = aotCache(main, classPath);
		if (cache != null && Files.isRegularFile(cache)) {
			command.add("-XX:AOTCache=" + cache);
			command.add("-Xlog:aot=off");
			command.add("-Xlog:cds=off");
		}
		command.add(main.getName());
		command.addAll(List.of(args));
		return new ProcessBuilder(command);
	}

	/**
	 * Makes the JVM's ahead-of-time cache (JDK 25 and newer) for the children of one main class and
	 * class path, once per test run: one such child, started with {@code args}, is stopped (SIGTERM) once
	 * it printed {@code ready}, and its JVM writes the classes it loaded, linked, as it exits. The
	 * children {@link #builder} starts after it load them from the cache: a crash campaign starts hundreds.
	 * Without a cache (an older JDK, a class path the JVM cannot cache, a training that failed) they
	 * start as before.
	 */
	public static void train(Class<?> main, List<Class<?>> classPathOf, String ready, String... args)
			throws IOException, InterruptedException {
		String classPath = classPath(main, classPathOf);
		Path cache = aotCache(main, classPath);
		if (cache == null || Files.isRegularFile(cache)) {
			return;
		}
		Files.createDirectories(cache.getParent());
		Path written = cache.resolveSibling(cache.getFileName() + ".tmp");
		List<String> command = command(classPath);
		command.add("-XX:AOTCacheOutput=" + written);
		command.add(main.getName());
		command.addAll(List.of(args));
		// What the JVM says about the cache it makes is kept beside it.
		Process child = new ProcessBuilder(command)
				.redirectError(cache.resolveSibling(cache.getFileName() + ".log").toFile()).start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = out.readLine()) != null;) {
				if (line.equals(ready)) {
					child.destroy();
					break;
				}
			}
		}
		if (!child.waitFor(120, TimeUnit.SECONDS)) {
			child.destroyForcibly();
		}
		if (Files.isRegularFile(written) && Files.size(written) > 0) {
			Files.move(written, cache, StandardCopyOption.ATOMIC_MOVE);
		}
	}

	private static String classPath(Class<?> main, List<Class<?>> classPathOf) {
		Set<String> entries = new LinkedHashSet<>();
		entries.add(cacheable(location(main)));
		for (Class<?> anchor : classPathOf) {
			entries.add(cacheable(location(anchor)));
		}
		return String.join(File.pathSeparator, entries);
	}

	private static final Map<String, String> JARRED = new ConcurrentHashMap<>();

	/**
	 * A folder of classes (a test bundle runs from its build folder) as a jar of the same classes, made
	 * once per test run: the JVM caches classes from jars only. Unchanged without a cache to make.
	 */
	private static String cacheable(String entry) {
		Path output = cacheOutput();
		if (output == null || !Files.isDirectory(Path.of(entry))) {
			return entry;
		}
		return JARRED.computeIfAbsent(entry, folder -> {
			Path root = Path.of(folder);
			Path jar = output.resolve("child-classpath").resolve(root.getFileName() + "-" + Integer.toHexString(folder.hashCode()) + ".jar");
			try {
				Files.createDirectories(jar.getParent());
				Path written = jar.resolveSibling(jar.getFileName() + ".tmp");
				try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(written));
						Stream<Path> files = Files.walk(root)) {
					for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
						out.putNextEntry(new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
						Files.copy(file, out);
						out.closeEntry();
					}
				}
				Files.move(written, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				return jar.toString();
			} catch (IOException e) {
				return folder;
			}
		});
	}

	/** The test module's build folder, where caches are made; null when this JDK makes none (older than 25). */
	private static Path cacheOutput() {
		String output = System.getProperty("orbit.test.output");
		return Runtime.version().feature() < 25 || output == null || output.isBlank() ? null : Path.of(output);
	}

	private static List<String> command(String classPath) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Quick to start, since the tests start hundreds of them: less compiling, one GC thread; the
		// JDK's class data sharing is on by default (naming it would rule out an ahead-of-time cache).
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:+UseSerialGC");
		command.add("-cp");
		command.add(classPath);
		return command;
	}

	/**
	 * Where the cache of one main class and class path is kept (the test module's build folder), or
	 * null when there is none to make: a JDK older than 25, or a folder on the class path (the JVM
	 * caches classes from jars only).
	 */
	private static Path aotCache(Class<?> main, String classPath) {
		Path output = cacheOutput();
		if (output == null) {
			return null;
		}
		for (String entry : classPath.split(File.pathSeparator)) {
			if (Files.isDirectory(Path.of(entry))) {
				return null;
			}
		}
		return output.resolve("child-aot").resolve(main.getSimpleName() + "-" + Integer.toHexString(classPath.hashCode()) + ".aot");
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
