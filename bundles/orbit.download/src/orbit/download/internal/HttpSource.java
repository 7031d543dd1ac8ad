package orbit.download.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import orbit.download.DownloadFault;
import orbit.download.DownloadSource;
import orbit.download.RemoteItem;

/**
 * HTTP(S) downloads on the JDK's HttpClient, resumed with Range and If-Range; redirects are
 * followed here (at most {@value #MAX_REDIRECTS}, never in a loop) and every refusal is a
 * {@link DownloadFault} of its class.
 */
@Component(service = DownloadSource.class, property = "service.ranking:Integer=0")
public class HttpSource implements DownloadSource {

	private static final Pattern FILENAME_STAR = Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)",
			Pattern.CASE_INSENSITIVE);
	private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*(\"([^\"]*)\"|[^;]+)", Pattern.CASE_INSENSITIVE);
	private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("/\\s*(\\d{1,18})\\s*$");
	private static final Pattern SHA256_DIGEST = Pattern.compile("sha-256\\s*=\\s*:?([A-Za-z0-9+/=]+):?",
			Pattern.CASE_INSENSITIVE);

	/** More redirects than this end the download: a chain that long is a misconfigured site. */
	static final int MAX_REDIRECTS = 10;

	// Redirects are followed here, not by the client: a loop or a bad target then has a name.
	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10)).build();

	@Override
	public boolean handles(URI uri) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		return scheme.equals("http") || scheme.equals("https");
	}

	@Override
	public RemoteItem describe(URI uri) throws IOException {
		HttpResponse<Void> response = null;
		Redirects redirects = new Redirects(uri);
		for (URI next = uri; next != null; next = redirects.follow(response)) {
			try {
				response = send(HttpRequest.newBuilder(next).method("HEAD", HttpRequest.BodyPublishers.noBody())
						.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
			} catch (IOException e) {
				throw redirected(e, uri, next);
			}
		}
		if (response.statusCode() >= 300) {
			throw DownloadFault.ofStatus(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
					response.uri());
		}
		HttpHeaders headers = response.headers();
		long size = headers.firstValueAsLong("Content-Length").orElse(-1);
		String validator = headers.firstValue("ETag").or(() -> headers.firstValue("Last-Modified")).orElse(null);
		boolean ranges = headers.firstValue("Accept-Ranges").map(v -> v.toLowerCase(Locale.ROOT).contains("bytes"))
				.orElse(false);
		return new RemoteItem(response.uri(), size, validator, checksum(headers).orElse(null), ranges,
				fileName(headers, response.uri()));
	}

	@Override
	public InputStream open(RemoteItem item, long offset) throws IOException {
		HttpResponse<InputStream> response = null;
		Redirects redirects = new Redirects(item.uri());
		for (URI next = item.uri(); next != null; next = redirects.follow(response)) {
			if (response != null) {
				response.body().close();
			}
			try {
				response = send(request(item, next, offset), HttpResponse.BodyHandlers.ofInputStream());
			} catch (IOException e) {
				throw redirected(e, item.uri(), next);
			}
		}
		IOException refused = refusal(item, offset, response.statusCode(), response.headers());
		if (refused != null) {
			response.body().close();
			throw refused;
		}
		return response.body();
	}

	/**
	 * Writes the body straight from the client's buffers into the sink (no intermediate
	 * stream): the download's hot path.
	 */
	@Override
	public void copy(RemoteItem item, long offset, WritableByteChannel sink, LongConsumer written) throws IOException {
		Redirects redirects = new Redirects(item.uri());
		for (URI next = item.uri(); next != null;) {
			IOException[] refused = { null };
			ChannelSubscriber[] subscriber = { null };
			CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request(item, next, offset), info -> {
				if (info.statusCode() >= 300 && info.statusCode() < 400) {
					return HttpResponse.BodySubscribers.discarding();
				}
				refused[0] = refusal(item, offset, info.statusCode(), info.headers());
				if (refused[0] != null) {
					return HttpResponse.BodySubscribers.discarding();
				}
				subscriber[0] = new ChannelSubscriber(sink, written);
				return subscriber[0];
			});
			HttpResponse<Void> answer;
			try {
				answer = response.get();
			} catch (InterruptedException e) {
				response.cancel(true);
				if (subscriber[0] != null) {
					subscriber[0].cancel();
				}
				throw new InterruptedIOException("interrupted while downloading " + item.uri());
			} catch (ExecutionException e) {
				Throwable cause = e.getCause();
				throw redirected(cause instanceof IOException io ? io : new IOException(cause), item.uri(), next);
			}
			if (refused[0] != null) {
				throw refused[0];
			}
			next = redirects.follow(answer);
		}
	}

	/**
	 * The redirects of one request: where each 3xx leads, refusing a loop, a chain longer than
	 * {@link #MAX_REDIRECTS} and a target that is not HTTP(S).
	 */
	final class Redirects {
		private final List<URI> seen = new ArrayList<>();

		Redirects(URI first) {
			seen.add(first);
		}

		/** The address a redirect answer leads to, or null when the answer is no redirect. */
		URI follow(HttpResponse<?> response) throws DownloadFault {
			int status = response.statusCode();
			if (status < 300 || status >= 400 || status == 304) {
				return null;
			}
			String location = response.headers().firstValue("Location").orElseThrow(() -> DownloadFault
					.permanent(response.uri().getHost() + " answered HTTP " + status + " without saying where to go"));
			URI next;
			try {
				next = response.uri().resolve(new URI(location.strip()));
			} catch (URISyntaxException | IllegalArgumentException e) {
				throw DownloadFault.permanent(response.uri().getHost() + " redirects to an impossible address");
			}
			if (!handles(next)) {
				throw DownloadFault.permanent(response.uri().getHost() + " redirects to " + next
						+ ", which is not an HTTP address");
			}
			if (seen.contains(next)) {
				throw DownloadFault.permanent("the address redirects in a loop (" + next + " again after "
						+ (seen.size() - seen.indexOf(next)) + " redirect(s))");
			}
			if (seen.size() > MAX_REDIRECTS) {
				throw DownloadFault.permanent("the address redirects more than " + MAX_REDIRECTS + " times");
			}
			seen.add(next);
			return next;
		}
	}

	/**
	 * A failure at a redirect's target is the target's: told with its address, and as a target
	 * never reached before.
	 */
	private static IOException redirected(IOException failure, URI first, URI at) {
		return at.equals(first) || failure instanceof DownloadFault ? failure : DownloadFault.of(failure, at, false);
	}

	private static HttpRequest request(RemoteItem item, URI at, long offset) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(at).GET();
		if (offset > 0) {
			if (!item.rangeSupported()) {
				throw new ResumeRefusedException(item.uri() + " does not serve byte ranges");
			}
			request.header("Range", "bytes=" + offset + "-");
			if (item.validator() != null) {
				request.header("If-Range", item.validator());
			}
		}
		return request.build();
	}

	/** Why a response cannot continue the download, or null when it can. */
	private static IOException refusal(RemoteItem item, long offset, int status, HttpHeaders headers) {
		if (offset > 0 && status == 200) {
			// If-Range answers a changed item with the whole new one.
			return new ResumeRefusedException(item.uri() + " changed since the download started, or ignores Range");
		}
		if (offset > 0 && status == 416 && item.size() > offset) {
			return lyingLength(item, offset, contentRangeTotal(headers).orElse(offset));
		}
		if (offset > 0 && status != 206 || offset == 0 && status != 200) {
			return DownloadFault.ofStatus(status, headers.firstValue("Retry-After").orElse(null), item.uri());
		}
		if (offset > 0) {
			// A resume that reveals a length other than the one announced: the first answer lied.
			Optional<Long> total = contentRangeTotal(headers);
			if (total.isPresent() && item.size() >= 0 && total.get() != item.size()) {
				return lyingLength(item, offset, total.get());
			}
		}
		if (item.validator() != null) {
			String now = headers.firstValue("ETag").or(() -> headers.firstValue("Last-Modified")).orElse(null);
			if (now != null && !now.equals(item.validator())) {
				return new ResumeRefusedException(item.uri() + " changed (" + item.validator() + " is now " + now + ")");
			}
		}
		return null;
	}

	private static DownloadFault lyingLength(RemoteItem item, long received, long actual) {
		return DownloadFault.permanent(item.uri().getHost() + " announced " + item.size() + " bytes but has only "
				+ Math.min(received, actual) + " (its Content-Length is wrong)");
	}

	/** The complete length in {@code Content-Range: bytes a-b/total} or {@code bytes *}{@code /total}. */
	static Optional<Long> contentRangeTotal(HttpHeaders headers) {
		Optional<String> range = headers.firstValue("Content-Range");
		if (range.isEmpty()) {
			return Optional.empty();
		}
		Matcher m = CONTENT_RANGE_TOTAL.matcher(range.get());
		return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
	}

	/** Writes each list of buffers the client delivers into the sink, asking for more once written. */
	static final class ChannelSubscriber implements HttpResponse.BodySubscriber<Void> {
		private final WritableByteChannel sink;
		private final LongConsumer written;
		private final CompletableFuture<Void> done = new CompletableFuture<>();
		private volatile Flow.Subscription subscription;

		ChannelSubscriber(WritableByteChannel sink, LongConsumer written) {
			this.sink = sink;
			this.written = written;
		}

		@Override
		public CompletionStage<Void> getBody() {
			return done;
		}

		@Override
		public void onSubscribe(Flow.Subscription s) {
			subscription = s;
			s.request(1);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			try {
				long bytes = 0;
				if (sink instanceof GatheringByteChannel gathering && buffers.size() > 1) {
					// One writev for the whole list: fewer system calls at gigabit rates.
					ByteBuffer[] all = buffers.toArray(ByteBuffer[]::new);
					long remaining = 0;
					for (ByteBuffer buffer : all) {
						remaining += buffer.remaining();
					}
					while (remaining > 0) {
						long n = gathering.write(all);
						bytes += n;
						remaining -= n;
					}
				} else {
					for (ByteBuffer buffer : buffers) {
						while (buffer.hasRemaining()) {
							bytes += sink.write(buffer);
						}
					}
				}
				written.accept(bytes);
				subscription.request(1);
			} catch (IOException | RuntimeException e) {
				subscription.cancel();
				done.completeExceptionally(e);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			done.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			done.complete(null);
		}

		void cancel() {
			Flow.Subscription s = subscription;
			if (s != null) {
				s.cancel();
			}
			done.completeExceptionally(new InterruptedIOException("cancelled"));
		}
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
		try {
			return client.send(request, handler);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while contacting " + request.uri());
		}
	}

	/** A SHA-256 the server publishes (Repr-Digest, RFC 9530, or the older Digest header). */
	static Optional<String> checksum(HttpHeaders headers) {
		for (String name : new String[] { "Repr-Digest", "Digest" }) {
			for (String value : headers.allValues(name)) {
				Matcher m = SHA256_DIGEST.matcher(value);
				if (m.find()) {
					try {
						return Optional.of("sha-256:" + HexFormat.of().formatHex(Base64.getDecoder().decode(m.group(1))));
					} catch (IllegalArgumentException malformed) {
						// not base64: ignore this header
					}
				}
			}
		}
		return Optional.empty();
	}

	static String fileName(HttpHeaders headers, URI uri) {
		Optional<String> disposition = headers.firstValue("Content-Disposition");
		if (disposition.isPresent()) {
			Matcher star = FILENAME_STAR.matcher(disposition.get());
			if (star.find()) {
				String charset = star.group(1).isBlank() ? "UTF-8" : star.group(1).strip();
				try {
					return URLDecoder.decode(star.group(2).strip().replace("+", "%2B"), charset);
				} catch (IllegalArgumentException | java.io.UnsupportedEncodingException e) {
					// fall through to the plain filename
				}
			}
			Matcher plain = FILENAME.matcher(disposition.get());
			if (plain.find()) {
				return plain.group(2) != null ? plain.group(2) : plain.group(1).strip();
			}
		}
		String path = uri.getRawPath();
		if (path == null || path.isEmpty() || path.endsWith("/")) {
			return null;
		}
		return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
	}
}
