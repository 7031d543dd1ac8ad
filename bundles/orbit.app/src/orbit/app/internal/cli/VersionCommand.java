package orbit.app.internal.cli;

import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;

import orbit.core.cli.CommandContribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

		@Override
		public Integer call() {
			for (String line : OrbitVersion.lines()) {
				spec.commandLine().getOut().println(line);
			}
			return 0;
		}
	}
}
