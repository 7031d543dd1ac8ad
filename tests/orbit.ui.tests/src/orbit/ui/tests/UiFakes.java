package orbit.ui.tests;

import java.io.IOException;

import orbit.tests.support.FakeMusicServices;

/**
 * The online providers of every workstation test point at one loopback fake, so that a request
 * the workstation sends is counted, never lost to the internet. Started before the first
 * workbench (the providers read their addresses when they start).
 */
final class UiFakes {

	private static FakeMusicServices services;

	private UiFakes() {
	}

	static synchronized FakeMusicServices start() throws IOException {
		if (services == null) {
			services = new FakeMusicServices();
			String uri = services.uri().toString();
			System.setProperty("orbit.spotify.api-url", uri);
			System.setProperty("orbit.spotify.accounts-url", uri);
			System.setProperty("orbit.deezer.url", uri);
			System.setProperty("orbit.spotify.client-id", "test-client");
			System.setProperty("orbit.spotify.client-secret", "test-secret");
		}
		return services;
	}
}
