/**
 * Online enrichment, cache first: {@link orbit.enrichment.Enrichment} answers from the library
 * database only and queues what it does not know; a low-priority background Job drains the queue
 * through the installed {@link orbit.enrichment.EnrichmentProvider}s (a whiteboard: providers are
 * separate bundles that depend on this package only), each behind its own circuit breaker and
 * rate limit.
 */
package orbit.enrichment;
