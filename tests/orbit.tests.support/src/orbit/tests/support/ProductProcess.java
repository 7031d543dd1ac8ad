package orbit.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The materialized product's launcher script, started as a user starts it: a separate JVM, no
 * display, the command line's output and exit code.
 */
public final class ProductProcess {

	/** What one run printed and how it ended. */
	public record Run(int exitCode, String out, String err) {

		/** Both streams, for messages. */
		public String all() {
			return out + err;
		}
	}

	private ProductProcess() {
	}

	/** The launcher the build materialized ({@code orbit.product.dir}). */
	public static Path launcher() {
		String dir = System.getProperty("orbit.product.dir");
		if (dir == null || dir.isBlank()) {
			throw new AssertionError("orbit.product.dir is set by the build");
		}
		Path launcher = Path.of(dir, "orbit");
		if (!Files.isExecutable(launcher)) {
			throw new AssertionError("the product was materialized before the tests: " + launcher);
		}
		return launcher;
	}

	/** Starts the launcher with {@code ORBIT_HOME} at {@code home}; its output goes to two files under {@code temp}. */
	public static Process start(Path temp, Path home, Map<String, String> environment, String... args) throws IOException {
		return builder(launcher(), temp, home, environment, args).start();
	}

	/** Runs the launcher to its end (two minutes at most) and returns what it printed. */
	public static Run run(Path temp, Path home, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		return run(launcher(), temp, home, environment, args);
	}

	/** Runs another installation's launcher (one a test unpacked or copied) to its end, like {@link #run}. */
	public static Run run(Path launcher, Path temp, Path home, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		ProcessBuilder builder = builder(launcher, temp, home, environment, args);
		Process process = builder.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("the command line did not finish in 120 s: " + builder.command());
		}
		return new Run(process.exitValue(), Files.readString(builder.redirectOutput().file().toPath(), StandardCharsets.UTF_8),
				Files.readString(builder.redirectError().file().toPath(), StandardCharsets.UTF_8));
	}

	private static ProcessBuilder builder(Path launcher, Path temp, Path home, Map<String, String> environment,
			String... args) {
		List<String> command = new ArrayList<>();
		command.add(launcher.toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("DISPLAY");
		builder.environment().remove("WAYLAND_DISPLAY");
		builder.environment().put("ORBIT_HOME", home.toString());
		builder.environment().putAll(environment);
		String name = "run-" + System.nanoTime();
		return builder.redirectOutput(temp.resolve(name + ".out").toFile())
				.redirectError(temp.resolve(name + ".err").toFile());
	}
}
