package orbit.enrichment.spotify.internal;

import java.util.Optional;

/**
 * Where the Spotify client id and secret come from: the environment (the command line,
 * {@code ORBIT_SPOTIFY_CLIENT_ID} and {@code ORBIT_SPOTIFY_CLIENT_SECRET}), system properties,
 * then Equinox secure storage (the workstation's preferences, node {@value #NODE}). Never logged.
 */
record SpotifyCredentials(String clientId, String clientSecret) {

	static final String NODE = "orbit/enrichment/spotify";
	static final String CLIENT_ID = "client-id";
	static final String CLIENT_SECRET = "client-secret";

	@Override
	public String toString() {
		return "SpotifyCredentials[clientId=" + clientId + ", clientSecret=(hidden)]";
	}

	static Optional<SpotifyCredentials> find() {
		String id = first(System.getenv("ORBIT_SPOTIFY_CLIENT_ID"), System.getProperty("orbit.spotify.client-id"));
		String secret = first(System.getenv("ORBIT_SPOTIFY_CLIENT_SECRET"), System.getProperty("orbit.spotify.client-secret"));
		if (id != null && secret != null) {
			return Optional.of(new SpotifyCredentials(id, secret));
		}
		return fromSecureStorage();
	}

	private static Optional<SpotifyCredentials> fromSecureStorage() {
		try {
			var node = org.eclipse.equinox.security.storage.SecurePreferencesFactory.getDefault();
			if (node == null || !node.nodeExists(NODE)) {
				return Optional.empty();
			}
			var spotify = node.node(NODE);
			String id = spotify.get(CLIENT_ID, null);
			String secret = spotify.get(CLIENT_SECRET, null);
			return id == null || secret == null ? Optional.empty() : Optional.of(new SpotifyCredentials(id, secret));
		} catch (Exception | LinkageError unavailable) {
			// No secure storage here (no password provider, or the bundle is absent): environment only.
			return Optional.empty();
		}
	}

	private static String first(String a, String b) {
		return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
	}
}
