package orbit.buffer.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import orbit.buffer.BufferHealth;
import orbit.buffer.BufferHealth.Alert;
import orbit.buffer.BufferHealth.BufferError;
import orbit.buffer.BufferHealth.TierHealth;
import orbit.buffer.BufferHealth.WorkerHealth;

/** The buffer's health as text: what {@code orbit buffer health} prints. */
public final class HealthReport {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

	private HealthReport() {
	}

	public static String format(BufferHealth h) {
		StringBuilder b = new StringBuilder();
		for (TierHealth t : h.tiers()) {
			b.append(String.format(Locale.ROOT, "%-3s hit rate %6s  %3d chunks  %6.1f of %5.1f MiB  %d evictions%n",
					t.name(), percent(t.hitRate()), t.chunks(), t.usedBytes() / 1048576.0, t.budgetBytes() / 1048576.0,
					t.evictions()));
		}
		b.append(String.format(Locale.ROOT, "lookups %d, misses %d%n", h.lookups(), h.misses()));
		b.append(String.format(Locale.ROOT, "prediction accuracy %s over %d switches and jumps%n",
				percent(h.predictionAccuracy()), h.predictions()));
		b.append(String.format(Locale.ROOT, "memory: %s%n", switch (h.degradation()) {
		case NONE -> "all tiers on";
		case NO_L3 -> "under pressure, L3 off";
		case NO_L2_L3 -> "under pressure, L2 and L3 off";
		case CURRENT_CHUNK_ONLY -> "under heavy pressure, only the current chunk kept";
		}));
		for (WorkerHealth w : h.workers()) {
			b.append(String.format(Locale.ROOT, "%s: %s, %d rendered, %d restarts%n", w.name(), w.state(), w.rendered(),
					w.restarts()));
		}
		b.append(String.format(Locale.ROOT, "renders %d, failed %d; evictions in the last minute %d; cache operation p99 %s%n",
				h.renders(), h.renderErrors(), h.evictionsPerMinute(),
				Double.isNaN(h.operationP99Micros()) ? "-" : String.format(Locale.ROOT, "%.1f µs", h.operationP99Micros())));
		if (h.alerts().isEmpty()) {
			b.append("alerts: none\n");
		}
		for (Alert a : h.alerts()) {
			b.append(String.format(Locale.ROOT, "ALERT %s %s: %s%n", a.severity(), a.type(), a.message()));
		}
		if (!h.errorCounts().isEmpty()) {
			b.append("errors by kind: ").append(h.errorCounts()).append('\n');
		}
		int from = Math.max(0, h.recentErrors().size() - 10);
		for (BufferError e : h.recentErrors().subList(from, h.recentErrors().size())) {
			b.append(String.format("  %s %s %s: %s%n", TIME.format(e.at()), e.component(), e.type(), e.message()));
		}
		return b.toString();
	}

	private static String percent(double share) {
		return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
	}
}
