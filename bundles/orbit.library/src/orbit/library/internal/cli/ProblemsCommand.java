package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.library.Library;
import orbit.library.ScanProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orbit problems}: the files scans could not read, kept between scans. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=problems")
public class ProblemsCommand implements CommandContribution {
	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Problems(library);
	}

	@Command(name = "problems", description = { "List the files scans could not read, and why.",
			"A file leaves the list when a scan reads it or no longer finds it." })
	static final class Problems implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		private final Library library;

		Problems(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			List<ScanProblem> all = library.scanProblems();
			for (ScanProblem p : all) {
				out.printf(Locale.ROOT, "%s%n    %s (since %s)%n", p.file(), p.reason(), p.firstSeen());
			}
			out.printf(Locale.ROOT, "%,d unreadable file(s)%n", all.size());
			return 0;
		}
	}
}
