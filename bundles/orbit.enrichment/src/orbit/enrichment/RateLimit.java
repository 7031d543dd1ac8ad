package orbit.enrichment;

import java.time.Duration;

/** At most {@code requests} requests in any rolling {@code window}. */
public record RateLimit(int requests, Duration window) {
	public RateLimit {
		if (requests < 1 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("a rate limit needs at least one request per positive window");
		}
	}

	/** The least time {@code total} requests can take under this limit. */
	public Duration minimumTime(long total) {
		long fullWindows = Math.max(0, (total - 1) / requests);
		return window.multipliedBy(fullWindows);
	}
}
