package orbit.library.internal.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.cli.CommandContribution;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MusicalKey;
import orbit.library.UserOverride;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orbit set ID [--bpm N | --clear-bpm] [--key K | --clear-key] [--gold | --no-gold]}: user
 * overrides, recorded in the entry's history.
 */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=set")
public class SetCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Set(library);
	}

	@Command(name = "set", description = { "Override an entry's BPM or key, or declare it Gold.",
			"Your own values outrank the file's tags and the providers; clear them to let those decide again." })
	static final class Set implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "ID")
		long id;

		@Option(names = "--bpm", paramLabel = "N", description = "Your BPM for the entry.")
		Double bpm;

		@Option(names = "--clear-bpm", description = "Remove your BPM: the tags' or a provider's counts again.")
		boolean clearBpm;

		@Option(names = "--key", paramLabel = "K", description = "Your key: Camelot (8A), Open Key (1m) or standard (Am).")
		String key;

		@Option(names = "--clear-key", description = "Remove your key: the tags' or a provider's counts again.")
		boolean clearKey;

		@Option(names = "--gold", negatable = true, description = "Declare the entry verified (Gold), or with --no-gold "
				+ "take that back.")
		Boolean gold;

		private final Library library;

		Set(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			if (bpm != null && clearBpm || key != null && clearKey) {
				throw new picocli.CommandLine.ParameterException(spec.commandLine(),
						bpm != null && clearBpm ? "--bpm and --clear-bpm together: choose one" : "--key and --clear-key together: choose one");
			}
			MusicalKey parsed = key == null ? null : MusicalKey.parseOrFail(key);
			UserOverride change = new UserOverride(bpm, clearBpm, parsed, clearKey, gold);
			if (change.none()) {
				throw new ActionableException("Nothing to set",
						"Give --bpm N or --clear-bpm, --key K or --clear-key, and/or --gold or --no-gold");
			}
			LibraryEntry e = library.override(id, change);
			spec.commandLine().getOut().printf(Locale.ROOT, "#%d: BPM %s, key %s, integrity %s%n", e.id(),
					e.resolvedBpm().value().map(String::valueOf).orElse("-"),
					e.resolvedKey().value().map(MusicalKey::camelot).orElse("-"), e.integrityLevel());
			return 0;
		}
	}
}
