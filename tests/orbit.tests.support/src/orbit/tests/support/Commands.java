package orbit.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs the real tools the tests and benchmarks make and check files with (sox, flac, lame, curl, mount …). */
public final class Commands {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

	private Commands() {
	}

	/** Runs a command to its end; its output (stdout and stderr) is returned, or is the message when it fails. */
	public static String run(String... command) throws IOException, InterruptedException {
		return run(DEFAULT_TIMEOUT, command);
	}

	public static String run(Duration timeout, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new IOException(String.join(" ", command) + " took longer than " + timeout.toSeconds() + " s: " + output);
		}
		if (process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
		}
		return output;
	}
}
