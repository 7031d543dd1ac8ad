package orbit.app.internal.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.FrameworkUtil;

/** The headless Equinox application {@code orbit.app.cli}: runs one command line and exits. */
public class CommandLineApplication implements IApplication {

	@Override
	public Object start(IApplicationContext context) {
		String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
				new String[0]);
		context.applicationRunning();
		Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
		PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
		PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
		int code = OrbitCommandLine.run(FrameworkUtil.getBundle(getClass()).getBundleContext(), args, out, err);
		out.flush();
		err.flush();
		quietAfterTheAnswer();
		return Integer.valueOf(code);
	}

	/**
	 * Once the command has answered, what the framework reports while it shuts down goes to the
	 * log, not to the user's terminal: on a full disk Equinox cannot save its configuration area
	 * nor write its own log, and would print both failures with their stack traces after the
	 * one sentence that already said the disk is full.
	 */
	private static void quietAfterTheAnswer() {
		String log = System.getProperty("orbit.log");
		if (log == null || log.isBlank()) {
			return;
		}
		try {
			// A PrintStream keeps going when the file cannot take more: the log is best effort.
			System.setErr(new PrintStream(new FileOutputStream(log, true), true, Charset.defaultCharset()));
		} catch (IOException | SecurityException e) {
			// No log to write to: stderr stays as it is.
		}
	}

	@Override
	public void stop() {
		// A command runs to completion; there is nothing to interrupt.
	}
}
