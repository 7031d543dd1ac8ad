package orbit.enrichment;

import java.time.Instant;
import java.util.Set;

/**
 * How a provider is doing: its breaker ({@code openUntil} is set while it refuses requests), the
 * capabilities a 403 switched off, and its counters since start.
 */
public record ProviderState(String id, String displayName, Instant openUntil, Set<Capability> disabled,
		long requests, long faults, String lastError) {

	public boolean degraded(Instant now) {
		return openUntil != null && openUntil.isAfter(now);
	}

	/** "closed", "open until T" and the disabled capabilities, for a status line. */
	public String describe(Instant now) {
		String breaker = degraded(now) ? "open until " + openUntil : "closed";
		return disabled.isEmpty() ? breaker : breaker + "; disabled: " + disabled;
	}
}
