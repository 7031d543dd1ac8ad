package orbit.enrichment;

import java.time.Duration;

/** Why a provider could not answer; the engine reacts per kind and the worker goes on. */
public abstract sealed class ProviderException extends Exception
		permits ProviderException.RateLimited, ProviderException.Restricted, ProviderException.Fault,
		ProviderException.Unreachable, ProviderException.NotConfigured {

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

	/**
	 * The provider's service cannot be reached at all: its name does not resolve, it refused the
	 * connection, or took none in time. The breaker opens at once (no network is no reason to try
	 * three times), and a run with no other provider stops with this reason.
	 */
	public static final class Unreachable extends ProviderException {
		private static final long serialVersionUID = 1L;

		public Unreachable(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/**
	 * What a failed request to {@code service} at {@code uri} means: {@link Unreachable} when the
	 * host could not be reached at all, with the reason in a user's words ("no network:
	 * api.deezer.com cannot be resolved"), else a {@link Fault} with the exception's own words.
	 */
	public static ProviderException failed(String service, java.net.URI uri, java.io.IOException e) {
		String host = uri.getHost() == null ? String.valueOf(uri) : uri.getHost();
		boolean connect = false;
		for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof java.net.UnknownHostException || cause instanceof java.nio.channels.UnresolvedAddressException) {
				return new Unreachable("no network: " + host + " cannot be resolved", e);
			}
			if (cause instanceof java.net.NoRouteToHostException) {
				return new Unreachable("no network: no route to " + host, e);
			}
			if (cause instanceof java.net.http.HttpConnectTimeoutException
					|| cause instanceof java.net.SocketTimeoutException && String.valueOf(cause.getMessage()).contains("connect")) {
				return new Unreachable(host + " took no connection in time (no network, or " + service + " is down)", e);
			}
			// Java's HTTP client says neither: a ConnectException with no message over the real reason.
			connect |= cause instanceof java.net.ConnectException;
		}
		if (connect) {
			return new Unreachable(host + " refused the connection (no network, or " + service + " is down)", e);
		}
		String message = e.getMessage();
		return new Fault(service + " cannot be reached: " + (message == null || message.isBlank()
				? e.getClass().getSimpleName() : message), e);
	}

	/** The provider has no credentials (or is otherwise not set up): it is skipped. */
	public static final class NotConfigured extends ProviderException {
		private static final long serialVersionUID = 1L;

		public NotConfigured(String message) {
			super(message, null);
		}
	}
}
