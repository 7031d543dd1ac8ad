package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.cli.CommandContribution;
import orbit.library.AudioQuality;
import orbit.library.AudioState;
import orbit.library.DualTruth;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.LibraryListing;
import orbit.library.TrackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orbit tracks}: the library's tracks, one per line. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=tracks")
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

		@Option(names = "--filter", paramLabel = "TEXT", description = "Only tracks whose title, artist, album or path contains TEXT.")
		String filter;

		@Option(names = "--audio", paramLabel = "STATE", description = "Only tracks whose audio checked ${COMPLETION-CANDIDATES}.")
		AudioState audio;

		@Option(names = "--integrity", paramLabel = "LEVEL", description = "Only tracks at LEVEL (Pending, Bronze, Silver, Gold).")
		String integrity;

		@Option(names = "--quality", paramLabel = "KIND", description = "Only lossless tracks whose measured audio is "
				+ "KIND: transcoded (decoded from a lossy file), lossless (genuine) or unknown (cannot tell).")
		String quality;

		private final Library library;

		Tracks(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			IntegrityLevel level = integrity == null ? null : IntegrityLevel.parse(integrity);
			AudioQuality.Kind kind = quality == null ? null : qualityKind(quality);
			// The first page is read before the header: a library that cannot be opened prints its error alone.
			List<LibraryEntry> page = library.findEntries(filter, level, audio, kind, offset, (int) Math.min(PAGE, limit));
			out.printf(Locale.ROOT, "%6s  %-28s  %-36s  %6s  %4s  %5s  %-7s  %-7s  %-10s  %s%n", "ID", "ARTIST", "TITLE",
					"BPM", "KEY", "TIME", "LEVEL", "AUDIO", "QUALITY", "STATE");
			long shown = 0;
			for (long at = offset; shown < limit; at += PAGE) {
				if (at != offset) {
					page = library.findEntries(filter, level, audio, kind, at, (int) Math.min(PAGE, limit - shown));
				}
				if (page.isEmpty()) {
					break;
				}
				java.util.Map<Long, TrackState> states = new java.util.HashMap<>();
				for (LibraryListing listing : library.listings(page.stream().mapToLong(LibraryEntry::id).toArray())) {
					states.put(listing.entry().id(), listing.state());
				}
				for (LibraryEntry e : page) {
					// Resolved values (user, then file, then online); a user override is marked with *.
					var bpm = e.resolvedBpm();
					var key = e.resolvedKey();
					Integer seconds = e.durationSeconds();
					out.printf(Locale.ROOT, "%6d  %-28.28s  %-36.36s  %6s  %4s  %5s  %-7s  %-7s  %-10s  %s%n", e.id(),
							orEmpty(e.artist()), e.displayTitle(),
							bpm.value().map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("")
									+ (bpm.userOverride() ? "*" : ""),
							key.value().map(k -> k.camelot()).orElse("") + (key.userOverride() ? "*" : ""),
							DualTruth.clock(seconds), e.integrityLevel(), e.audio() == null ? "-" : e.audio().label(),
							e.quality() == null ? "-" : e.quality().label(), state(e, states.get(e.id())));
				}
				shown += page.size();
			}
			if (filter == null && level == null && audio == null && kind == null) {
				out.printf(Locale.ROOT, "%,d of %,d track(s)%n", shown, library.countTracks());
			} else {
				out.printf(Locale.ROOT, "%,d matching track(s)%n", shown);
			}
			return 0;
		}

		/** Missing, or a copy of a recording another entry stands for; the path for a file that is not tagged. */
		private static String state(LibraryEntry e, TrackState listed) {
			if (e.missingSince() != null) {
				return "missing since " + e.missingSince();
			}
			if (listed != null && listed.deferredUntil() != null) {
				return "Deferred (Locked) until " + listed.deferredUntil() + ": " + listed.heldBy();
			}
			String state = e.duplicateOf() == null ? "" : "copy of #" + e.duplicateOf();
			return e.title() == null ? (state + " " + e.filePath()).strip() : state;
		}

		private static AudioQuality.Kind qualityKind(String text) {
			for (AudioQuality.Kind kind : AudioQuality.Kind.values()) {
				if (kind.label().equalsIgnoreCase(text.strip())) {
					return kind;
				}
			}
			throw new ActionableException("No quality '" + text + "'", "Use transcoded, lossless or unknown");
		}

		private static String orEmpty(String s) {
			return s == null ? "" : s;
		}
	}
}
