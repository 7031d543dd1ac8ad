package orbit.enrichment.spotify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hc.core5.http.ParseException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import orbit.enrichment.Capability;
import orbit.enrichment.Credential;
import orbit.enrichment.ProviderCredentials;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.ProviderException;
import orbit.enrichment.ProviderSession;
import orbit.enrichment.RateLimit;
import orbit.enrichment.TrackAnswer;
import orbit.enrichment.TrackQuery;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.enums.Modality;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;
import se.michaelthelin.spotify.exceptions.detailed.ForbiddenException;
import se.michaelthelin.spotify.exceptions.detailed.TooManyRequestsException;
import se.michaelthelin.spotify.exceptions.detailed.UnauthorizedException;
import se.michaelthelin.spotify.model_objects.specification.AudioFeatures;
import se.michaelthelin.spotify.model_objects.specification.Paging;
import se.michaelthelin.spotify.model_objects.specification.Track;

/**
 * Spotify through spotify-web-api-java: a search per track (by ISRC, else artist and title),
 * then one audio-features request per batch of up to 100 tracks for tempo and key. Audio
 * features answer 403 to apps Spotify restricted: that capability is switched off and the
 * tracks are still found, with their durations. Client-credentials auth; the token request is
 * made here because the library's own always goes to Spotify's accounts host over https.
 */
@Component(service = EnrichmentProvider.class)
public class SpotifyProvider implements EnrichmentProvider {

	/** Spotify does not publish its limit; a rolling 30 s window, kept well under what apps see. */
	static final RateLimit DEFAULT_LIMIT = new RateLimit(90, Duration.ofSeconds(30));
	public static final int BATCH = 100;

	private final URI api;
	private final URI accounts;
	private final RateLimit limit;
	private final Duration timeout;
	private final HttpClient http;
	private String token;
	/** The preferences' credentials; optional, the environment also serves. */
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile ProviderCredentials storedCredentials;
	private Instant tokenExpires = Instant.EPOCH;

	public SpotifyProvider() {
		this(URI.create(System.getProperty("orbit.spotify.api-url", "https://api.spotify.com")),
				URI.create(System.getProperty("orbit.spotify.accounts-url", "https://accounts.spotify.com")),
				new RateLimit(Integer.getInteger("orbit.spotify.requests", DEFAULT_LIMIT.requests()),
						Duration.ofMillis(Long.getLong("orbit.spotify.window-ms", DEFAULT_LIMIT.window().toMillis()))),
				Duration.ofMillis(Long.getLong("orbit.enrichment.timeout-ms", 10_000)));
	}

