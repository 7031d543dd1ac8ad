package orbit.download.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
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
		HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		int status = response.statusCode();
		if (offset > 0 && status == 200) {
			response.body().close();
			// If-Range answers a changed item with the whole new one.
			throw new ResumeRefusedException(item.uri() + " changed since the download started, or ignores Range");
		}
		if (offset > 0 && status != 206) {
			response.body().close();
			throw new IOException(item.uri() + " answered HTTP " + status + " to a resume at byte " + offset);
		}
		if (offset == 0 && status != 200) {
			response.body().close();
			throw new IOException(item.uri() + " answered HTTP " + status);
		}
		if (item.validator() != null) {
			String now = response.headers().firstValue("ETag")
					.or(() -> response.headers().firstValue("Last-Modified")).orElse(null);
			if (now != null && !now.equals(item.validator())) {
				response.body().close();
				throw new ResumeRefusedException(item.uri() + " changed (" + item.validator() + " is now " + now + ")");
			}
		}
		return response.body();
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
		try {
			return client.send(request, handler);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new java.io.InterruptedIOException("interrupted while contacting " + request.uri());
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
