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
import orbit.library.EntryOrder;
import orbit.library.EntryQuery;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.LibraryListing;
import orbit.library.MusicalKey;
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

		@Option(names = "--filter", paramLabel = "TEXT", description = "Only tracks whose title, artist, album or path contains TEXT, ignoring case and accents (bjork finds Björk).")
		String filter;

		@Option(names = "--audio", paramLabel = "STATE", description = "Only tracks whose audio checked ${COMPLETION-CANDIDATES}.")
		AudioState audio;

		@Option(names = "--integrity", paramLabel = "LEVEL", description = "Only tracks at LEVEL (Pending, Bronze, Silver, Gold).")
		String integrity;

		@Option(names = "--quality", paramLabel = "KIND", description = "Only lossless tracks whose measured audio is "
				+ "KIND: transcoded (decoded from a lossy file), lossless (genuine) or unknown (cannot tell).")
		String quality;

		@Option(names = "--bpm", paramLabel = "FROM-TO", description = "Only tracks whose BPM is in this range "
				+ "(120-128; 124 alone is 124 exactly; 120- or -128 is open on one side).")
		String bpm;

		@Option(names = "--key", paramLabel = "K", description = "Only tracks in this key: Camelot (8A), Open Key (1m) or standard (Am).")
		String key;

		@Option(names = "--compatible", paramLabel = "K", description = "Only tracks that mix harmonically with K: "
				+ "the same key, its relative major or minor, and the keys a fifth either side (for 8A: 8A, 8B, 7A, 9A).")
		String compatible;

		@Option(names = "--format", paramLabel = "F", description = "Only files of this format: flac, mp3, m4a, aac, ogg, "
				+ "opus, wav or aiff.")
		String format;

		@Option(names = "--sort", paramLabel = "FIELD", description = "Order by ${COMPLETION-CANDIDATES} (default: ID); "
				+ "BPM and key by their resolved values, entries without one last.")
		EntryOrder sort = EntryOrder.ID;

		@Option(names = "--desc", description = "Reverse the order (--sort added --desc: the newest first).")
		boolean descending;

		private final Library library;

		Tracks(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			if (offset < 0 || limit < 0) {
				throw new picocli.CommandLine.ParameterException(spec.commandLine(), (offset < 0 ? "--offset" : "--limit")
						+ " is a number of tracks, 0 or more, not " + (offset < 0 ? offset : limit));
			}
			if (key != null && compatible != null) {
				throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--key and --compatible together: choose one");
			}
			if (format != null && !EntryQuery.FORMATS.contains(format.strip().toLowerCase(Locale.ROOT))) {
				throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format " + format
						+ " is not a format ORBIT reads; one of " + String.join(", ", EntryQuery.FORMATS));
			}
			PrintWriter out = spec.commandLine().getOut();
			IntegrityLevel level = integrity == null ? null : IntegrityLevel.parse(integrity);
			AudioQuality.Kind kind = quality == null ? null : qualityKind(quality);
			Double[] range = bpm == null ? new Double[2] : bpmRange(bpm);
			EntryQuery query = new EntryQuery(filter, level, audio, sort, descending, kind).withBpm(range[0], range[1])
					.withKeys(key != null ? List.of(MusicalKey.parseOrFail(key))
							: compatible != null ? MusicalKey.parseOrFail(compatible).compatible() : null)
					.withFormat(format);
			// The ids are read before the header: a library that cannot be opened prints its error alone.
			long[] ids = library.entryIds(query);
			long end = Math.min(ids.length, offset + Math.min(limit, (long) ids.length));
			out.printf(Locale.ROOT, "%6s  %-28s  %-36s  %6s  %4s  %5s  %-7s  %-7s  %-10s  %s%n", "ID", "ARTIST", "TITLE",
					"BPM", "KEY", "TIME", "LEVEL", "AUDIO", "QUALITY", "STATE");
			long shown = 0;
			for (long at = offset; at < end; at += PAGE) {
				List<LibraryListing> page = library.listings(java.util.Arrays.copyOfRange(ids, (int) at, (int) Math.min(end, at + PAGE)));
				java.util.Map<Long, TrackState> states = new java.util.HashMap<>();
				for (LibraryListing listing : page) {
					states.put(listing.entry().id(), listing.state());
				}
				for (LibraryEntry e : page.stream().map(LibraryListing::entry).toList()) {
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
			if (query.all()) {
				out.printf(Locale.ROOT, "%,d of %,d track(s)%n", shown, library.countTracks());
			} else {
				out.printf(Locale.ROOT, "%,d matching track(s)%n", shown);
			}
			return 0;
		}

		/** Missing, or a copy of a recording another entry stands for; the path for a file that is not tagged. */
		private static String state(LibraryEntry e, TrackState listed) {
			if (e.missingSince() != null) {
				return "missing since " + orbit.core.cli.CliFormat.time(e.missingSince());
			}
			if (listed != null && listed.deferredUntil() != null) {
				return "Deferred (Locked) until " + orbit.core.cli.CliFormat.time(listed.deferredUntil()) + ": " + listed.heldBy();
			}
			String state = e.duplicateOf() == null ? "" : "copy of #" + e.duplicateOf();
			return e.title() == null ? (state + " " + e.filePath()).strip() : state;
		}

		/** {@code 120-128}, {@code 124}, {@code 120-} or {@code -128}: the bounds, null where open. */
		private Double[] bpmRange(String text) {
			try {
				return orbit.library.Tempo.range(text);
			} catch (IllegalArgumentException e) {
				throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bpm " + e.getMessage());
			}
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
