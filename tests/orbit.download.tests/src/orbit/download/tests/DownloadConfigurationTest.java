package orbit.download.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.download.internal.DownloadEngine;
import orbit.download.internal.DownloadEngine.Settings;
import orbit.tests.support.OsgiServices;

/**
 * The installed download engine's settings: the OCD's defaults, a configuration from
 * Configuration Admin (PID orbit.download) taken while it runs, a launch property over both.
 */
class DownloadConfigurationTest {

	@TempDir
	Path home;

	@Test
	void theDefaultsAreTheDesignsNumbers() {
		assertEquals(new Settings(Duration.ofSeconds(15), 4, 3, Duration.ofSeconds(2), Duration.ofMinutes(2), 12,
				64L * 1024 * 1024, Duration.ofMinutes(3)), Settings.DEFAULTS);
	}

	@Test
	void aConfigurationReachesTheRunningEngineAndItsRemovalBringsBackTheDefaults() {
		OsgiServices.withHome(home, DownloadEngine.class, engine -> {
			assertEquals(Settings.DEFAULTS, engine.settings());
			try {
				OsgiServices.configure(DownloadEngine.PID,
						Map.of("concurrency", 5, "heartbeat-ms", 1_000L, "stall-checks", "6", "max-retrying-ms", 30_000L));
				OsgiServices.await("the configured concurrency", () -> engine.settings().concurrency() == 5);
				assertEquals(Duration.ofSeconds(30), engine.settings().maxRetrying(), "the time bound of retries");
				assertEquals(Duration.ofSeconds(1), engine.settings().heartbeat());
				assertEquals(6, engine.settings().stallChecks(), "a text value is read as the element's type");
				assertEquals(Settings.DEFAULTS.maxAttempts(), engine.settings().maxAttempts(), "keys not given keep their defaults");
				OsgiServices.with(DownloadEngine.class, same -> {
					assertSame(engine, same, "modified in place, not restarted (running downloads go on)");
					return null;
				});
			} finally {
				OsgiServices.configure(DownloadEngine.PID, null);
			}
			OsgiServices.await("the defaults again", () -> engine.settings().equals(Settings.DEFAULTS));
			return null;
		});
	}

	@Test
	void aLaunchPropertyWinsOverConfigurationAdmin() {
		System.setProperty("orbit.download.max-attempts", "3");
		try {
			OsgiServices.withHome(home, DownloadEngine.class, engine -> {
				assertEquals(3, engine.settings().maxAttempts());
				OsgiServices.configure(DownloadEngine.PID, Map.of("max-attempts", 20, "concurrency", 4));
				OsgiServices.await("the configured concurrency", () -> engine.settings().concurrency() == 4);
				assertEquals(3, engine.settings().maxAttempts(), "-Dorbit.download.max-attempts still counts");
				return null;
			});
		} finally {
			System.clearProperty("orbit.download.max-attempts");
			OsgiServices.configure(DownloadEngine.PID, null);
		}
	}
}
