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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit set ID --bpm N --key K --gold}: user overrides, recorded in the entry's history. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=set")
public class SetCommand implements CommandContribution {

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Set(library);
	}

	@Command(name = "set", description = "Override an entry's BPM or key, or declare it Gold.")
	static final class Set implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "ID")
		long id;

		@Option(names = "--bpm", paramLabel = "N")
		Double bpm;

		@Option(names = "--key", paramLabel = "K", description = "Camelot (8A), Open Key (1m) or standard (Am).")
		String key;

		@Option(names = "--gold", description = "Declare the entry verified (Gold).")
		boolean gold;

		private final Library library;

		Set(Library library) {
			this.library = library;
		}

		@Override
		public Integer call() {
			if (bpm == null && key == null && !gold) {
				throw new ActionableException("Nothing to set", "Give --bpm N, --key K and/or --gold");
			}
			MusicalKey parsed = key == null ? null : MusicalKey.parseOrFail(key);
			LibraryEntry e = library.override(id, bpm, parsed, gold);
			spec.commandLine().getOut().printf(Locale.ROOT, "#%d: BPM %s, key %s, integrity %s%n", e.id(),
					e.resolvedBpm().value().map(String::valueOf).orElse("-"),
					e.resolvedKey().value().map(MusicalKey::camelot).orElse("-"), e.integrityLevel());
			return 0;
		}
	}
}
