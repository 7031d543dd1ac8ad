package orbit.app.internal.cli;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

import orbit.core.cli.CommandContribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orbit version}: ORBIT's version and the runtime it runs on. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=version")
public class VersionCommand implements CommandContribution {

	@Override
	public Object newCommand() {
		return new Version();
	}

	@Command(name = "version", description = "Print ORBIT's version and the Java runtime it runs on.")
	static final class Version implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Option(names = "--bundles", description = "also each ORBIT bundle this start runs, with its version "
				+ "('update list' shows the installed features)")
		boolean bundles;

		@Override
		public Integer call() {
			for (String line : OrbitVersion.lines()) {
				spec.commandLine().getOut().println(line);
			}
			if (bundles) {
				Bundle self = FrameworkUtil.getBundle(VersionCommand.class);
				Arrays.stream(self.getBundleContext().getBundles())
						.filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("orbit."))
						.sorted(Comparator.comparing(Bundle::getSymbolicName))
						.forEach(b -> spec.commandLine().getOut()
								.println(String.format(Locale.ROOT, "  %-28s %s", b.getSymbolicName(), b.getVersion())));
			}
			return 0;
		}
	}
}
