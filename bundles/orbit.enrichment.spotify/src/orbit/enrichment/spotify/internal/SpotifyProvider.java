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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import orbit.core.ComponentConfiguration;
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
@Component(service = EnrichmentProvider.class, configurationPid = SpotifyProvider.PID)
@Designate(ocd = SpotifyProvider.Config.class)
public class SpotifyProvider implements EnrichmentProvider {

	/** Configuration Admin's PID of the provider's settings. */
	public static final String PID = "orbit.spotify";

	@ObjectClassDefinition(name = "Spotify", description = "Where ORBIT asks Spotify, how often and how patiently.")
	public @interface Config {
		@AttributeDefinition(description = "The Web API's address.")
		String api$_$url() default "https://api.spotify.com";

		@AttributeDefinition(description = "The accounts service's address (client-credentials tokens).")
		String accounts$_$url() default "https://accounts.spotify.com";

		/** Spotify does not publish its limit: kept well under what apps see in a rolling 30 s. */
		@AttributeDefinition(description = "Requests in any rolling window.")
		int requests() default 90;

		@AttributeDefinition(description = "The rolling window, in milliseconds.")
		long window$_$ms() default 30_000;

		@AttributeDefinition(description = "How long a connection and an answer may take, in milliseconds.")
		long timeout$_$ms() default 10_000;
	}

	public static final int BATCH = 100;

	private final URI api;
	private final URI accounts;
	private final RateLimit limit;
	private final Duration timeout;
	private final HttpClient http;
	private volatile String token;
	/** The preferences' credentials; optional, the environment also serves. */
	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile ProviderCredentials storedCredentials;
	private Instant tokenExpires = Instant.EPOCH;

	/**
	 * The installed provider. No {@code @Modified}: a changed configuration restarts it, and the
	 * engine guards the new one with its new rate limit.
	 */
	@Activate
	public SpotifyProvider(Config config) {
		Config settings = ComponentConfiguration.withLaunchProperties(config, PID);
		this.api = URI.create(settings.api$_$url());
		this.accounts = URI.create(settings.accounts$_$url());
		this.limit = new RateLimit(settings.requests(), Duration.ofMillis(settings.window$_$ms()));
		this.timeout = Duration.ofMillis(settings.timeout$_$ms());
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** A provider outside DS (tests, benchmarks). */
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

	static final String NEEDS_CREDENTIALS = "needs credentials: a Spotify client id and secret (set "
			+ "ORBIT_SPOTIFY_CLIENT_ID and ORBIT_SPOTIFY_CLIENT_SECRET, or enter them in File > Preferences)";

	/** Without a client id and secret nothing can be asked; known without the network. */
	@Override
	public java.util.Optional<String> setupProblem() {
		if (token != null) {
			return java.util.Optional.empty();
		}
		try {
			return SpotifyCredentials.find(storedCredentials).isPresent() ? java.util.Optional.empty()
					: java.util.Optional.of(NEEDS_CREDENTIALS);
		} catch (RuntimeException e) {
			return java.util.Optional.of("its credentials cannot be read: " + e.getMessage());
		}
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
			throw ProviderException.failed("Spotify", api, e);
		} catch (ParseException | RuntimeException e) {
			throw new ProviderException.Fault("Spotify sent a malformed answer: " + e.getMessage(), e);
		}
	}

	private SpotifyApi client(ProviderSession session) throws ProviderException, InterruptedException {
		if (token == null || Instant.now().isAfter(tokenExpires)) {
			SpotifyCredentials credentials = SpotifyCredentials.find(storedCredentials)
					.orElseThrow(() -> new ProviderException.NotConfigured(NEEDS_CREDENTIALS));
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
			throw ProviderException.failed("Spotify's accounts service", accounts, e);
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
