package orbit.download.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
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

import orbit.download.DownloadSource;
import orbit.download.RemoteItem;

/** HTTP(S) downloads on the JDK's HttpClient, resumed with Range and If-Range. */
@Component(service = DownloadSource.class, property = "service.ranking:Integer=0")
public class HttpSource implements DownloadSource {

	private static final Pattern FILENAME_STAR = Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)",
			Pattern.CASE_INSENSITIVE);
	private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*(\"([^\"]*)\"|[^;]+)", Pattern.CASE_INSENSITIVE);
	private static final Pattern SHA256_DIGEST = Pattern.compile("sha-256\\s*=\\s*:?([A-Za-z0-9+/=]+):?",
			Pattern.CASE_INSENSITIVE);

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(20)).build();

	@Override
	public boolean handles(URI uri) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		return scheme.equals("http") || scheme.equals("https");
	}

	@Override
	public RemoteItem describe(URI uri) throws IOException {
		HttpResponse<Void> response = send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() >= 400) {
			throw new IOException(uri + " answered HTTP " + response.statusCode());
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
		HttpResponse<InputStream> response = send(request(item, offset), HttpResponse.BodyHandlers.ofInputStream());
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
		IOException[] refused = { null };
		ChannelSubscriber[] subscriber = { null };
		CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request(item, offset), info -> {
			refused[0] = refusal(item, offset, info.statusCode(), info.headers());
			if (refused[0] != null) {
				return HttpResponse.BodySubscribers.discarding();
			}
			subscriber[0] = new ChannelSubscriber(sink, written);
			return subscriber[0];
		});
		try {
			response.get();
		} catch (InterruptedException e) {
			response.cancel(true);
			if (subscriber[0] != null) {
				subscriber[0].cancel();
			}
			throw new InterruptedIOException("interrupted while downloading " + item.uri());
		} catch (ExecutionException e) {
			Throwable cause = e.getCause();
			throw cause instanceof IOException io ? io : new IOException(cause);
		}
		if (refused[0] != null) {
			throw refused[0];
		}
	}

	private static HttpRequest request(RemoteItem item, long offset) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(item.uri()).GET();
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
		if (offset > 0 && status != 206) {
			return new IOException(item.uri() + " answered HTTP " + status + " to a resume at byte " + offset);
		}
		if (offset == 0 && status != 200) {
			return new IOException(item.uri() + " answered HTTP " + status);
		}
		if (item.validator() != null) {
			String now = headers.firstValue("ETag").or(() -> headers.firstValue("Last-Modified")).orElse(null);
			if (now != null && !now.equals(item.validator())) {
				return new ResumeRefusedException(item.uri() + " changed (" + item.validator() + " is now " + now + ")");
			}
		}
		return null;
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
