package orbit.enrichment.deezer.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import orbit.enrichment.Capability;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.ProviderException;
import orbit.enrichment.ProviderSession;
import orbit.enrichment.RateLimit;
import orbit.enrichment.TrackAnswer;
import orbit.enrichment.TrackQuery;

/**
 * Deezer's public API (no key): {@code /search} finds the track, {@code /track/{id}} gives its
 * BPM, duration and ISRC (Deezer has no key, and no batch endpoint). Deezer reports its quota
 * ("Quota limit exceeded", code 4) in an HTTP 200 body: that opens the breaker like a 429.
 */
@Component(service = EnrichmentProvider.class)
public class DeezerProvider implements EnrichmentProvider {

	/** Deezer's documented limit: 50 requests per 5 seconds. */
	static final RateLimit DEFAULT_LIMIT = new RateLimit(50, Duration.ofSeconds(5));
	private static final int QUOTA_EXCEEDED = 4;
	private static final int NO_DATA = 800;

	private final URI base;
	private final RateLimit limit;
	private final Duration timeout;
	private final HttpClient http;

	public DeezerProvider() {
		this(URI.create(System.getProperty("orbit.deezer.url", "https://api.deezer.com")),
				new RateLimit(Integer.getInteger("orbit.deezer.requests", DEFAULT_LIMIT.requests()),
						Duration.ofMillis(Long.getLong("orbit.deezer.window-ms", DEFAULT_LIMIT.window().toMillis()))),
				Duration.ofMillis(Long.getLong("orbit.enrichment.timeout-ms", 10_000)));
	}

	public DeezerProvider(URI base, RateLimit limit, Duration timeout) {
		this.base = base;
		this.limit = limit;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public String id() {
		return "deezer";
	}

	@Override
	public String displayName() {
		return "Deezer";
	}

	@Override
	public Set<Capability> capabilities() {
		return EnumSet.of(Capability.FIND_TRACK, Capability.TEMPO, Capability.DURATION);
	}

	@Override
	public int batchSize() {
		return 25;
	}

	@Override
	public RateLimit rateLimit() {
		return limit;
	}

	@Override
	public List<TrackAnswer> lookup(List<TrackQuery> batch, ProviderSession session)
			throws ProviderException, InterruptedException {
		List<TrackAnswer> answers = new ArrayList<>();
		for (TrackQuery query : batch) {
			if (query.title() == null || query.artist() == null) {
				answers.add(TrackAnswer.notFound(query.entryId()));
				continue;
			}
			String q = query.isrc() != null ? "isrc:" + query.isrc()
					: "artist:\"" + query.artist() + "\" track:\"" + query.title() + "\"";
			session.beforeRequest();
			JsonObject found = get("/search?limit=5&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
			if (!found.has("data") || !found.get("data").isJsonArray()) {
				throw new ProviderException.Fault("Deezer's search answer has no data array", null);
			}
			JsonObject best = best(found.getAsJsonArray("data"), query);
			if (best == null) {
				answers.add(TrackAnswer.notFound(query.entryId()));
				continue;
			}
			String id = best.get("id").getAsString();
			session.beforeRequest();
			JsonObject track = get("/track/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
			Double bpm = number(track, "bpm");
			Double duration = number(track, "duration");
			answers.add(new TrackAnswer(query.entryId(), true, id, bpm != null && bpm > 0 ? bpm : null, null,
					duration == null ? null : (int) Math.round(duration), text(track, "isrc")));
		}
		return answers;
	}

	/** The result nearest in duration (within 5 s) when the library knows it, else the first. */
	private static JsonObject best(JsonArray data, TrackQuery query) {
		if (data == null || data.isEmpty()) {
			return null;
		}
		if (query.durationSeconds() == null) {
			return data.get(0).getAsJsonObject();
		}
		JsonObject best = null;
		double nearest = Double.MAX_VALUE;
		for (JsonElement e : data) {
			JsonObject candidate = e.getAsJsonObject();
			Double duration = number(candidate, "duration");
			double gap = duration == null ? Double.MAX_VALUE : Math.abs(duration - query.durationSeconds());
			if (gap <= 5 && gap < nearest) {
				nearest = gap;
				best = candidate;
			}
		}
		return best;
	}

	private JsonObject get(String pathAndQuery) throws ProviderException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
				.header("Accept", "application/json").GET().build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		} catch (HttpTimeoutException e) {
			throw new ProviderException.Fault("Deezer did not answer within " + timeout.toMillis() + " ms", e);
		} catch (IOException e) {
			throw new ProviderException.Fault("Deezer cannot be reached: " + e.getMessage(), e);
		}
		if (response.statusCode() == 429) {
			throw new ProviderException.RateLimited("Deezer answered 429", retryAfter(response));
		}
		if (response.statusCode() >= 500) {
			throw new ProviderException.Fault("Deezer answered " + response.statusCode(), null);
		}
		JsonObject body;
		try {
			body = JsonParser.parseString(response.body()).getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			throw new ProviderException.Fault("Deezer sent a malformed body (" + e.getMessage() + ")", e);
		}
		if (body.has("error")) {
			JsonObject error = body.getAsJsonObject("error");
			int code = error.has("code") ? error.get("code").getAsInt() : -1;
			String message = error.has("message") ? error.get("message").getAsString() : "error";
			if (code == QUOTA_EXCEEDED) {
				throw new ProviderException.RateLimited("Deezer: " + message, limit.window());
			}
			if (code == NO_DATA) {
				JsonObject empty = new JsonObject();
				empty.add("data", new JsonArray());
				return empty;
			}
			throw new ProviderException.Fault("Deezer: " + message + " (code " + code + ")", null);
		}
		if (response.statusCode() != 200) {
			throw new ProviderException.Fault("Deezer answered " + response.statusCode(), null);
		}
		return body;
	}

	private Duration retryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("Retry-After").map(v -> {
			try {
				return Duration.ofSeconds(Long.parseLong(v.strip()));
			} catch (NumberFormatException e) {
				return limit.window();
			}
		}).orElse(limit.window());
	}

	private static Double number(JsonObject o, String name) {
		JsonElement e = o.get(name);
		try {
			return e == null || e.isJsonNull() ? null : e.getAsDouble();
		} catch (RuntimeException notANumber) {
			return null;
		}
	}

	private static String text(JsonObject o, String name) {
		JsonElement e = o.get(name);
		return e == null || e.isJsonNull() ? null : e.getAsString();
	}
}
