package orbit.enrichment;

/**
 * What an enrichment run did: entries settled (found or not found), still queued, requests sent
 * and refused while a breaker was open (refused ones never reached the network).
 */
public record EnrichmentReport(int found, int notFound, int stillQueued, long requests, long refused, long faults,
		boolean cancelled) {
}
