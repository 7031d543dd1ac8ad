package orbit.enrichment;

/**
 * What an enrichment run did: entries settled (found or not found), still queued, requests sent
 * and refused while a breaker was open (refused ones never reached the network).
 *
 * @param stoppedBecause why the run ended with entries still queued, in a user's words (every
 *                       provider unreachable, without credentials, or failing); null when it ran
 *                       to its end or was cancelled
 */
public record EnrichmentReport(int found, int notFound, int stillQueued, long requests, long refused, long faults,
		boolean cancelled, String stoppedBecause) {
}
