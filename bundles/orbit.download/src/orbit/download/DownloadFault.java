package orbit.download;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLException;

/**
 * Why a download attempt failed, in one sentence for the user, and whether trying again can help:
 * a {@linkplain Kind#PERMANENT permanent} fault ends the download at once and keeps nothing; a
 * {@linkplain Kind#TRANSIENT transient} one is retried within the engine's bounds and then leaves
 * a resumable {@code .part} file. Every failure a download meets is classified here and nowhere
 * else ({@link #of}); sources may throw a fault of their own to say which it is.
 */
public final class DownloadFault extends IOException {

	private static final long serialVersionUID = 1L;

	/** Whether trying again can help. */
	public enum Kind {
		/** The same request will fail the same way: the address, the name or the server is wrong. */
		PERMANENT,
		/** The network or the server may do better later: retried, and resumable afterwards. */
		TRANSIENT
	}

	private final Kind kind;
	private final transient Duration retryAfter;
	private final boolean waitsForUser;

	private DownloadFault(Kind kind, String reason, Duration retryAfter, boolean waitsForUser, Throwable cause) {
		super(reason, cause);
		this.kind = kind;
		this.retryAfter = retryAfter;
		this.waitsForUser = waitsForUser;
	}

	/** A fault no retry can mend; {@code reason} is a clause such as "the server answered HTTP 404 (not found)". */
	public static DownloadFault permanent(String reason) {
		return new DownloadFault(Kind.PERMANENT, reason, null, false, null);
	}

	/** A fault a later attempt may not meet. */
	public static DownloadFault transientFault(String reason) {
		return new DownloadFault(Kind.TRANSIENT, reason, null, false, null);
	}

	/** A transient fault whose server said when to come back (Retry-After). */
	public static DownloadFault transientFault(String reason, Duration retryAfter) {
		return new DownloadFault(Kind.TRANSIENT, reason, retryAfter, false, null);
	}

	/**
	 * A fault only the user can mend (a full disk): not retried now, but what was received stays
	 * for the same command to resume.
	 */
	public static DownloadFault waitingForUser(String reason) {
		return new DownloadFault(Kind.TRANSIENT, reason, null, true, null);
	}

	public Kind kind() {
		return kind;
	}

	public boolean permanent() {
		return kind == Kind.PERMANENT;
	}

	/** How long the server asked to wait before the next attempt, if it said. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(retryAfter);
	}

	/** Whether retrying is pointless until the user acts (the fault is still resumable). */
	public boolean waitsForUser() {
		return waitsForUser;
	}

	/** The reason, a clause without a final full stop. */
	public String reason() {
		return getMessage();
	}

	/**
	 * The class of any failure of an attempt at {@code uri}. {@code reached} says whether the
	 * source was reached earlier in this download: a peer that answered before and is now gone is
	 * worth waiting for, an address that never answered is not.
	 */
	public static DownloadFault of(Throwable failure, URI uri, boolean reached) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof DownloadFault fault) {
				return fault;
			}
		}
		String host = uri.getHost() == null ? String.valueOf(uri) : uri.getHost();
		// Where nothing answers, the port is part of what is wrong.
		String address = uri.getPort() >= 0 ? host + ":" + uri.getPort() : host;
		if (failure instanceof HttpConnectTimeoutException || has(failure, ConnectException.class)
				|| has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)
				|| has(failure, NoRouteToHostException.class)) {
			String reason = failure instanceof HttpConnectTimeoutException ? "nothing answered at " + address + " in time"
					: has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)
							? "the host " + host + " is not known" : "nothing answers at " + address;
			return reached ? transientFault(reason + " any more") : permanent(reason);
		}
		if (failure instanceof HttpTimeoutException) {
			return transientFault(host + " did not answer in time");
		}
		if (has(failure, SSLException.class)) {
			return permanent("the secure connection to " + host + " failed (its certificate or protocol is not accepted)");
		}
		if (has(failure, ProtocolException.class)) {
			String message = "";
			for (Throwable t = failure; t != null; t = t.getCause()) {
				message = t instanceof ProtocolException ? String.valueOf(t.getMessage()) : message;
			}
			return permanent(message.startsWith("Invalid header") ? host
					+ " sent a header that is not valid HTTP (a control character such as NUL in it)"
					: host + " does not speak HTTP (its answer is not an HTTP response)");
		}
		if (failure instanceof InterruptedIOException) {
			return transientFault("the transfer from " + host + " was interrupted");
		}
		if (failure instanceof IOException) {
			return transientFault("the connection to " + host + " failed (" + plain(failure) + ")");
		}
		// Anything else is a defect of the answer (an impossible name, a bad value): the same again.
		return permanent("the answer of " + host + " cannot be used (" + plain(failure) + ")");
	}

	/**
	 * The class of an HTTP status that ends an attempt: 408, 429 and 5xx may pass, any other 4xx
	 * and anything unexpected will not. {@code retryAfter} is the header's value, or null.
	 */
	public static DownloadFault ofStatus(int status, String retryAfter, URI uri) {
		String reason = uri.getHost() + " answered HTTP " + status + describe(status);
		if (status == 408 || status == 429 || status >= 500) {
			return transientFault(reason, retryAfter(retryAfter).orElse(null));
		}
		return permanent(reason);
	}

	private static String describe(int status) {
		return switch (status) {
			case 400 -> " (bad request)";
			case 401, 403 -> " (not allowed)";
			case 404, 410 -> " (no such file)";
			case 408 -> " (it gave up waiting)";
			case 429 -> " (too many requests)";
			case 500 -> " (server error)";
			case 502, 504 -> " (its gateway failed)";
			case 503 -> " (unavailable)";
			default -> "";
		};
	}

	/** Retry-After as seconds or as an HTTP date, when it is either. */
	static Optional<Duration> retryAfter(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
		} catch (NumberFormatException notSeconds) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			} catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	private static boolean has(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	/** A message fit for the user: the platform's own words, without the names of its classes. */
	private static String plain(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			String message = t.getMessage();
			if (message != null && !message.isBlank() && !message.contains("Exception")) {
				return message.strip().toLowerCase(Locale.ROOT).startsWith("fixed content-length")
						? "it ended early" : message.strip();
			}
		}
		return "no reason given";
	}
}
