package org.example.orbit.getsongbpm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import orbit.enrichment.Capability;
import orbit.enrichment.Credential;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.ProviderCredentials;
import orbit.enrichment.ProviderException;
import orbit.enrichment.ProviderSession;
import orbit.enrichment.RateLimit;
import orbit.enrichment.TrackAnswer;
import orbit.enrichment.TrackQuery;

/**
 * BPM and key from GetSongBPM: {@code GET /search/?api_key=KEY&type=both&lookup=song:TITLE artist:ARTIST}
 * answers {@code {"search":[{"id":..,"title":..,"tempo":"128","key_of":"Am","artist":{"name":..}}]}}, or
 * {@code {"search":{"error":"no result"}}}. GetSongBPM allows 3,000 requests an hour and blocks a key
 * that asks more for an hour: the rate limit is that, and a 429 without Retry-After opens the breaker
 * for the hour.
 *
 * <p>Settings: Configuration Admin under the PID {@value #PID}, or {@code -Dgetsongbpm.<key>=value}
 * for one launch, which wins. The API key: {@code api-key} there, else {@code ORBIT_GETSONGBPM_API_KEY},
 * else the one entered in ORBIT's preferences.
 */
@Component(service = EnrichmentProvider.class, configurationPid = GetSongBpmProvider.PID)
public class GetSongBpmProvider implements EnrichmentProvider {

	public static final String PID = "getsongbpm";
	static final String ID = "getsongbpm";
	private static final String KEY = "api-key";
	private static final String ENVIRONMENT = "ORBIT_GETSONGBPM_API_KEY";

	/** The settings and their defaults; the keys as DS names them ({@code api$_$key} is {@code api-key}). */
	public @interface Config {
		String url() default "https://api.getsong.co";

		String api$_$key() default "";

		int requests() default 3000;

		long window$_$ms() default 3_600_000;

		long timeout$_$ms() default 10_000;
	}

	/** What the user entered in the preferences; optional, the configuration and the environment also serve. */
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile ProviderCredentials stored;

	private final URI base;
	private final String configuredKey;
	private final RateLimit limit;
	private final Duration timeout;
	private final HttpClient http;

