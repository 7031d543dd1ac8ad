package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.core.cli.ProgressBar;
import orbit.library.AudioCheckReport;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.QualityReport;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit scan DIR}: scans a folder tree into the library, with a progress bar on stderr. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=scan")
public class ScanCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Scan(library);
	}

	@Command(name = "scan", description = { "Scan a folder (recursively) into the library: every readable audio file "
			+ "becomes an entry; copies of one recording are found and the best one stands for it.",
			"Then the audio of every new or changed file is checked (FLAC frame CRCs and length, MP3 frame sync and "
					+ "count); Ctrl-C stops the check, and the next scan goes on from there." })
	static final class Scan implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "DIR")
		Path folder;

		@Option(names = "--no-check", description = "Read the tags only; leave the audio checks for later.")
		boolean noCheck;

		@Option(names = "--quality", description = "Then decode every new or changed file whole and measure its "
				+ "quality: its fingerprint, and whether a lossless file is genuine or a transcode of a lossy one "
				+ "('tracks --quality'). Slow: about a second per track; the workstation does it in the background.")
		boolean quality;

		private final Library library;

		Scan(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			PrintWriter err = spec.commandLine().getErr();
			PrintWriter out = spec.commandLine().getOut();
			ScanReport report = withBar(err, "read", bar -> library.scan(folder, bar));
			for (ScanProblem p : report.problems()) {
				out.printf(Locale.ROOT, "skipped %s: %s%n", p.file(), p.reason());
			}
			out.printf(Locale.ROOT,
					"%,d audio file(s): %,d added, %,d updated, %,d unchanged, %,d cop%s of a recording another file "
							+ "stands for, %,d missing, %,d unreadable%s%n",
					report.audioFiles(), report.added(), report.updated(), report.unchanged(), report.duplicates(),
					report.duplicates() == 1 ? "y" : "ies", report.missing(), report.problems().size(),
					report.cancelled() ? " (cancelled)" : "");
			if (noCheck || report.cancelled()) {
				return 0;
			}
			AudioCheckReport checks = withBar(err, "audio checked", bar -> library.checkAudio(folder, bar));
			for (LibraryEntry e : checks.damaged()) {
				out.printf(Locale.ROOT, "damaged #%d %s: %s%n", e.id(), e.filePath(), e.audio().detail());
			}
			out.printf(Locale.ROOT, "%,d file(s) checked: %,d with damaged audio%s%n", checks.checked(),
					checks.damaged().size(), checks.cancelled() ? " (stopped; the next scan checks the rest)" : "");
			if (!quality || checks.cancelled()) {
				return 0;
			}
			QualityReport measured = withBar(err, "measured", bar -> library.measureQuality(folder, bar));
			for (LibraryEntry e : measured.transcoded()) {
				out.printf(Locale.ROOT, "transcoded #%d %s: lossless in name only, decoded from a lossy file%n", e.id(),
						e.filePath());
			}
			for (ScanProblem p : measured.unreadable()) {
				out.printf(Locale.ROOT, "not measured %s: %s%n", p.file(), p.reason());
			}
			out.printf(Locale.ROOT, "%,d file(s) measured: %,d transcoded from lossy%s%n", measured.measured(),
					measured.transcoded().size(), measured.cancelled() ? " (stopped; the next scan goes on)" : "");
			return 0;
		}

		/** Runs one phase with the command line's progress bar: "3,702/10,000 read". */
		private static <R> R withBar(PrintWriter err, String phase, java.util.function.Function<ScanProgress, R> run) {
			ProgressBar bar = ProgressBar.onConsole(err);
			try {
				return run.apply(new ScanProgress() {
					@Override
					public void fileDone(int done, int total) {
						bar.show(done, total, String.format(Locale.ROOT, "%,d/%,d %s", done, total, phase));
					}
				});
			} finally {
				// Also when the scan fails: its error then starts a line of its own.
				bar.finish();
			}
		}
	}
}
