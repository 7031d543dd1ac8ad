package orbit.enrichment;

import java.time.Instant;
import java.util.Set;

/**
 * How a provider is doing: its breaker ({@code openUntil} is set while it refuses requests), the
 * capabilities a 403 switched off, and its counters since start.
 *
 * @param unusable why the provider cannot be used now ("needs credentials: …", "no network: …
 *                 cannot be resolved"); null when it can
 */
public record ProviderState(String id, String displayName, Instant openUntil, Set<Capability> disabled,
		long requests, long faults, String lastError, String unusable) {

	public boolean degraded(Instant now) {
		return unusable != null || openUntil != null && openUntil.isAfter(now);
	}

	/** "closed", "open until T", why it cannot be used, and the disabled capabilities, for a status line. */
	public String describe(Instant now) {
		String breaker = openUntil != null && openUntil.isAfter(now) ? "open until " + orbit.core.cli.CliFormat.time(openUntil) : "closed";
		String state = unusable != null ? unusable + " (" + breaker + ")" : breaker;
		return disabled.isEmpty() ? state : state + "; disabled: " + disabled;
	}
}
