package orbit.tests.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Spotify's and Deezer's endpoints as ORBIT uses them, on loopback: Spotify's token, search and
 * audio-features endpoints, Deezer's search and track endpoints, with realistic JSON, a
 * rolling-window rate limit per service (429 with Retry-After for Spotify, a quota error in a 200
 * body for Deezer), 403 on audio features when asked, and injected faults: 5xx, slow answers,
 * malformed JSON. Every request is counted and time-stamped.
 */
public final class FakeMusicServices implements AutoCloseable {

	/** A recording in the fake catalogue; key is a pitch class (0 = C), as Spotify gives it. */
	public record Recording(String id, String artist, String title, int durationSeconds, double tempo, int key,
			boolean minor, String isrc) {
	}

	/** A fault the next requests of a service get. */
	public enum Fault {
		STATUS_500, SLOW, MALFORMED, TOO_MANY_REQUESTS, QUOTA_IN_200
	}

	/** One request as the server saw it. */
	public record Request(String service, String path, long nanos, int status) {
	}

	private final HttpServer server;
	private final Map<String, Recording> byArtistTitle = new LinkedHashMap<>();
	private final Map<String, Recording> byId = new LinkedHashMap<>();
	private final Map<String, Recording> byDeezerId = new java.util.concurrent.ConcurrentHashMap<>();
	private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
	private final Map<String, ArrayDeque<Long>> windows = new LinkedHashMap<>();
	private final Map<String, ArrayDeque<Fault>> faults = new LinkedHashMap<>();
	private volatile int limitRequests = Integer.MAX_VALUE;
	private volatile long limitWindowNanos = 1;
	private volatile int retryAfterSeconds = 1;
	private volatile long slowMillis = 3000;
	public volatile boolean audioFeaturesForbidden;
	private final AtomicInteger tokens = new AtomicInteger();

	public FakeMusicServices() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/api/token", e -> handle("spotify", e, this::token));
		server.createContext("/v1/search", e -> handle("spotify", e, this::spotifySearch));
		server.createContext("/v1/audio-features", e -> handle("spotify", e, this::audioFeatures));
		server.createContext("/search", e -> handle("deezer", e, this::deezerSearch));
		server.createContext("/track/", e -> handle("deezer", e, this::deezerTrack));
		server.start();
		windows.put("spotify", new ArrayDeque<>());
		windows.put("deezer", new ArrayDeque<>());
		faults.put("spotify", new ArrayDeque<>());
		faults.put("deezer", new ArrayDeque<>());
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	public void add(Recording recording) {
		byArtistTitle.put(key(recording.artist(), recording.title()), recording);
		byId.put(recording.id(), recording);
		byDeezerId.put(Long.toString(deezerId(recording)), recording);
	}

