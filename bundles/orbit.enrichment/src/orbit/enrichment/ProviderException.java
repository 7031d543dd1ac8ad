package orbit.enrichment;

import java.time.Duration;

/** Why a provider could not answer; the engine reacts per kind and the worker goes on. */
public abstract sealed class ProviderException extends Exception {

	private static final long serialVersionUID = 1L;

	ProviderException(String message, Throwable cause) {
		super(message, cause);
	}

	/** HTTP 429, or a quota error in a 200 body: the breaker opens for {@code retryAfter}. */
	public static final class RateLimited extends ProviderException {
		private static final long serialVersionUID = 1L;
		private final Duration retryAfter;

		public RateLimited(String message, Duration retryAfter) {
			super(message, null);
			this.retryAfter = retryAfter;
		}

		public Duration retryAfter() {
			return retryAfter;
		}
	}

	/** HTTP 403 on a restricted endpoint: the capability is switched off, not retried. */
	public static final class Restricted extends ProviderException {
		private static final long serialVersionUID = 1L;
		private final Capability capability;

		public Restricted(Capability capability, String message) {
			super(message, null);
			this.capability = capability;
		}

		public Capability capability() {
			return capability;
		}
	}

	/** A timeout, a 5xx, a malformed body, a dead server: counted and backed off. */
	public static final class Fault extends ProviderException {
		private static final long serialVersionUID = 1L;

		public Fault(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/** The provider has no credentials (or is otherwise not set up): it is skipped. */
	public static final class NotConfigured extends ProviderException {
		private static final long serialVersionUID = 1L;

		public NotConfigured(String message) {
			super(message, null);
		}
	}
}
