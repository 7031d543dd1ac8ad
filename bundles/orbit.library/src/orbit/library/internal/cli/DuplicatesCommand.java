package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.library.DuplicateFile;
import orbit.library.Library;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orbit duplicates}: files whose recording is already in the library. */
@Component(service = CommandContribution.class)
public class DuplicatesCommand implements CommandContribution {
	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Duplicates(library);
	}

	@Command(name = "duplicates", description = "List files that duplicate a recording already in the library.")
	static final class Duplicates implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		private final Library library;

		Duplicates(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			var all = library.duplicates();
			for (DuplicateFile d : all) {
				out.printf(Locale.ROOT, "%s  duplicates #%d %s%n", d.filePath(), d.entryId(), d.entryFilePath());
			}
			out.printf(Locale.ROOT, "%,d duplicate file(s)%n", all.size());
			return 0;
		}
	}
}