	@Activate
	public GetSongBpmProvider(Config config) {
		this.base = URI.create(launch("url", config.url()).replaceFirst("/+$", ""));
		this.configuredKey = launch(KEY, config.api$_$key());
		this.limit = new RateLimit(Integer.parseInt(launch("requests", Integer.toString(config.requests()))),
				Duration.ofMillis(Long.parseLong(launch("window-ms", Long.toString(config.window$_$ms())))));
		this.timeout = Duration.ofMillis(Long.parseLong(launch("timeout-ms", Long.toString(config.timeout$_$ms()))));
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** {@code -Dgetsongbpm.<key>} for this launch, else the configured value. */
	private static String launch(String key, String configured) {
		String given = System.getProperty(PID + "." + key);
		return given == null || given.isBlank() ? configured : given.strip();
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String displayName() {
		return "GetSongBPM";
	}

	@Override
	public Set<Capability> capabilities() {
		return EnumSet.of(Capability.FIND_TRACK, Capability.TEMPO, Capability.KEY);
	}

	/** No batch endpoint: one search per track. */
	@Override
	public int batchSize() {
		return 10;
	}

	@Override
	public RateLimit rateLimit() {
		return limit;
	}

	@Override
	public List<Credential> credentials() {
		return List.of(new Credential(KEY, "GetSongBPM API key", true));
	}

	@Override
	public Optional<String> setupProblem() {
		return apiKey().isPresent() ? Optional.empty()
				: Optional.of("needs credentials: a GetSongBPM API key (set " + ENVIRONMENT
						+ ", or enter it in File > Preferences)");
	}

	private Optional<String> apiKey() {
		if (!configuredKey.isBlank()) {
			return Optional.of(configuredKey);
		}
		String environment = System.getenv(ENVIRONMENT);
		if (environment != null && !environment.isBlank()) {
			return Optional.of(environment.strip());
		}
		ProviderCredentials credentials = stored;
		return credentials == null ? Optional.empty() : credentials.get(ID, KEY).filter(k -> !k.isBlank());
	}

	@Override
	public List<TrackAnswer> lookup(List<TrackQuery> batch, ProviderSession session)
			throws ProviderException, InterruptedException {
		String key = apiKey().orElseThrow(() -> new ProviderException.NotConfigured(setupProblem().orElse("")));
		List<TrackAnswer> answers = new ArrayList<>();
		for (TrackQuery query : batch) {
			if (query.title() == null || query.artist() == null) {
				answers.add(TrackAnswer.notFound(query.entryId()));
				continue;
			}
			session.beforeRequest();
			Object search = search(key, query).get("search");
			Map<String, Object> song = search instanceof List<?> songs ? best(songs, query.artist()) : null;
			if (song == null) {
				// {"search":{"error":"no result"}}, or an empty list
				answers.add(TrackAnswer.notFound(query.entryId()));
				continue;
			}
			answers.add(new TrackAnswer(query.entryId(), true, text(song.get("id")), tempo(song.get("tempo")),
					camelot(text(song.get("key_of"))), null, null));
		}
		return answers;
	}

	private Map<String, Object> search(String key, TrackQuery query) throws ProviderException, InterruptedException {
		String lookup = "song:" + query.title() + " artist:" + query.artist();
		URI uri = URI.create(base + "/search/?api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
				+ "&type=both&lookup=" + URLEncoder.encode(lookup, StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
				.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		} catch (HttpConnectTimeoutException e) {
			throw ProviderException.failed("GetSongBPM", base, e);
		} catch (HttpTimeoutException e) {
			throw new ProviderException.Fault("GetSongBPM did not answer within " + timeout.toMillis() + " ms", e);
		} catch (IOException e) {
			throw ProviderException.failed("GetSongBPM", base, e);
		}
		int status = response.statusCode();
		if (status == 429) {
			// GetSongBPM blocks the key for an hour; a Retry-After, when sent, says exactly how long.
			throw new ProviderException.RateLimited("GetSongBPM answered 429", retryAfter(response));
		}
		if (status == 401 || status == 403) {
			throw new ProviderException.NotConfigured("GetSongBPM refused the API key (HTTP " + status + ")");
		}
		if (status != 200) {
			throw new ProviderException.Fault("GetSongBPM answered " + status, null);
		}
		try {
			if (Json.parse(response.body()) instanceof Map<?, ?> body) {
				@SuppressWarnings("unchecked")
				Map<String, Object> object = (Map<String, Object>) body;
				return object;
			}
		} catch (IllegalArgumentException | IndexOutOfBoundsException e) {
			throw new ProviderException.Fault("GetSongBPM sent a malformed body (" + e.getMessage() + ")", e);
		}
		throw new ProviderException.Fault("GetSongBPM sent a body that is no JSON object", null);
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

	/** The first song by the artist asked for (ignoring case), else the first song. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> best(List<?> songs, String artist) {
		Map<String, Object> first = null;
		for (Object song : songs) {
			if (!(song instanceof Map<?, ?>)) {
				continue;
			}
			Map<String, Object> candidate = (Map<String, Object>) song;
			if (first == null) {
				first = candidate;
			}
			if (candidate.get("artist") instanceof Map<?, ?> by && artist.equalsIgnoreCase(text(by.get("name")))) {
				return candidate;
			}
		}
		return first;
	}

	private static String text(Object value) {
		if (value instanceof Double d && d == Math.rint(d)) {
			return Long.toString(d.longValue());
		}
		return value == null ? null : value.toString();
	}

	/** "128" or 128; null when absent, zero or no number. */
	private static Double tempo(Object value) {
		try {
			double bpm = value instanceof Double d ? d : Double.parseDouble(String.valueOf(value).strip());
			return bpm > 0 && bpm < 1000 ? bpm : null;
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** GetSongBPM's key ("Am", "C#", "Ebm", "F♯m") in Camelot notation; null when it is none. */
	static String camelot(String key) {
		if (key == null || key.isBlank()) {
			return null;
		}
		String k = key.strip().replace('♯', '#').replace('♭', 'b');
		int pitch = "C D EF G A B".indexOf(Character.toUpperCase(k.charAt(0)));
		if (pitch < 0 || k.charAt(0) == ' ') {
			return null;
		}
		int i = 1;
		if (i < k.length() && (k.charAt(i) == '#' || k.charAt(i) == 'b')) {
			pitch += k.charAt(i) == '#' ? 1 : -1;
			i++;
		}
		String rest = k.substring(i).strip().toLowerCase(Locale.ROOT);
		boolean minor = rest.equals("m") || rest.equals("min") || rest.equals("minor");
		if (!minor && !rest.isEmpty() && !rest.equals("maj") && !rest.equals("major")) {
			return null;
		}
		return TrackAnswer.camelot(Math.floorMod(pitch, 12), minor);
	}
}
