package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.core.cli.ProgressBar;
import orbit.library.Library;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit scan DIR}: scans a folder tree into the library, with a progress bar on stderr. */
@Component(service = CommandContribution.class)
public class ScanCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Scan(library);
	}

	@Command(name = "scan", description = "Scan a folder (recursively) into the library.")
	static final class Scan implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "DIR")
		Path folder;

		private final Library library;

		Scan(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			ProgressBar bar = new ProgressBar(spec.commandLine().getErr());
			ScanReport report = library.scan(folder, new ScanProgress() {
				@Override
				public void fileDone(int done, int total) {
					bar.count(done, total);
				}
			});
			bar.finish();
			PrintWriter out = spec.commandLine().getOut();
			for (ScanProblem p : report.problems()) {
				out.printf(Locale.ROOT, "skipped %s: %s%n", p.file(), p.reason());
			}
			out.printf(Locale.ROOT,
					"%,d audio file(s): %,d added, %,d updated, %,d unchanged, %,d duplicate(s), %,d missing, %,d unreadable%s%n",
					report.audioFiles(), report.added(), report.updated(), report.unchanged(), report.duplicates(),
					report.missing(), report.problems().size(), report.cancelled() ? " (cancelled)" : "");
			return 0;
		}
	}
}
