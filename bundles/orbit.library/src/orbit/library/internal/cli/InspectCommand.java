package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.cli.CliFormat;
import orbit.core.cli.CommandContribution;
import orbit.library.DualTruth;
import orbit.library.EntryDetails;
import orbit.library.GoldRule;
import orbit.library.HistoryRecord;
import orbit.library.KeyNotation;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MusicalKey;
import orbit.library.OnlineAnswer;
import orbit.library.OnlineValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit inspect ID|PATH}: every source of BPM and key side by side, and the integrity verdict. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=inspect")
public class InspectCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Inspect(library);
	}

	@Command(name = "inspect", description = "Show one entry: every BPM/key/duration source, each provider's answer, integrity and history.")
	static final class Inspect implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "ID|PATH", description = "The entry's id or its file path.")
		String target;

		@Option(names = "--notation", paramLabel = "NOTATION", description = "Key notation: ${COMPLETION-CANDIDATES} (default: CAMELOT).")
		KeyNotation notation = KeyNotation.CAMELOT;

		private final Library library;

		Inspect(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			Optional<LibraryEntry> found = target.matches("\\d+") ? library.entry(Long.parseLong(target))
					: library.entryAt(Path.of(target));
			EntryDetails details = found.flatMap(e -> library.details(e.id())).orElseThrow(() -> new ActionableException(
					"No library entry is " + target, "Give an id from 'orbit tracks' or the path of a scanned file"));
			LibraryEntry e = details.entry();
			OnlineValues online = e.online();
			PrintWriter out = spec.commandLine().getOut();
			out.printf(Locale.ROOT, "#%d  %s - %s  [%s]%n", e.id(), text(e.artist()), text(e.displayTitle()), text(e.album()));
			out.printf(Locale.ROOT, "file      %s (%s, %,d bytes, %s kbps, %s)%s%n", e.filePath(), text(e.format()), e.fileSize(),
					text(e.bitrate()), clock(e.durationSeconds()),
					e.missingSince() == null ? "" : "  MISSING since " + CliFormat.time(e.missingSince()));
			if (!details.state().ok() && details.state().missingSince() == null) {
				out.printf(Locale.ROOT, "state     %s%n", details.state().describe());
			}
			out.printf(Locale.ROOT, "audio     %s%n", e.audio() == null ? "not checked since the file last changed"
					: e.audio().label() + ": " + text(e.audio().detail()) + " ("
							+ (e.audio().decoded() ? "decoded" : "frames checked") + " " + CliFormat.time(e.audio().checkedAt()) + ")");
			out.printf(Locale.ROOT, "%-9s %-10s %-10s %-18s %-22s%n", "", "USER", "FILE TAGS", "ONLINE", "RESOLVED");
			DualTruth.Resolved<Double> bpm = e.resolvedBpm();
			out.printf(Locale.ROOT, "%-9s %-10s %-10s %-18s %-22s%n", "BPM", text(e.manualBpm()), text(e.bpm()),
					from(text(online.bpm()), online.bpmProvider()), bpm.value().map(String::valueOf).orElse("-")
							+ " (" + bpm.origin() + ")" + (bpm.userOverride() ? " pinned" : ""));
			DualTruth.Resolved<MusicalKey> key = e.resolvedKey();
			out.printf(Locale.ROOT, "%-9s %-10s %-10s %-18s %-22s%n", "key", key(e.manualKey()), key(e.musicalKey()),
					from(key(online.musicalKey()), online.keyProvider()), key.value().map(k -> k.format(notation)).orElse("-")
							+ " (" + key.origin() + ")" + (key.userOverride() ? " pinned" : ""));
			DualTruth.Resolved<Integer> duration = e.resolvedDuration();
			out.printf(Locale.ROOT, "%-9s %-10s %-10s %-18s %-22s%n", "duration", "-", clock(e.durationSeconds()),
					from(clock(online.durationSeconds()), online.durationProvider()),
					duration.value().map(DualTruth::clock).orElse("-") + " (" + duration.origin() + ")");
			out.println();
			if (details.answers().isEmpty()) {
				out.println("providers: no answer yet" + (details.state().enrichmentQueued() ? " (queued for enrichment)" : ""));
			} else {
				out.println("providers, in the order online values are taken from:");
				out.printf(Locale.ROOT, "  %-12s %-8s %-6s %-9s %-24s %s%n", "PROVIDER", "BPM", "KEY", "DURATION", "TRACK",
						"FETCHED");
				for (OnlineAnswer a : details.answers()) {
					out.printf(Locale.ROOT, "  %-12s %-8s %-6s %-9s %-24s %s%s%n", text(a.provider()),
							a.found() ? text(a.bpm()) : "not found", a.found() ? key(a.musicalKey()) : "",
							a.found() ? clock(a.durationSeconds()) : "", text(a.providerTrackId()), CliFormat.time(a.fetchedAt()),
							a.isFresh(Instant.now()) ? "" : " (expired)");
				}
			}
			GoldRule.Evaluation gold = details.gold();
			out.println();
			out.printf(Locale.ROOT, "integrity %s%s%n", e.integrityLevel(),
					gold.userVerified() ? " (verified by the user)" : "");
			if (!gold.failures().isEmpty()) {
				out.println(gold.gold() ? "sources disagree:" : "not Gold because:");
				gold.failures().forEach(f -> out.println("  - " + f));
			}
			if (!details.history().isEmpty()) {
				out.println();
				out.println("history:");
				for (HistoryRecord h : details.history()) {
					out.printf(Locale.ROOT, "  %s  %-16s %s -> %s  (%s)%n", CliFormat.time(h.changedAt()), text(h.field()),
							text(h.oldValue()), text(h.newValue()), text(h.origin()));
				}
			}
			return 0;
		}

		/** A resolved online value with the provider it came from. */
		private static String from(String value, String provider) {
			return provider == null ? value : value + " " + provider;
		}

		private static String text(Object value) {
			return CliFormat.text(value);
		}

		private static String clock(Integer seconds) {
			return seconds == null ? "-" : DualTruth.clock(seconds);
		}

		private String key(String stored) {
			return stored == null ? "-" : MusicalKey.display(stored, notation);
		}

	}
}
