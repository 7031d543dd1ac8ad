package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.library.Library;
import orbit.library.PlaylistSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orbit playlists}: every imported playlist with its stats. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=playlists")
public class PlaylistsCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Playlists(library);
	}

	@Command(name = "playlists", description = "List imported playlists and their stats.")
	static final class Playlists implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		private final Library library;

		Playlists(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			var all = library.playlists();
			for (PlaylistSummary p : all) {
				PlaylistCommand.print(out, p);
			}
			out.printf(Locale.ROOT, "%,d playlist(s)%n", all.size());
			return 0;
		}
	}
}
