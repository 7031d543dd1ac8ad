package orbit.recovery.internal.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.DeadLetter;
import orbit.recovery.RecoveryReport;
import orbit.recovery.StartupRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recover}, {@code journal} and {@code dead-letters [retry ID]}. */
public final class RecoveryCommands {

	private RecoveryCommands() {
	}

	@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=recover")
	public static class RecoverContribution implements CommandContribution {
		@Reference
		private StartupRecovery recovery;

		@Override
		public Object newCommand() {
			return new Recover(recovery);
		}
	}

	@Command(name = "recover", description = "Finish or undo the operations a crash interrupted.")
	static final class Recover implements Callable<Integer> {
		@Spec
		CommandSpec spec;
		private final StartupRecovery recovery;

		Recover(StartupRecovery recovery) {
			this.recovery = recovery;
		}

		@Override
		public Integer call() {
			RecoveryReport report = recovery.recover();
			PrintWriter out = spec.commandLine().getOut();
			out.println(report.didWork() ? report.summary() : "Nothing to recover.");
			if (report.pending() > 0) {
				out.println(report.pending() + " operation(s) could not be recovered yet; see 'orbit journal'.");
			}
			return report.deadLettered().isEmpty() ? 0 : 1;
		}
	}

	@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=journal")
	public static class JournalContribution implements CommandContribution {
		@Reference
		private CrashRecoveryJournal journal;

		@Override
		public Object newCommand() {
			return new Journal(journal);
		}
	}

	@Command(name = "journal", description = "List the operations in progress (active checkpoints).")
	static final class Journal implements Callable<Integer> {
		@Spec
		CommandSpec spec;
		private final CrashRecoveryJournal journal;

		Journal(CrashRecoveryJournal journal) {
			this.journal = journal;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			List<Checkpoint> active = journal.active();
			for (Checkpoint c : active) {
				out.printf("%s  %-12s prio %2d  strikes %d  %s  since %s%n", c.id(), c.operationType(), c.priority(),
						c.failureCount(), c.targetPath(), orbit.core.cli.CliFormat.time(c.createdAt()));
			}
			out.println(active.size() + " active checkpoint(s)");
			return 0;
		}
	}

	@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=dead-letters")
	public static class DeadLettersContribution implements CommandContribution {
		@Reference
		private CrashRecoveryJournal journal;

		@Override
		public Object newCommand() {
			return new DeadLetters(journal);
		}
	}

	@Command(name = "dead-letters", description = "List the operations set aside after repeated failures.",
			subcommands = DeadLetters.Retry.class)
	static final class DeadLetters implements Callable<Integer> {
		@Spec
		CommandSpec spec;
		final CrashRecoveryJournal journal;

		DeadLetters(CrashRecoveryJournal journal) {
			this.journal = journal;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			List<DeadLetter> letters = journal.deadLetters();
			for (DeadLetter d : letters) {
				out.printf("%s  %-12s strikes %d  %s%n    %s (set aside %s)%n", d.id(), d.operationType(),
						d.failureCount(), d.targetPath(), d.lastError(), orbit.core.cli.CliFormat.time(d.deadAt()));
			}
			out.println(letters.size() + " dead letter(s)" + (letters.isEmpty() ? "" : "; retry one with 'orbit dead-letters retry ID'"));
			return 0;
		}

		@Command(name = "retry", description = "Reset a dead letter's strikes and return it to the queue.")
		static final class Retry implements Callable<Integer> {
			@Spec
			CommandSpec spec;
			@picocli.CommandLine.ParentCommand
			DeadLetters parent;
			@Parameters(paramLabel = "ID")
			String id;

			@Override
			public Integer call() {
				parent.journal.retry(id);
				spec.commandLine().getOut().println("Returned " + id + " to the queue; 'orbit recover' runs it now.");
				return 0;
			}
		}
	}
}
