package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.cli.CommandContribution;
import orbit.library.DualTruth;
import orbit.library.GoldRule;
import orbit.library.KeyNotation;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MusicalKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit inspect ID|PATH}: every source of BPM and key side by side, and the integrity verdict. */
@Component(service = CommandContribution.class)
public class InspectCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Inspect(library);
	}

	@Command(name = "inspect", description = "Show one entry: every BPM/key source, the resolved values and integrity.")
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
			LibraryEntry e = found.orElseThrow(() -> new ActionableException("No library entry is " + target,
					"Give an id from 'orbit tracks' or the path of a scanned file"));
			PrintWriter out = spec.commandLine().getOut();
			out.printf(Locale.ROOT, "#%d  %s - %s  [%s]%n", e.id(), e.artist(), e.title(), e.album());
			out.printf(Locale.ROOT, "file      %s (%s, %,d bytes, %d kbps, %s)%s%n", e.filePath(), e.format(), e.fileSize(),
					e.bitrate(), DualTruth.clock(e.durationSeconds()), e.missingSince() == null ? "" : "  MISSING since " + e.missingSince());
			out.printf(Locale.ROOT, "%-9s %-10s %-10s %-10s %-22s%n", "", "USER", "FILE TAGS", "ONLINE", "RESOLVED");
			DualTruth.Resolved<Double> bpm = e.resolvedBpm();
			out.printf(Locale.ROOT, "%-9s %-10s %-10s %-10s %-22s%n", "BPM", text(e.manualBpm()), text(e.bpm()),
					text(e.spotifyBpm()), bpm.value().map(String::valueOf).orElse("-") + " (" + bpm.source() + ")"
							+ (bpm.userOverride() ? " pinned" : ""));
			DualTruth.Resolved<MusicalKey> key = e.resolvedKey();
			out.printf(Locale.ROOT, "%-9s %-10s %-10s %-10s %-22s%n", "key", key(e.manualKey()), key(e.musicalKey()),
					key(e.spotifyKey()), key.value().map(k -> k.format(notation)).orElse("-") + " (" + key.source() + ")"
							+ (key.userOverride() ? " pinned" : ""));
			DualTruth.Resolved<Integer> duration = e.resolvedDuration();
			out.printf(Locale.ROOT, "%-9s %-10s %-10s %-10s %-22s%n", "duration", "-", clock(e.durationSeconds()),
					clock(e.spotifyDuration()),
					duration.value().map(DualTruth::clock).orElse("-") + " (" + duration.source() + ")");
			GoldRule.Evaluation gold = e.gold();
			out.printf(Locale.ROOT, "integrity %s%s%n", e.integrityLevel(),
					gold.userVerified() ? " (verified by the user)" : "");
			if (!gold.failures().isEmpty()) {
				out.println(gold.gold() ? "sources disagree:" : "not Gold because:");
				gold.failures().forEach(f -> out.println("  - " + f));
			}
			return 0;
		}

		private static String text(Object value) {
			return value == null ? "-" : value.toString();
		}

		private static String clock(Integer seconds) {
			return seconds == null ? "-" : DualTruth.clock(seconds);
		}

		private String key(String stored) {
			return stored == null ? "-" : MusicalKey.display(stored, notation);
		}

	}
}