	public SpotifyProvider(URI api, URI accounts, RateLimit limit, Duration timeout) {
		this.api = api;
		this.accounts = accounts;
		this.limit = limit;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public String id() {
		return "spotify";
	}

	@Override
	public String displayName() {
		return "Spotify";
	}

	@Override
	public Set<Capability> capabilities() {
		return EnumSet.of(Capability.FIND_TRACK, Capability.DURATION, Capability.AUDIO_FEATURES, Capability.TEMPO,
				Capability.KEY);
	}

	@Override
	public List<Credential> credentials() {
		return SpotifyCredentials.FIELDS;
	}

	@Override
	public int batchSize() {
		return BATCH;
	}

	@Override
	public RateLimit rateLimit() {
		return limit;
	}

	private record Hit(long entryId, String id, Integer seconds, String isrc) {
	}

	@Override
	public synchronized List<TrackAnswer> lookup(List<TrackQuery> batch, ProviderSession session)
			throws ProviderException, InterruptedException {
		SpotifyApi spotify = client(session);
		List<TrackAnswer> answers = new ArrayList<>();
		Map<String, Hit> hits = new LinkedHashMap<>();
		for (TrackQuery query : batch) {
			if (query.isrc() == null && (query.title() == null || query.artist() == null)) {
				answers.add(TrackAnswer.notFound(query.entryId()));
				continue;
			}
			String q = query.isrc() != null ? "isrc:" + query.isrc()
					: "track:" + query.title() + " artist:" + query.artist();
			session.beforeRequest();
			Paging<Track> found = call(() -> spotify.searchTracks(q).limit(5).build().execute());
			Track best = best(found == null ? null : found.getItems(), query);
			if (best == null) {
				answers.add(TrackAnswer.notFound(query.entryId()));
				continue;
			}
			String isrc = best.getExternalIds() == null || best.getExternalIds().getExternalIds() == null ? null
					: best.getExternalIds().getExternalIds().get("isrc");
			hits.put(best.getId(), new Hit(query.entryId(), best.getId(),
					best.getDurationMs() == null ? null : Math.round(best.getDurationMs() / 1000f), isrc));
		}
		Map<String, AudioFeatures> features = new LinkedHashMap<>();
		if (!hits.isEmpty() && session.enabled(Capability.AUDIO_FEATURES)) {
			session.beforeRequest();
			try {
				AudioFeatures[] all = call(() -> spotify
						.getAudioFeaturesForSeveralTracks(hits.keySet().toArray(String[]::new)).build().execute());
				for (AudioFeatures f : all == null ? new AudioFeatures[0] : all) {
					if (f != null && f.getId() != null) {
						features.put(f.getId(), f);
					}
				}
			} catch (ProviderException.Restricted restricted) {
				session.restricted(Capability.AUDIO_FEATURES, restricted.getMessage());
			}
		}
		for (Hit hit : hits.values()) {
			AudioFeatures f = features.get(hit.id());
			Double bpm = f == null || f.getTempo() == null || f.getTempo() <= 0 ? null : (double) Math.round(f.getTempo() * 10) / 10.0;
			String key = f == null || f.getKey() == null || f.getMode() == null ? null
					: TrackAnswer.camelot(f.getKey(), f.getMode() == Modality.MINOR);
			answers.add(new TrackAnswer(hit.entryId(), true, hit.id(), bpm, key, hit.seconds(), hit.isrc()));
		}
		return answers;
	}

	private static Track best(Track[] items, TrackQuery query) {
		if (items == null || items.length == 0) {
			return null;
		}
		if (query.durationSeconds() == null) {
			return items[0];
		}
		Track best = null;
		double nearest = Double.MAX_VALUE;
		for (Track t : items) {
			double gap = t.getDurationMs() == null ? Double.MAX_VALUE : Math.abs(t.getDurationMs() / 1000.0 - query.durationSeconds());
			if (gap <= 5 && gap < nearest) {
				nearest = gap;
				best = t;
			}
		}
		return best;
	}

	@FunctionalInterface
	private interface Call<T> {
		T run() throws IOException, SpotifyWebApiException, ParseException;
	}

	/** Maps the library's exceptions to what the engine does about them. */
	private <T> T call(Call<T> call) throws ProviderException {
		try {
			return call.run();
		} catch (TooManyRequestsException e) {
			throw new ProviderException.RateLimited("Spotify answered 429",
					Duration.ofSeconds(Math.max(1, e.getRetryAfter())));
		} catch (ForbiddenException e) {
			throw new ProviderException.Restricted(Capability.AUDIO_FEATURES, "Spotify answered 403: " + e.getMessage());
		} catch (UnauthorizedException e) {
			token = null;
			throw new ProviderException.Fault("Spotify refused the access token: " + e.getMessage(), e);
		} catch (SpotifyWebApiException e) {
			throw new ProviderException.Fault("Spotify: " + e.getMessage(), e);
		} catch (IOException e) {
			throw new ProviderException.Fault("Spotify cannot be reached: " + e.getMessage(), e);
		} catch (ParseException | RuntimeException e) {
			throw new ProviderException.Fault("Spotify sent a malformed answer: " + e.getMessage(), e);
		}
	}

	private SpotifyApi client(ProviderSession session) throws ProviderException, InterruptedException {
		if (token == null || Instant.now().isAfter(tokenExpires)) {
			SpotifyCredentials credentials = SpotifyCredentials.find(storedCredentials).orElseThrow(() -> new ProviderException.NotConfigured(
					"no Spotify client id and secret (set ORBIT_SPOTIFY_CLIENT_ID and ORBIT_SPOTIFY_CLIENT_SECRET, "
							+ "or enter them in the preferences)"));
			session.beforeRequest();
			fetchToken(credentials);
		}
		return SpotifyApi.builder().setAccessToken(token).setScheme(api.getScheme()).setHost(api.getHost())
				.setPort(api.getPort() > 0 ? api.getPort() : api.getScheme().equals("https") ? 443 : 80).build();
	}

	private void fetchToken(SpotifyCredentials credentials) throws ProviderException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString(
				(credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(accounts.resolve("/api/token")).timeout(timeout)
				.header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new ProviderException.Fault("Spotify's accounts service cannot be reached: " + e.getMessage(), e);
		}
		if (response.statusCode() == 429) {
			throw new ProviderException.RateLimited("Spotify's accounts service answered 429", Duration.ofSeconds(
					response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(30L)));
		}
		if (response.statusCode() == 400 || response.statusCode() == 401) {
			throw new ProviderException.NotConfigured("Spotify refused the client id and secret");
		}
		if (response.statusCode() != 200) {
			throw new ProviderException.Fault("Spotify's accounts service answered " + response.statusCode(), null);
		}
		try {
			JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
			token = body.get("access_token").getAsString();
			long seconds = body.has("expires_in") ? body.get("expires_in").getAsLong() : 3600;
			tokenExpires = Instant.now().plusSeconds(Math.max(60, seconds - 60));
		} catch (RuntimeException e) {
			throw new ProviderException.Fault("Spotify's token answer is malformed", e);
		}
	}
}
