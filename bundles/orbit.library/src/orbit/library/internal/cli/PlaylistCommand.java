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
import orbit.library.PlaylistSummary;
import orbit.library.ScanProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit playlist import FILE}: imports a CSV or M3U playlist and matches it to the library. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=playlist")
public class PlaylistCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Playlist(library);
	}

	static void print(PrintWriter out, PlaylistSummary p) {
		out.printf(Locale.ROOT, "%6d  %-32.32s  %-7s  %5d total  %5d matched  %5d missing  %5d failed%n", p.id(),
				p.sourceTitle(), p.sourceType(), p.totalTracks(), p.successfulCount(), p.missingCount(), p.failedCount());
	}

	@Command(name = "playlist", description = "Work with playlists.", subcommands = Import.class)
	static final class Playlist implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		final Library library;

		Playlist(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			spec.commandLine().usage(spec.commandLine().getOut());
			return 0;
		}
	}

	@Command(name = "import", description = { "Import a playlist (CSV, Spotify CSV export, M3U, M3U8), with a progress bar on stderr.",
			"A playlist imports whole or not at all: a malformed line is named and nothing is imported." })
	static final class Import implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@picocli.CommandLine.ParentCommand
		Playlist parent;

		@Parameters(paramLabel = "FILE")
		Path file;

		@Override
		public Integer call() {
			ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
			boolean[] shown = { false };
			PlaylistSummary imported;
			try {
				imported = parent.library.importPlaylist(file, new ScanProgress() {
					@Override
					public void fileDone(int done, int total) {
						shown[0] = true;
						bar.show(done, total, String.format(Locale.ROOT, "%,d/%,d rows", done, total));
					}
				});
			} finally {
				// A file refused before its first row leaves no empty bar line above the error.
				if (shown[0]) {
					bar.finish();
				}
			}
			print(spec.commandLine().getOut(), imported);
			return 0;
		}
	}
}
