package orbit.enrichment.deezer.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import orbit.core.ComponentConfiguration;
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
@Component(service = EnrichmentProvider.class, configurationPid = DeezerProvider.PID)
@Designate(ocd = DeezerProvider.Config.class)
public class DeezerProvider implements EnrichmentProvider {

	/** Configuration Admin's PID of the provider's settings. */
	public static final String PID = "orbit.deezer";

	@ObjectClassDefinition(name = "Deezer", description = "Where ORBIT asks Deezer, how often and how patiently.")
	public @interface Config {
		@AttributeDefinition(description = "Deezer's API address.")
		String url() default "https://api.deezer.com";

		@AttributeDefinition(description = "Requests in any rolling window (Deezer documents 50 per 5 seconds).")
		int requests() default 50;

		@AttributeDefinition(description = "The rolling window, in milliseconds.")
		long window$_$ms() default 5_000;

		@AttributeDefinition(description = "How long a connection and an answer may take, in milliseconds.")
		long timeout$_$ms() default 10_000;
	}

	private static final int QUOTA_EXCEEDED = 4;
	private static final int NO_DATA = 800;

	private final URI base;
	private final RateLimit limit;
	private final Duration timeout;
	private final HttpClient http;

	/**
	 * The installed provider. No {@code @Modified}: a changed configuration restarts it, and the
	 * engine guards the new one with its new rate limit.
	 */
	@Activate
	public DeezerProvider(Config config) {
		Config settings = ComponentConfiguration.withLaunchProperties(config, PID);
		this.base = URI.create(settings.url());
		this.limit = new RateLimit(settings.requests(), Duration.ofMillis(settings.window$_$ms()));
		this.timeout = Duration.ofMillis(settings.timeout$_$ms());
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** A provider outside DS (tests, benchmarks). */
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
		} catch (HttpConnectTimeoutException e) {
			throw ProviderException.failed("Deezer", base, e);
		} catch (HttpTimeoutException e) {
			throw new ProviderException.Fault("Deezer did not answer within " + timeout.toMillis() + " ms", e);
		} catch (IOException e) {
			throw ProviderException.failed("Deezer", base, e);
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
