package orbit.updates.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * GetSongBPM's search endpoint on loopback, as its documentation describes it:
 * {@code GET /search/?api_key=KEY&type=both&lookup=song:TITLE artist:ARTIST} answers
 * {@code {"search":[{"id":..,"title":..,"tempo":"128","key_of":"Am","artist":{"name":..}}]}} or
 * {@code {"search":{"error":"no result"}}}; a wrong key gets 401, and more requests than the rate
 * limit allows in its window get 429 with Retry-After.
 */
final class FakeGetSongBpm implements AutoCloseable {

	static final String API_KEY = "test-getsongbpm-key";
	private static final Pattern LOOKUP = Pattern.compile("song:(.*) artist:(.*)");

	private record Song(String id, String title, String artist, String tempo, String keyOf) {
	}

	private final HttpServer server;
	private final Map<String, Song> songs = new LinkedHashMap<>();
	private final ArrayDeque<Long> window = new ArrayDeque<>();
	final AtomicInteger requests = new AtomicInteger();
	final AtomicInteger refusedKeys = new AtomicInteger();
	final AtomicInteger tooMany = new AtomicInteger();
	private volatile int limit = Integer.MAX_VALUE;
	private volatile long windowMillis = 3_600_000;

	FakeGetSongBpm() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/search/", this::search);
		server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	void song(String id, String artist, String title, String tempo, String keyOf) {
		songs.put(key(artist, title), new Song(id, title, artist, tempo, keyOf));
	}

	/** At most {@code requests} searches in any rolling {@code millis}; more get 429. */
	void limit(int requests, long millis) {
		limit = requests;
		windowMillis = millis;
	}

	private static String key(String artist, String title) {
		return artist.toLowerCase(Locale.ROOT) + "\n" + title.toLowerCase(Locale.ROOT);
	}

	private void search(HttpExchange exchange) throws IOException {
		requests.incrementAndGet();
		Map<String, String> query = new LinkedHashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		for (String pair : raw == null ? new String[0] : raw.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		if (!API_KEY.equals(query.get("api_key"))) {
			refusedKeys.incrementAndGet();
			send(exchange, 401, "{\"error\":\"Invalid API key\"}");
			return;
		}
		long now = System.currentTimeMillis();
		synchronized (window) {
			while (!window.isEmpty() && window.peekFirst() <= now - windowMillis) {
				window.removeFirst();
			}
			if (window.size() >= limit) {
				tooMany.incrementAndGet();
				exchange.getResponseHeaders().add("Retry-After", "3600");
				send(exchange, 429, "{\"error\":\"Too many requests\"}");
				return;
			}
			window.addLast(now);
		}
		Matcher lookup = LOOKUP.matcher(query.getOrDefault("lookup", ""));
		if (!"both".equals(query.get("type")) || !lookup.matches()) {
			send(exchange, 400, "{\"error\":\"type and lookup are required\"}");
			return;
		}
		Song song = songs.get(key(lookup.group(2).strip(), lookup.group(1).strip()));
		if (song == null) {
			send(exchange, 200, "{\"search\":{\"error\":\"no result\"}}");
			return;
		}
		send(exchange, 200, "{\"search\":[{\"id\":\"" + song.id + "\",\"title\":\"" + song.title
				+ "\",\"uri\":\"https://getsongbpm.com/song/x/" + song.id + "\",\"tempo\":\"" + song.tempo
				+ "\",\"time_sig\":\"4/4\",\"key_of\":\"" + song.keyOf + "\",\"open_key\":\"1m\",\"artist\":{\"id\":\"a1\","
				+ "\"name\":\"" + song.artist + "\",\"genres\":[\"electronic\"]},\"album\":{\"title\":\"Album\"}}]}");
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
