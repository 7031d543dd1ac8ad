package orbit.enrichment;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the engine gives a provider for one batch. The provider calls {@link #beforeRequest()}
 * before every HTTP request: it waits for the rate limit and refuses, without any network, while
 * the provider's breaker is open.
 */
@ProviderType
public interface ProviderSession {

	/**
	 * @throws ProviderException.RateLimited while the breaker is open (the request must not be sent)
	 * @throws InterruptedException when the enrichment was cancelled
	 */
	void beforeRequest() throws ProviderException, InterruptedException;

	/** False once a 403 switched the capability off. */
	boolean enabled(Capability capability);

	/**
	 * A 403 on a restricted capability: it is switched off (persisted, shown by {@code providers})
	 * and the provider goes on with the rest of the batch.
	 */
	void restricted(Capability capability, String why);
}