	/** Both services allow {@code requests} per rolling {@code windowMillis}, as the real ones do per 30 s / 5 s. */
	public void rateLimit(int requests, long windowMillis, int retryAfterSeconds) {
		this.limitRequests = requests;
		this.limitWindowNanos = windowMillis * 1_000_000;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public void slowAnswersTake(long millis) {
		slowMillis = millis;
	}

	/** The next {@code count} requests to {@code service} ("spotify" or "deezer") get {@code fault}. */
	public synchronized void inject(String service, Fault fault, int count) {
		for (int i = 0; i < count; i++) {
			faults.get(service).add(fault);
		}
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	public long count(String service) {
		return requests.stream().filter(r -> r.service().equals(service)).count();
	}

	public long count(String service, String pathPrefix) {
		return requests.stream().filter(r -> r.service().equals(service) && r.path().startsWith(pathPrefix)).count();
	}

	public void resetCounts() {
		requests.clear();
	}

	@FunctionalInterface
	private interface Handler {
		String answer(HttpExchange exchange) throws IOException;
	}

	private void handle(String service, HttpExchange exchange, Handler handler) throws IOException {
		long now = System.nanoTime();
		Fault fault;
		boolean overLimit;
		synchronized (this) {
			fault = faults.get(service).poll();
			ArrayDeque<Long> window = windows.get(service);
			while (!window.isEmpty() && now - window.peekFirst() >= limitWindowNanos) {
				window.pollFirst();
			}
			overLimit = window.size() >= limitRequests;
			window.addLast(now);
		}
		String path = exchange.getRequestURI().getPath();
		int status;
		String body;
		if (fault == null && overLimit) {
			fault = service.equals("spotify") ? Fault.TOO_MANY_REQUESTS : Fault.QUOTA_IN_200;
		}
		if (fault == Fault.SLOW) {
			try {
				Thread.sleep(slowMillis);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			fault = null;
		}
		if (fault == Fault.STATUS_500) {
			status = service.equals("spotify") ? 502 : 500;
			body = "<html><body>Bad gateway</body></html>";
		} else if (fault == Fault.MALFORMED) {
			status = 200;
			body = "{\"tracks\": {\"items\": [ {\"id\": ";
		} else if (fault == Fault.TOO_MANY_REQUESTS) {
			status = 429;
			exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
			body = "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}";
		} else if (fault == Fault.QUOTA_IN_200) {
			status = 200;
			body = "{\"error\":{\"type\":\"Exception\",\"message\":\"Quota limit exceeded\",\"code\":4}}";
		} else if (service.equals("spotify") && path.startsWith("/v1/audio-features") && audioFeaturesForbidden) {
			status = 403;
			body = "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}";
		} else {
			status = 200;
			body = handler.answer(exchange);
			if (body == null) {
				status = 404;
				body = "{\"error\":{\"status\":404,\"message\":\"Not found\"}}";
			}
		}
		requests.add(new Request(service, path, now, status));
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private String token(HttpExchange exchange) {
		String auth = exchange.getRequestHeaders().getFirst("Authorization");
		if (auth == null || !auth.startsWith("Basic ")) {
			return null;
		}
		return "{\"access_token\":\"fake-token-" + tokens.incrementAndGet()
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
	}

	private static Map<String, String> query(HttpExchange exchange) {
		Map<String, String> query = new LinkedHashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return query;
	}

	private static final Pattern SPOTIFY_QUERY = Pattern.compile("track:(.*) artist:(.*)");
	private static final Pattern DEEZER_QUERY = Pattern.compile("artist:\"(.*)\" track:\"(.*)\"");

	private String spotifySearch(HttpExchange exchange) {
		Matcher m = SPOTIFY_QUERY.matcher(query(exchange).getOrDefault("q", ""));
		Recording r = m.matches() ? byArtistTitle.get(key(m.group(2), m.group(1))) : null;
		String items = r == null ? "" : spotifyTrack(r);
		return "{\"tracks\":{\"href\":\"" + uri() + "/v1/search\",\"items\":[" + items + "],\"limit\":5,\"next\":null,"
				+ "\"offset\":0,\"previous\":null,\"total\":" + (r == null ? 0 : 1) + "}}";
	}

	private static String spotifyTrack(Recording r) {
		return "{\"album\":{\"album_type\":\"album\",\"id\":\"al" + r.id() + "\",\"name\":\"Album\",\"type\":\"album\","
				+ "\"uri\":\"spotify:album:al" + r.id() + "\"},\"artists\":[{\"id\":\"ar" + r.id() + "\",\"name\":\""
				+ json(r.artist()) + "\",\"type\":\"artist\",\"uri\":\"spotify:artist:ar" + r.id() + "\"}],"
				+ "\"disc_number\":1,\"duration_ms\":" + r.durationSeconds() * 1000 + ",\"explicit\":false,"
				+ "\"external_ids\":{\"isrc\":\"" + r.isrc() + "\"},\"id\":\"" + r.id() + "\",\"is_local\":false,"
				+ "\"name\":\"" + json(r.title()) + "\",\"popularity\":42,\"track_number\":1,\"type\":\"track\","
				+ "\"uri\":\"spotify:track:" + r.id() + "\"}";
	}

	private String audioFeatures(HttpExchange exchange) {
		String ids = query(exchange).getOrDefault("ids", "");
		List<String> features = new ArrayList<>();
		for (String id : ids.split(",")) {
			Recording r = byId.get(id);
			features.add(r == null ? "null"
					: String.format(Locale.ROOT, "{\"acousticness\":0.01,\"danceability\":0.8,\"duration_ms\":%d,"
							+ "\"energy\":0.9,\"id\":\"%s\",\"instrumentalness\":0.7,\"key\":%d,\"liveness\":0.1,"
							+ "\"loudness\":-6.5,\"mode\":%d,\"speechiness\":0.05,\"tempo\":%.3f,\"time_signature\":4,"
							+ "\"type\":\"audio_features\",\"uri\":\"spotify:track:%s\",\"valence\":0.5}",
							r.durationSeconds() * 1000, r.id(), r.key(), r.minor() ? 0 : 1, r.tempo(), r.id()));
		}
		return "{\"audio_features\":[" + String.join(",", features) + "]}";
	}

	private String deezerSearch(HttpExchange exchange) {
		Matcher m = DEEZER_QUERY.matcher(query(exchange).getOrDefault("q", ""));
		Recording r = m.matches() ? byArtistTitle.get(key(m.group(1), m.group(2))) : null;
		String data = r == null ? "" : "{\"id\":" + deezerId(r) + ",\"readable\":true,\"title\":\"" + json(r.title())
				+ "\",\"duration\":" + r.durationSeconds() + ",\"rank\":500000,\"artist\":{\"id\":1,\"name\":\""
				+ json(r.artist()) + "\",\"type\":\"artist\"},\"album\":{\"id\":2,\"title\":\"Album\",\"type\":\"album\"},"
				+ "\"type\":\"track\"}";
		return "{\"data\":[" + data + "],\"total\":" + (r == null ? 0 : 1) + "}";
	}

	private String deezerTrack(HttpExchange exchange) {
		String id = exchange.getRequestURI().getPath().substring("/track/".length());
		Recording r = byDeezerId.get(id);
		if (r == null) {
			return "{\"error\":{\"type\":\"DataException\",\"message\":\"no data\",\"code\":800}}";
		}
		return String.format(Locale.ROOT, "{\"id\":%d,\"readable\":true,\"title\":\"%s\",\"isrc\":\"%s\",\"duration\":%d,"
				+ "\"track_position\":1,\"disk_number\":1,\"rank\":500000,\"release_date\":\"2020-01-01\",\"bpm\":%.1f,"
				+ "\"gain\":-8.2,\"artist\":{\"id\":1,\"name\":\"%s\"},\"type\":\"track\"}", deezerId(r), json(r.title()),
				r.isrc(), r.durationSeconds(), r.tempo(), json(r.artist()));
	}

	private static long deezerId(Recording r) {
		return Math.abs((long) r.id().hashCode()) + 1000;
	}

	private static String key(String artist, String title) {
		return artist.toLowerCase(Locale.ROOT) + "\u001F" + title.toLowerCase(Locale.ROOT);
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	@Override
	public void close() {
		server.stop(0);
		((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
	}

	/** Not used by the services themselves; keeps unmodifiable views handy for assertions. */
	public List<Request> requestsOf(String service) {
		return Collections.unmodifiableList(requests.stream().filter(r -> r.service().equals(service)).toList());
	}
}
