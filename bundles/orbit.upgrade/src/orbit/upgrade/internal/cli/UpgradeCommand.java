package orbit.upgrade.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.core.cli.ProgressBar;
import orbit.library.ScanProgress;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;
import orbit.upgrade.RunOutcome;
import orbit.upgrade.Upgrades;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code orbit upgrade find|list|run|undo|purge}: better copies of library tracks, verified and swapped in safely. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=upgrade")
public class UpgradeCommand implements CommandContribution {

	@Reference
	private Upgrades upgrades;

	@Override
	public Object newCommand() {
		return new Upgrade(upgrades);
	}

	@Command(name = "upgrade", description = {
			"Replace library tracks with better copies of the same recording (MP3 -> FLAC), verified by their audio: the "
					+ "same recording (confidence, offset), genuinely lossless, really better.",
			"Only Gold tracks are upgraded without --approve. A track another process holds is deferred 5 minutes. The "
					+ "original is kept in .orbit-originals beside the track until 'upgrade purge'." },
			subcommands = { Upgrade.Find.class, Upgrade.ListCandidates.class, Upgrade.Run.class, Upgrade.Reject.class,
					Upgrade.Undo.class, Upgrade.Purge.class })
	static final class Upgrade implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		final Upgrades upgrades;

		Upgrade(Upgrades upgrades) {
			this.upgrades = upgrades;
		}

		@Override
		public Integer call() {
			spec.commandLine().usage(spec.commandLine().getOut());
			return 0;
		}

		static String line(UpgradeCandidate c) {
			String state = c.state() == UpgradeState.DEFERRED
					? "deferred until " + orbit.core.cli.CliFormat.time(c.nextRetryAt()) + " (" + c.heldBy() + ")"
					: c.state().label();
			String entry = c.entryId() == null ? "no track" : "#" + c.entryId();
			String text = String.format(Locale.ROOT, "%4d  %-8s %s -> %s: %s", c.id(), state, c.file(), entry, c.reason());
			if (c.state() == UpgradeState.DONE) {
				text += String.format(Locale.ROOT, " [%s, %s%s]", c.upgradeSource(), c.upgradedAt(),
						c.keptOriginal() == null ? ", original purged" : ", original at " + c.keptOriginal());
			}
			return text;
		}

		@Command(name = "find", description = "Look for better copies in folders (default: the incoming folders of the "
				+ "preferences) and keep a verdict on each file.")
		static final class Find implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Upgrade parent;

			@Parameters(paramLabel = "DIR", arity = "0..*")
			List<Path> folders = List.of();

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
				List<UpgradeCandidate> found;
				try {
					found = parent.upgrades.find(folders, new ScanProgress() {
						@Override
						public void fileDone(int done, int total) {
							bar.show(done, total, String.format(Locale.ROOT, "%,d/%,d judged", done, total));
						}
					});
				} finally {
					bar.finish();
				}
				found.forEach(c -> out.println(line(c)));
				long ready = found.stream().filter(c -> c.state() == UpgradeState.READY).count();
				out.printf(Locale.ROOT, "%,d file(s): %,d ready, %,d rejected%n", found.size(), ready, found.size() - ready);
				return 0;
			}
		}

		@Command(name = "list", description = "Every candidate with its verdict and state: ready, deferred until T and "
				+ "held by whom, done, rejected and why.")
		static final class ListCandidates implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Upgrade parent;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				List<UpgradeCandidate> all = parent.upgrades.list();
				all.forEach(c -> out.println(line(c)));
				if (all.isEmpty()) {
					out.println("No upgrade candidates; look for some with 'upgrade find DIR'.");
				}
				return 0;
			}
		}

		@Command(name = "run", description = "Upgrade the given candidates, or every ready one and every deferred one "
				+ "that is due. Exits 1 when one failed.")
		static final class Run implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Upgrade parent;

			@Parameters(paramLabel = "ID", arity = "0..*")
			List<Long> ids = List.of();

			@Option(names = "--dry-run", description = "Say what would be done; change nothing.")
			boolean dryRun;

			@Option(names = "--approve", description = "Approve tracks that are not Gold (recorded as Manual).")
			boolean approve;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				List<RunOutcome> outcomes = parent.upgrades.run(ids, dryRun, approve);
				for (RunOutcome o : outcomes) {
					out.printf(Locale.ROOT, "%4d  %s%n", o.candidate().id(), o.detail());
				}
				if (outcomes.isEmpty()) {
					out.println("Nothing to upgrade: no candidate is ready or due.");
				}
				return outcomes.stream().anyMatch(o -> o.kind() == RunOutcome.Kind.FAILED) ? 1 : 0;
			}
		}

		@Command(name = "reject", description = "Reject a candidate: it is never run, and a later 'upgrade find' "
				+ "leaves it rejected.")
		static final class Reject implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Upgrade parent;

			@Parameters(paramLabel = "ID")
			long id;

			@Override
			public Integer call() {
				spec.commandLine().getOut().println(line(parent.upgrades.reject(id)));
				return 0;
			}
		}

		@Command(name = "undo", description = "Put a done upgrade's original back, bit-identical.")
		static final class Undo implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Upgrade parent;

			@Parameters(paramLabel = "ID")
			long id;

			@Override
			public Integer call() {
				spec.commandLine().getOut().println(parent.upgrades.undo(id).detail());
				return 0;
			}
		}

		@Command(name = "purge", description = "Delete the kept originals of done upgrades.")
		static final class Purge implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Upgrade parent;

			@Override
			public Integer call() {
				spec.commandLine().getOut().printf(Locale.ROOT, "%d kept original(s) deleted%n", parent.upgrades.purge());
				return 0;
			}
		}
	}
}
