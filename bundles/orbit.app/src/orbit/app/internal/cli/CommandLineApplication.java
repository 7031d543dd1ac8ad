package orbit.app.internal.cli;

import java.io.OutputStreamWriter;
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
		return Integer.valueOf(code);
	}

	@Override
	public void stop() {
		// A command runs to completion; there is nothing to interrupt.
	}
}
