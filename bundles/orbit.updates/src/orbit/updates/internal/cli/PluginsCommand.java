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
import orbit.updates.Plugin;
import orbit.updates.Updates;
import orbit.updates.internal.P2Updates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code orbit plugins list|install|remove}: third-party features installed beside ORBIT's own. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=plugins")
public class PluginsCommand implements CommandContribution {

	// Optional, as for 'update': p2 starts at level 5, where the launcher runs 'plugins'.
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile Updates updates;

	@Override
	public Object newCommand() {
		return new Plugins(updates);
	}

	@Command(name = "plugins", description = {
			"Plugins: features from other sites (an enrichment provider, say) installed beside ORBIT's own, as "
					+ "roots of their own, so that 'update apply' keeps them.",
			"What is installed or removed runs or stops from the next start. The install folder must be writable; "
					+ "the library and the rest of the data directory are never touched." },
			subcommands = { Plugins.ListPlugins.class, Plugins.Install.class, Plugins.Remove.class })
	static final class Plugins implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		final Updates updates;

		Plugins(Updates updates) {
			this.updates = updates;
		}

		@Override
		public Integer call() {
			spec.commandLine().usage(spec.commandLine().getOut());
			return 0;
		}

		/** The updates service; absent when p2 was not started (a start level below 5). */
		Updates p2() {
			if (updates == null) {
				throw new ActionableException("p2 is not running in this start of ORBIT",
						"Run 'orbit plugins' through the installation's orbit launcher, which starts it");
			}
			return updates;
		}

		static void print(PrintWriter out, List<Plugin> plugins) {
			out.printf(Locale.ROOT, "%-40s %-28s %-32s %s%n", "PLUGIN", "VERSION", "NAME", "PROVIDER");
			for (Plugin plugin : plugins) {
				out.printf(Locale.ROOT, "%-40s %-28s %-32s %s%n", plugin.id(), plugin.version(), plugin.name(),
						plugin.provider() == null ? "-" : plugin.provider());
			}
		}

		@Command(name = "list", description = "The installed plugins: id, version, name and provider.")
		static final class ListPlugins implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Plugins parent;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				List<Plugin> plugins = parent.p2().plugins();
				if (plugins.isEmpty()) {
					out.println("No plugins are installed.");
					return 0;
				}
				print(out, plugins);
				return 0;
			}
		}

		@Command(name = "install", description = { "Without PLUGIN: what the site offers to install. With PLUGIN ids: "
				+ "install them and what they need from the site; prints what changed. p2 resolves and fetches "
				+ "everything first: a plugin whose requirements nothing provides, or a site that cannot be read, "
				+ "is one line and exit code 2, and the installation is unchanged. A plugin is installed only when it "
				+ "is signed by a key the installation trusts, or with --trust." })
		static final class Install implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Plugins parent;

			@Parameters(index = "0", paramLabel = "SITE", description = "the plugin's p2 site (URL, folder or zip)")
			String site;

			@Parameters(index = "1..*", paramLabel = "PLUGIN", arity = "0..*", description = "plugin ids, as listed")
			List<String> plugins = List.of();

			@Option(names = "--trust", description = UpdateCommand.Update.TRUST_HELP)
			boolean trust;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				URI uri = P2Updates.siteUri(site);
				ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
				if (plugins.isEmpty()) {
					List<Plugin> offered;
					try {
						offered = parent.p2().offered(uri, (done, total, task) -> bar.show(done, total, task));
					} finally {
						bar.finish();
					}
					if (offered.isEmpty()) {
						out.println(uri + " offers no plugins.");
						return 0;
					}
					print(out, offered);
					out.println("Install with 'orbit plugins install " + site + " PLUGIN...'.");
					return 0;
				}
				List<Change> changes;
				try {
					changes = parent.p2().install(uri, plugins, UpdateCommand.Update.trust(trust),
							(done, total, task) -> bar.show(done, total, task));
				} finally {
					bar.finish();
				}
				if (changes.isEmpty()) {
					out.println("Nothing changed: " + String.join(", ", plugins) + (plugins.size() == 1 ? " is" : " are")
							+ " installed already.");
					return 0;
				}
				out.println("Installed from " + uri + ":");
				UpdateCommand.Update.print(out, changes);
				out.println("Restart ORBIT to run the plugin ('orbit plugins remove PLUGIN' takes it out again).");
				return 0;
			}
		}

		@Command(name = "remove", description = "Uninstall plugins, with what only they needed; prints what changed. "
				+ "The library and what the plugins stored in it stay.")
		static final class Remove implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			Plugins parent;

			@Parameters(paramLabel = "PLUGIN", arity = "1..*", description = "plugin ids, as 'plugins list' shows them")
			List<String> plugins;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
				List<Change> changes;
				try {
					changes = parent.p2().remove(plugins, (done, total, task) -> bar.show(done, total, task));
				} finally {
					bar.finish();
				}
				out.println("Removed:");
				UpdateCommand.Update.print(out, changes);
				out.println("Restart ORBIT to run without it.");
				return 0;
			}
		}
	}
}
