package orbit.enrichment.spotify.internal;

import java.util.List;
import java.util.Optional;

import orbit.enrichment.Credential;
import orbit.enrichment.ProviderCredentials;

/**
 * Where the Spotify client id and secret come from: the environment (the command line,
 * {@code ORBIT_SPOTIFY_CLIENT_ID} and {@code ORBIT_SPOTIFY_CLIENT_SECRET}), system properties,
 * then the credentials the user entered in the preferences. Never logged.
 */
record SpotifyCredentials(String clientId, String clientSecret) {

	static final String CLIENT_ID = "client-id";
	static final String CLIENT_SECRET = "client-secret";
	static final List<Credential> FIELDS = List.of(new Credential(CLIENT_ID, "Client ID", false),
			new Credential(CLIENT_SECRET, "Client secret", true));

	@Override
	public String toString() {
		return "SpotifyCredentials[clientId=" + clientId + ", clientSecret=(hidden)]";
	}

	/** @param stored the preferences' store; null when it is not installed */
	static Optional<SpotifyCredentials> find(ProviderCredentials stored) {
		String id = first(System.getenv("ORBIT_SPOTIFY_CLIENT_ID"), System.getProperty("orbit.spotify.client-id"));
		String secret = first(System.getenv("ORBIT_SPOTIFY_CLIENT_SECRET"), System.getProperty("orbit.spotify.client-secret"));
		if (id != null && secret != null) {
			return Optional.of(new SpotifyCredentials(id, secret));
		}
		if (stored == null) {
			return Optional.empty();
		}
		Optional<String> storedId = stored.get("spotify", CLIENT_ID);
		Optional<String> storedSecret = stored.get("spotify", CLIENT_SECRET);
		return storedId.isPresent() && storedSecret.isPresent()
				? Optional.of(new SpotifyCredentials(storedId.get(), storedSecret.get()))
				: Optional.empty();
	}

	private static String first(String a, String b) {
		return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
	}
}
