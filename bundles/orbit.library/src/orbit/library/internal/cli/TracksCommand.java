package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.Track;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orbit tracks}: the library's tracks, one per line. */
@Component(service = CommandContribution.class)
public class TracksCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Tracks(library);
	}

	@Command(name = "tracks", description = "List the tracks of the library.")
	static final class Tracks implements Callable<Integer> {
		private static final int PAGE = 1000;

		@Spec
		CommandSpec spec;

		@Option(names = "--offset", paramLabel = "N", description = "Skip the first N tracks.")
		long offset;

		@Option(names = "--limit", paramLabel = "N", description = "Show at most N tracks (default: all).")
		long limit = Long.MAX_VALUE;

		@Option(names = "--filter", paramLabel = "TEXT", description = "Only tracks whose title, artist or album contains TEXT.")
		String filter;

		@Option(names = "--integrity", paramLabel = "LEVEL", description = "Only tracks at LEVEL (Pending, Bronze, Silver, Gold).")
		String integrity;

		private final Library library;

		Tracks(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			if (filter != null || integrity != null) {
				return filtered(out);
			}
			long total = library.countTracks();
			out.printf(Locale.ROOT, "%6s  %-28s  %-36s  %6s  %4s  %5s%n", "ID", "ARTIST", "TITLE", "BPM", "KEY", "TIME");
			long shown = 0;
			for (long at = offset; shown < limit; at += PAGE) {
				List<Track> page = library.tracks(at, (int) Math.min(PAGE, limit - shown));
				if (page.isEmpty()) {
					break;
				}
				for (Track t : page) {
					out.printf(Locale.ROOT, "%6d  %-28.28s  %-36.36s  %6s  %4s  %5s%n", t.id(), orEmpty(t.artist()),
							orEmpty(t.title()), t.bpm() == null ? "" : String.format(Locale.ROOT, "%.1f", t.bpm()),
							orEmpty(t.musicalKey()), t.durationSeconds() == null ? ""
									: String.format(Locale.ROOT, "%d:%02d", t.durationSeconds() / 60, t.durationSeconds() % 60));
				}
				shown += page.size();
			}
			out.printf(Locale.ROOT, "%,d of %,d track(s)%n", shown, total);
			return 0;
		}

		private int filtered(PrintWriter out) {
			IntegrityLevel level = integrity == null ? null : IntegrityLevel.parse(integrity);
			out.printf(Locale.ROOT, "%6s  %-28s  %-36s  %6s  %4s  %-7s%n", "ID", "ARTIST", "TITLE", "BPM", "KEY", "LEVEL");
			long shown = 0;
			for (long at = offset; shown < limit; at += PAGE) {
				List<LibraryEntry> page = library.findEntries(filter, level, at, (int) Math.min(PAGE, limit - shown));
				if (page.isEmpty()) {
					break;
				}
				for (LibraryEntry e : page) {
					// Resolved values (user, then file, then online); a user override is marked with *.
					var bpm = e.resolvedBpm();
					var key = e.resolvedKey();
					out.printf(Locale.ROOT, "%6d  %-28.28s  %-36.36s  %6s  %4s  %-7s%n", e.id(), orEmpty(e.artist()),
							orEmpty(e.title()),
							bpm.value().map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("")
									+ (bpm.userOverride() ? "*" : ""),
							key.value().map(k -> k.camelot()).orElse("") + (key.userOverride() ? "*" : ""),
							e.integrityLevel());
				}
				shown += page.size();
			}
			out.printf(Locale.ROOT, "%,d matching track(s)%n", shown);
			return 0;
		}

		private static String orEmpty(String s) {
			return s == null ? "" : s;
		}
	}
}
