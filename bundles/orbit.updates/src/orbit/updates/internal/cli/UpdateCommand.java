package orbit.updates.internal.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import orbit.core.ActionableException;
import orbit.core.cli.CommandContribution;
import orbit.core.cli.ProgressBar;
import orbit.updates.Change;
import orbit.updates.FeatureUpdate;
import orbit.updates.InstalledFeature;
import orbit.updates.Signer;
import orbit.updates.Trust;
import orbit.updates.UpdateProgress;
import orbit.updates.Updates;
import orbit.updates.internal.P2Updates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code orbit update list|check|apply|revert|site}: updates of the installation from a p2 site. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=update")
public class UpdateCommand implements CommandContribution {

	// Optional: p2 starts at level 5, where the launcher runs 'update'; at the command line's usual
	// level 4 the command is still listed by the help.
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile Updates updates;

	@Override
	public Object newCommand() {
		return new Update(updates);
	}

	@Command(name = "update", description = {
			"Update ORBIT from a p2 update site, feature by feature: each concern (library, safe writes and recovery, "
					+ "downloads, enrichment, each provider, audio, upgrades, buffer, updates, the workstation) and the "
					+ "platform is a feature of its own.",
			"The site is --site URL, else the one set with 'update site', else the product's default. What is "
					+ "installed runs from the next start. The install folder must be writable. Plugins installed with "
					+ "'orbit plugins' are roots of their own: an update of ORBIT's features keeps them." },
			subcommands = { Update.ListFeatures.class, Update.Check.class, Update.Apply.class, Update.Revert.class,
					Update.Site.class })
	static final class Update implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		final Updates updates;

		Update(Updates updates) {
			this.updates = updates;
		}

		@Override
		public Integer call() {
			spec.commandLine().usage(spec.commandLine().getOut());
			return 0;
		}

		URI site(String given) {
			return given == null || given.isBlank() ? p2().site() : P2Updates.siteUri(given);
		}

		/** The updates service; absent when p2 was not started (a start level below 5). */
		Updates p2() {
			if (updates == null) {
				throw new ActionableException("p2 is not running in this start of ORBIT",
						"Run 'orbit update' through the installation's orbit launcher, which starts it");
			}
			return updates;
		}

		/** What --trust says, for 'update apply' and 'plugins install'. */
		static final String TRUST_HELP = "install artifacts even when they are not signed, or signed by a key this "
				+ "installation does not trust (without it they are refused: the installation trusts the keys that "
				+ "signed it, listed by 'update list')";

		static Trust trust(boolean given) {
			return given ? Trust.ONCE : Trust.REFUSE;
		}

		static UpdateProgress bar(ProgressBar bar) {
			return (done, total, task) -> bar.show(done, total, task);
		}

		static void print(PrintWriter out, List<Change> changes) {
			for (Change change : changes) {
				String what = change.kind() == Change.Kind.FEATURE ? "feature" : "bundle ";
				if (change.from() == null) {
					out.printf(Locale.ROOT, "  added    %s %s %s%n", what, change.id(), change.to());
				} else if (change.to() == null) {
					out.printf(Locale.ROOT, "  removed  %s %s %s%n", what, change.id(), change.from());
				} else {
					out.printf(Locale.ROOT, "  changed  %s %s %s -> %s%n", what, change.id(), change.from(), change.to());
				}
			}
		}

		@Command(name = "list", description = "The installed features and their versions (plugins among them), and "
				+ "the keys whose signatures are trusted.")
		static final class ListFeatures implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Update parent;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				for (InstalledFeature feature : parent.p2().installed()) {
					out.printf(Locale.ROOT, "%-36s %-28s %s%n", feature.id(), feature.version(), feature.name());
				}
				List<Signer> signers = parent.p2().trustedSigners();
				if (signers.isEmpty()) {
					out.println("No signer is trusted: every update asks for --trust.");
				} else {
					out.println("Updates and plugins signed by these keys are trusted:");
					signers.forEach(s -> out.println("  " + s));
				}
				return 0;
			}
		}

		@Command(name = "check", description = "What the site offers newer than what is installed, per feature, "
				+ "with the installed and the available version. Changes nothing.")
		static final class Check implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Update parent;

			@Option(names = "--site", paramLabel = "URL", description = "the update site (URL, folder or zip)")
			String site;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				URI uri = parent.site(site);
				ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
				List<FeatureUpdate> found;
				try {
					found = parent.p2().check(uri, bar(bar));
				} finally {
					bar.finish();
				}
				if (found.isEmpty()) {
					out.println("Everything is up to date with " + uri + ".");
					return 0;
				}
				out.printf(Locale.ROOT, "%-36s %-28s %s%n", "FEATURE", "INSTALLED", "AVAILABLE");
				for (FeatureUpdate update : found) {
					out.printf(Locale.ROOT, "%-36s %-28s %s%n", update.id(), update.installed(), update.available());
				}
				out.printf(Locale.ROOT, "%d update(s) on %s; install with 'orbit update apply'.%n", found.size(), uri);
				return 0;
			}
		}

		@Command(name = "apply", description = "Install the newer versions of the given features (all when none is "
				+ "given) from the site; prints what changed. Nothing changes when any of it fails.")
		static final class Apply implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Update parent;

			@Option(names = "--site", paramLabel = "URL", description = "the update site (URL, folder or zip)")
			String site;

			@Parameters(paramLabel = "FEATURE", arity = "0..*", description = "feature ids, as 'update list' shows them")
			List<String> features = List.of();

			@Option(names = "--trust", description = TRUST_HELP)
			boolean trust;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				URI uri = parent.site(site);
				ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
				List<Change> changes;
				try {
					changes = parent.p2().apply(uri, features, trust(trust), bar(bar));
				} finally {
					bar.finish();
				}
				if (changes.isEmpty()) {
					out.println("Nothing to update: " + uri + " offers nothing newer.");
					return 0;
				}
				out.println("Updated from " + uri + ":");
				print(out, changes);
				out.println("Restart ORBIT to run the new versions ('orbit update revert' goes back).");
				return 0;
			}
		}

		@Command(name = "revert", description = "Go back to the state before the last 'update apply' (or revert), "
				+ "from what the installation still holds; prints what changed.")
		static final class Revert implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Update parent;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
				List<Change> changes;
				try {
					changes = parent.p2().revert(bar(bar));
				} finally {
					bar.finish();
				}
				out.println("Reverted:");
				print(out, changes);
				out.println("Restart ORBIT to run the earlier versions.");
				return 0;
			}
		}

		@Command(name = "site", description = "Show the update site, or set it (kept in the data directory); "
				+ "--reset goes back to the product's default.")
		static final class Site implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Update parent;

			@Parameters(paramLabel = "URL", arity = "0..1")
			String site;

			@Option(names = "--reset", description = "forget the site set here")
			boolean reset;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				if (reset && site != null) {
					throw new ActionableException("Give either a site or --reset", "Not both");
				}
				if (reset) {
					parent.p2().setSite(null);
				} else if (site != null) {
					parent.p2().setSite(P2Updates.siteUri(site));
				}
				URI now = parent.p2().site();
				out.println(now == null ? "No update site is set." : now.toString());
				return 0;
			}
		}
	}
}
