package orbit.enrichment.internal.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.core.cli.ProgressBar;
import orbit.enrichment.Enrichment;
import orbit.enrichment.EnrichmentReport;
import orbit.enrichment.ProviderState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orbit enrich} and {@code orbit providers}. */
public final class EnrichCommands {

	private EnrichCommands() {
	}

	@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=enrich")
	public static class EnrichContribution implements CommandContribution {
		@Reference
		private Enrichment enrichment;

		@Override
		public Object newCommand() {
			return new Enrich(enrichment);
		}
	}

	@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=providers")
	public static class ProvidersContribution implements CommandContribution {
		@Reference
		private Enrichment enrichment;

		@Override
		public Object newCommand() {
			return new Providers(enrichment);
		}
	}

	@Command(name = "enrich", description = { "Fetch online metadata (BPM, key, duration) for queued tracks.",
			"Tracks are queued when a lookup misses (inspect, the workstation) or with --queue; each provider "
					+ "keeps its rate limit and is skipped while its breaker is open." })
	static final class Enrich implements Callable<Integer> {
		@Spec
		CommandSpec spec;
		@Option(names = "--provider", paramLabel = "P", description = "Only this provider (see 'orbit providers').")
		String provider;
		@Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N tracks (default: all queued).")
		int limit;
		@Option(names = "--queue", paramLabel = "IDS", split = ",", description = "Queue these entry ids first.")
		java.util.List<Long> ids;

		private final Enrichment enrichment;

		Enrich(Enrichment enrichment) {
			this.enrichment = enrichment;
		}

		@Override
		public Integer call() {
			if (limit < 0) {
				throw new picocli.CommandLine.ParameterException(spec.commandLine(),
						"--limit is a number of tracks, 0 or more (0: all queued), not " + limit);
			}
			if (ids != null) {
				enrichment.queue(ids);
			}
			PrintWriter out = spec.commandLine().getOut();
			ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
			EnrichmentReport report = enrichment.run(provider, limit, new NullProgressMonitor() {
				// The engine's task says how many tracks; its work arrives in a monitor's own units.
				private String task = "";
				private int total, done;

				@Override
				public void beginTask(String name, int totalWork) {
					task = name;
					total = totalWork;
				}

				@Override
				public void worked(int work) {
					done += work;
					bar.show(done, total, task);
				}
			});
			bar.finish();
			out.printf(Locale.ROOT, "%,d found, %,d not found, %,d still queued; %,d requests sent, %,d refused while "
					+ "a breaker was open, %,d faults%s%n", report.found(), report.notFound(), report.stillQueued(),
					report.requests(), report.refused(), report.faults(), report.cancelled() ? " (cancelled)" : "");
			Instant now = Instant.now();
			for (ProviderState state : enrichment.providers()) {
				if (state.degraded(now) || !state.disabled().isEmpty()) {
					out.printf(Locale.ROOT, "%s: %s%n", state.displayName(), state.describe(now));
				}
			}
			if (report.stoppedBecause() != null) {
				out.printf(Locale.ROOT, "Stopped with %,d track(s) still queued: %s. They are asked again by the next "
						+ "'orbit enrich'.%n", report.stillQueued(), report.stoppedBecause());
				return 1;
			}
			return 0;
		}
	}

	@Command(name = "providers", description = { "The online providers in the provider order, and their state: "
			+ "closed, open until T, capabilities switched off by the provider.",
			"An entry's online BPM, key and duration each come from the first provider in the order that has one; "
					+ "by default the provider with the richest capabilities comes first." })
	static final class Providers implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Option(names = "--order", paramLabel = "P1,P2,...", split = ",", description = "Set the provider order "
				+ "(providers not named follow, richest first); 'default' goes back to the default order. Every "
				+ "entry's online values are resolved again at once.")
		java.util.List<String> order;

		private final Enrichment enrichment;

		Providers(Enrichment enrichment) {
			this.enrichment = enrichment;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			if (order != null) {
				java.util.List<String> chosen = order.equals(java.util.List.of("default")) ? java.util.List.of() : order;
				int changed = enrichment.chooseProviderOrder(chosen);
				out.printf(Locale.ROOT, "Provider order: %s (%,d entr%s resolved anew)%n",
						String.join(", ", enrichment.providerOrder()), changed, changed == 1 ? "y" : "ies");
			}
			Instant now = Instant.now();
			int position = 0;
			for (ProviderState state : enrichment.providers()) {
				out.printf(Locale.ROOT, "%d. %-10s %-8s %s%s%n", ++position, state.id(), state.degraded(now) ? "DEGRADED" : "ok",
						state.describe(now), state.lastError() == null ? "" : "  (last: " + state.lastError() + ")");
			}
			out.printf(Locale.ROOT, "%,d track(s) queued for enrichment%n", enrichment.queueSize());
			return 0;
		}
	}
}
