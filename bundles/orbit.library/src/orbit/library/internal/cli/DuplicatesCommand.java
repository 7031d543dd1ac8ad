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
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=duplicates")
public class DuplicatesCommand implements CommandContribution {
	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Duplicates(library);
	}

	@Command(name = "duplicates", description = { "List the files that are copies of a recording another file stands for.",
			"Copies have tags that name the same recording and lengths within 2 s; the best copy stands for it "
					+ "(lossless, then bitrate, then where the music lives over a downloads folder)." })
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
				out.printf(Locale.ROOT, "#%d %s  is a copy of  #%d %s%n", d.copyId(), d.filePath(), d.entryId(),
						d.entryFilePath());
			}
			out.printf(Locale.ROOT, "%,d cop%s%n", all.size(), all.size() == 1 ? "y" : "ies");
			return 0;
		}
	}
}
