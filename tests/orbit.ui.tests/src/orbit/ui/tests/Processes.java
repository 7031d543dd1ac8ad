package orbit.ui.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs the audio tools the tests make real files with. */
final class Processes {

	private Processes() {
	}

	static void run(String... command) throws IOException, InterruptedException {
		output(command);
	}

	static String output(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new AssertionError(String.join(" ", command) + " failed: " + output);
		}
		return output;
	}
}
