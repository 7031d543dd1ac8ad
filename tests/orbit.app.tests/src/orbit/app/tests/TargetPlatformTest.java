package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.failsafe.CircuitBreaker;
import orbit.tests.support.OsgiServices;
import se.michaelthelin.spotify.SpotifyApi;

/**
 * The libraries the concerns build on resolve and work inside OSGi, wrapped jars with their own
 * dependencies: a missing import shows here, not in a user's hands.
 */
class TargetPlatformTest {

	@Test
	void spotifyClientLoadsWithItsHttpClientAndJson() {
		SpotifyApi api = new SpotifyApi.Builder().setAccessToken("token").setScheme("http").setHost("127.0.0.1")
				.setPort(9).build();
		// Building a request touches httpclient5, gson and nv-i18n classes of the wrapped jar.
		assertNotNull(api.searchTracks("artist:Bicep track:Glue").limit(1).build());
		assertEquals("token", api.getAccessToken());
	}

	@Test
	void failsafeBreakerOpensAndCaffeineCaches() {
		CircuitBreaker<Object> breaker = CircuitBreaker.builder().withFailureThreshold(1).withDelay(Duration.ofMinutes(1))
				.build();
		breaker.recordFailure();
		assertTrue(breaker.isOpen());
		Cache<String, String> cache = Caffeine.newBuilder().maximumSize(10).expireAfterWrite(1, TimeUnit.MINUTES).build();
		cache.put("8A", "A minor");
		assertEquals("A minor", cache.getIfPresent("8A"));
	}

	@Test
	void audioCodecsAndTagLibraryLoad() throws Exception {
		assertNotNull(Class.forName("org.jflac.FLACDecoder"));
		assertNotNull(Class.forName("com.jcraft.jorbis.VorbisFile"));
		assertNotNull(org.jaudiotagger.audio.AudioFileIO.getDefaultAudioFileIO());
	}

	@Test
	void eventAdminAndJobsRun() throws Exception {
		OsgiServices.with(org.osgi.service.event.EventAdmin.class, admin -> {
			admin.postEvent(new org.osgi.service.event.Event("orbit/test/ping", java.util.Map.of()));
			return null;
		});
		boolean[] ran = { false };
		org.eclipse.core.runtime.jobs.Job job = org.eclipse.core.runtime.jobs.Job.create("platform check", monitor -> {
			ran[0] = true;
		});
		job.schedule();
		job.join(10_000, null);
		assertTrue(ran[0]);
	}
}
