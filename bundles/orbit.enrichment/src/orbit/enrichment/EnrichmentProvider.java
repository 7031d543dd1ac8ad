package orbit.enrichment;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An online metadata source, offered as an OSGi service (a whiteboard: every installed provider
 * takes part). The engine hands it batches of at most {@link #batchSize()} tracks and guards
 * every request through the {@link ProviderSession}.
 */
@ConsumerType
public interface EnrichmentProvider {

	/** Stable id, e.g. "spotify"; used in the cache and on the command line. */
	String id();

	String displayName();

	Set<Capability> capabilities();

	/** Tracks per {@link #lookup} call: the size of the provider's largest batch endpoint. */
	int batchSize();

	RateLimit rateLimit();

	/** What the user must give for this provider to work (kept by {@link ProviderCredentials}). */
	default List<Credential> credentials() {
		return List.of();
	}

	/**
	 * Why the provider cannot work as it is set up, without asking the network ("needs
	 * credentials: …"); empty when it can. The engine skips it and says why.
	 */
	default java.util.Optional<String> setupProblem() {
		return java.util.Optional.empty();
	}

	/**
	 * Answers for the batch, one per track it could settle (found or not found); tracks it could
	 * not settle are left out and stay queued. Must call {@link ProviderSession#beforeRequest()}
	 * before each request and use batch endpoints where they exist.
	 */
	List<TrackAnswer> lookup(List<TrackQuery> batch, ProviderSession session)
			throws ProviderException, InterruptedException;
}
