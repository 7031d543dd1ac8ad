package orbit.buffer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The buffer as of now: what it holds, how well it predicted, what went wrong.
 *
 * @param tiers                L1, L2 and L3
 * @param lookups              chunk lookups by the decks' read paths (processed settings only)
 * @param misses               lookups no tier could serve
 * @param predictionAccuracy   the share of preset switches and jumps whose destination was
 *                             already planned when the user made them; NaN before the first
 * @param predictions          switches and jumps counted in the accuracy
 * @param degradation          what memory pressure has turned off
 * @param workers              each render worker
 * @param renders              chunks rendered
 * @param renderErrors         chunks that failed to render (damaged audio, time bound)
 * @param evictionsPerMinute   evictions over the last minute
 * @param operationP99Micros   the 99th percentile of cache operations (lookups and inserts), in µs
 * @param recentErrors         the last errors, oldest first (at most 100)
 * @param errorCounts          errors by "component:type"
 * @param alerts               the alerts raised now
 */
public record BufferHealth(List<TierHealth> tiers, long lookups, long misses, double predictionAccuracy,
		long predictions, Degradation degradation, List<WorkerHealth> workers, long renders, long renderErrors,
		long evictionsPerMinute, double operationP99Micros, List<BufferError> recentErrors,
		Map<String, Long> errorCounts, List<Alert> alerts) {

	public TierHealth tier(String name) {
		return tiers.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
	}

	/** Total bytes held in all tiers. */
	public long usedBytes() {
		return tiers.stream().mapToLong(TierHealth::usedBytes).sum();
	}

	public long budgetBytes() {
		return tiers.stream().mapToLong(TierHealth::budgetBytes).sum();
	}

	/**
	 * @param hits      lookups this tier served
	 * @param hitRate   hits over all lookups (not only those that reached this tier); NaN before
	 *                  the first
	 * @param usedBytes the samples held, frames × channels × 4
	 */
	public record TierHealth(String name, int chunks, long usedBytes, long budgetBytes, long hits, double hitRate,
			long evictions) {
	}

	/** @param state idle, rendering, restarted; {@code restarts} counts replacements of a stuck or dead thread */
	public record WorkerHealth(String name, String state, long rendered, int restarts) {
	}

	public record BufferError(Instant at, String component, String type, String message) {
	}

	/** @param severity warning or critical */
	public record Alert(String type, String severity, String message) {
	}

	/** Memory pressure turns tiers off in this order, and back on when it passes. */
	public enum Degradation {
		NONE, NO_L3, NO_L2_L3, CURRENT_CHUNK_ONLY
	}
}
