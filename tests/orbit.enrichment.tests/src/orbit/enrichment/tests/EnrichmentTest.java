package orbit.enrichment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import orbit.core.ActionableException;
import orbit.enrichment.Capability;
import orbit.enrichment.Enrichment;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.EnrichmentReport;
import orbit.enrichment.ProviderState;
import orbit.enrichment.RateLimit;
import orbit.enrichment.TrackAnswer;
import orbit.enrichment.deezer.internal.DeezerProvider;
import orbit.enrichment.internal.EnrichmentEngine;
import orbit.enrichment.spotify.internal.SpotifyProvider;
import orbit.library.EntryDetails;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MetadataSource;
import orbit.library.OnlineAnswer;
import orbit.library.OnlineValues;
import orbit.library.OnlineMetadataStore;
import orbit.library.TrackInput;
import orbit.tests.support.FakeMusicServices;
import orbit.tests.support.FakeMusicServices.Fault;
import orbit.tests.support.FakeMusicServices.Recording;
import orbit.tests.support.FakeMusicServices.Request;
import orbit.tests.support.OsgiServices;

/** Enrichment against loopback fakes of Spotify and Deezer that speak their real endpoints. */
class EnrichmentTest {

	static final int LIBRARY = 2000;
	static final RateLimit LIMIT = new RateLimit(100, Duration.ofMillis(300));

	static FakeMusicServices services;

	@TempDir
	Path home;

	@BeforeAll
	static void startServices() throws Exception {
		services = new FakeMusicServices();
		for (int i = 1; i <= LIBRARY; i++) {
			services.add(recording(i));
		}
		// The installed (DS) providers read these; the client id and secret are test values.
		System.setProperty("orbit.spotify.api-url", services.uri().toString());
		System.setProperty("orbit.spotify.accounts-url", services.uri().toString());
		System.setProperty("orbit.deezer.url", services.uri().toString());
		System.setProperty("orbit.spotify.client-id", "test-client");
		System.setProperty("orbit.spotify.client-secret", "test-secret");
		System.setProperty("orbit.spotify.timeout-ms", "1000");
		System.setProperty("orbit.deezer.timeout-ms", "1000");
	}

	@AfterAll
	static void stopServices() {
		services.close();
	}

	@BeforeEach
	void reset() {
		services.rateLimit(LIMIT.requests(), LIMIT.window().toMillis(), 1);
		services.resetCounts();
		services.audioFeaturesForbidden = false;
		services.slowAnswersTake(2000);
	}

	@AfterEach
	void quiet() {
		services.audioFeaturesForbidden = false;
	}

	static Recording recording(int i) {
		return new Recording("sp" + i, "Artist " + i, "Title " + i, 180 + i % 60, 120 + i % 10, i % 12, i % 2 == 0,
				String.format(Locale.ROOT, "GBAAA26%05d", i));
	}

	/** A library of {@code n} entries whose file tags agree with the catalogue for even numbers (Gold material). */
	static void fill(Library library, int n) {
		List<TrackInput> inputs = new ArrayList<>();
		for (int i = 1; i <= n; i++) {
			Recording r = recording(i);
			double bpm = i % 2 == 0 ? r.tempo() : r.tempo() + 3;
			inputs.add(new TrackInput("/music/" + i + ".flac", 30_000_000, r.title(), r.artist(), "Album", "flac", 900,
					r.durationSeconds(), bpm, TrackAnswer.camelot(r.key(), r.minor())));
		}
		library.addTracks(inputs);
	}

	static List<EnrichmentProvider> providers() {
		return List.of(new SpotifyProvider(services.uri(), services.uri(), LIMIT, Duration.ofSeconds(1)),
				new DeezerProvider(services.uri(), LIMIT, Duration.ofSeconds(1)));
	}

	<R> R withStore(Function<OnlineMetadataStore, R> use) {
		return OsgiServices.withHome(home, OnlineMetadataStore.class, store -> OsgiServices.with(Library.class, library -> {
			if (library.countTracks() == 0) {
				fill(library, LIBRARY);
			}
			return use.apply(store);
		}));
	}

	static List<Long> ids(int n) {
		return LongStream.rangeClosed(1, n).boxed().toList();
	}

	@Test
	void inspectorLookupsReadOnlyTheCacheAndQueueTheMisses() {
		withStore(store -> {
			EnrichmentEngine engine = new EnrichmentEngine(store, providers(), Duration.ofMillis(500));
			for (long id = 1; id <= LIBRARY; id++) {
				assertTrue(engine.lookup(id).isEmpty());
			}
			assertEquals(0, services.requests().size(), "a lookup never touches the network");
			assertEquals(LIBRARY, engine.queueSize(), "every miss is queued");

			EnrichmentReport report = engine.run(null, 10, new NullProgressMonitor());
			assertEquals(10, report.found());
			services.resetCounts();
			for (long id = 1; id <= LIBRARY; id++) {
				engine.lookup(id);
			}
			assertEquals(0, services.requests().size());
			assertTrue(engine.lookup(1).orElseThrow().found(), "an enriched entry is answered from the cache");
			assertEquals(LIBRARY - 10, engine.queueSize());
			return null;
		});
	}

	@Test
	void aWholeLibraryIsEnrichedInBatchesWithinTheRateLimit() {
		withStore(store -> {
			EnrichmentEngine engine = new EnrichmentEngine(store, providers(), Duration.ofMillis(500));
			engine.queue(ids(LIBRARY));
			long start = System.nanoTime();
			EnrichmentReport report = engine.run(null, 0, new NullProgressMonitor());
			double seconds = (System.nanoTime() - start) / 1e9;

			double minimum = LIMIT.minimumTime(report.requests()).toMillis() / 1000.0;
			System.out.printf(Locale.ROOT, "enrichment of %d tracks: %d requests (one request per track and "
					+ "capability would be %d); %.2f s against a minimum of %.2f s under %d per %d ms (%.2fx)%n", LIBRARY,
					report.requests(), LIBRARY * 2, seconds, minimum, LIMIT.requests(), LIMIT.window().toMillis(), seconds / minimum);

			assertEquals(LIBRARY, report.found());
			assertEquals(0, report.stillQueued());
			long spotify = services.count("spotify");
			long features = services.count("spotify", "/v1/audio-features");
			long searches = services.count("spotify", "/v1/search");
			// Spotify has no batch search: one search per track (and again for a batch a 429 cut short);
			// audio features go 100 tracks per request.
			assertTrue(features <= LIBRARY / SpotifyProvider.BATCH, "features " + features);
			assertTrue(searches < LIBRARY + 2 * SpotifyProvider.BATCH, "searches " + searches);
			assertEquals(report.requests(), spotify + services.count("deezer"),
					"every request the engine counted reached a service, and no other");
			// A 429 can still come from the service's own jitter; it opens the breaker for its Retry-After.
			assertNoRequestWhileOpen();
			EntryDetails even = OsgiServices.with(Library.class, l -> l.details(2).orElseThrow());
			EntryDetails odd = OsgiServices.with(Library.class, l -> l.details(3).orElseThrow());
			assertEquals(IntegrityLevel.GOLD, even.entry().integrityLevel(), even.gold().toString());
			assertEquals(IntegrityLevel.SILVER, odd.entry().integrityLevel(), "3 BPM apart: enriched, not Gold");
			assertFalse(odd.gold().gold());
			assertEquals(new OnlineValues(123.0, "spotify", TrackAnswer.camelot(3, false), "spotify", 183, "spotify"),
					odd.entry().online(), "Spotify, the richest, comes first");
			List<String> answered = odd.answers().stream().map(OnlineAnswer::provider).toList();
			if (services.requestsOf("spotify").stream().noneMatch(r -> r.status() == 429)) {
				assertEquals(List.of("spotify"), answered,
						"Spotify told BPM, key and duration: nothing was left for Deezer to fill in");
			} else {
				// While a 429 kept Spotify's breaker open, the engine may have asked Deezer for the
				// track meanwhile; Spotify's answer came too, and its values are the online ones.
				assertTrue(answered.contains("spotify"), answered.toString());
			}
			assertEquals("sp3", odd.answers().stream().filter(a -> a.provider().equals("spotify")).findFirst().orElseThrow()
					.providerTrackId());
			assertTrue(odd.history().stream().anyMatch(h -> h.field().equals("BPM") && h.newValue().equals("123.0")
					&& h.source() == MetadataSource.ONLINE_PROVIDER && "spotify".equals(h.provider())), odd.history().toString());
			return null;
		});
	}

	@Test
	void theProviderOrderDecidesWhoseValueIsTheOnlineOneAndTheUserSetsIt() {
		// Spotify's audio features closed: it finds tracks with their durations, Deezer fills in the BPM.
		services.audioFeaturesForbidden = true;
		withStore(store -> {
			EnrichmentEngine engine = new EnrichmentEngine(store, providers(), Duration.ofMillis(500));
			assertEquals(List.of("spotify", "deezer"), engine.providerOrder(), "by default the richest first");
			engine.queue(ids(20));
			engine.run(null, 0, new NullProgressMonitor());
			LibraryEntry before = OsgiServices.with(Library.class, l -> l.entry(4).orElseThrow());
			assertEquals("deezer", before.online().bpmProvider(), "the only BPM is Deezer's");
			assertEquals("spotify", before.online().durationProvider(), "both know the duration: Spotify comes first");

			int changed = engine.chooseProviderOrder(List.of("deezer"));
			assertEquals(List.of("deezer", "spotify"), engine.providerOrder());
			assertEquals(List.of("deezer", "spotify"), engine.providers().stream().map(ProviderState::id).toList());
			assertEquals(20, changed, "every entry both answered resolved anew");
			LibraryEntry after = OsgiServices.with(Library.class, l -> l.entry(4).orElseThrow());
			assertEquals("deezer", after.online().durationProvider(), "Deezer first now gives the duration");
			assertEquals(List.of("deezer", "spotify"), OsgiServices.with(Library.class,
					l -> l.details(4).orElseThrow().answers().stream().map(OnlineAnswer::provider).toList()));

			// Kept in the database: a new process sees the user's order.
			EnrichmentEngine restarted = new EnrichmentEngine(store, providers(), Duration.ofMillis(500));
			assertEquals(List.of("deezer", "spotify"), restarted.providerOrder());
			restarted.chooseProviderOrder(List.of());
			assertEquals(List.of("spotify", "deezer"), restarted.providerOrder(), "back to the default");
			assertEquals("spotify",
					OsgiServices.with(Library.class, l -> l.entry(4).orElseThrow()).online().durationProvider());

			ActionableException unknown = org.junit.jupiter.api.Assertions.assertThrows(ActionableException.class,
					() -> restarted.chooseProviderOrder(List.of("beatport")));
			assertTrue(unknown.getMessage().contains("beatport"), unknown.getMessage());
			return null;
		});
	}

	/** No network: one provider at a port nobody listens on, the other at a name that does not resolve. */
	@Test
	void withoutANetworkARunStopsAtOnceAndSaysWhy() {
		withStore(store -> {
			URI refused = URI.create("http://127.0.0.1:" + closedPort());
			URI unresolved = URI.create("http://orbit-offline.invalid");
			EnrichmentEngine engine = new EnrichmentEngine(store, List.of(
					new SpotifyProvider(unresolved, unresolved, LIMIT, Duration.ofSeconds(1)),
					new DeezerProvider(refused, LIMIT, Duration.ofSeconds(1))), Duration.ofSeconds(30));
			engine.queue(ids(50));
			long started = System.nanoTime();
			EnrichmentReport report = engine.run(null, 0, new NullProgressMonitor());
			double seconds = (System.nanoTime() - started) / 1e9;
			assertTrue(seconds < 15, "ended in " + seconds + " s");
			assertEquals(50, report.stillQueued(), "nothing is lost: every entry waits for the next run");
			String why = report.stoppedBecause();
			assertNotNull(why, report.toString());
			assertTrue(why.contains("spotify: no network: orbit-offline.invalid cannot be resolved"), why);
			assertTrue(why.contains("deezer: 127.0.0.1 refused the connection"), why);
			assertFalse(why.contains("null"), why);
			assertEquals(2, report.faults(), "each unreachable provider counted once: " + report);
			for (ProviderState state : engine.providers()) {
				assertTrue(state.degraded(Instant.now()), state.toString());
				assertTrue(state.describe(Instant.now()).contains(state.id().equals("spotify") ? "cannot be resolved"
						: "refused the connection"), state.describe(Instant.now()));
			}
			return null;
		});
	}

	@Test
	void aProviderWithoutCredentialsSaysSoAndIsSkipped() {
		String id = System.clearProperty("orbit.spotify.client-id");
		try {
			withStore(store -> {
				EnrichmentEngine engine = new EnrichmentEngine(store,
						List.of(new SpotifyProvider(services.uri(), services.uri(), LIMIT, Duration.ofSeconds(1))),
						Duration.ofMillis(500));
				ProviderState spotify = engine.providers().get(0);
				assertTrue(spotify.describe(Instant.now()).startsWith("needs credentials"), spotify.toString());
				engine.queue(ids(5));
				EnrichmentReport report = engine.run(null, 0, new NullProgressMonitor());
				assertEquals(0, services.count("spotify"), "nothing was asked");
				assertTrue(report.stoppedBecause().startsWith("spotify: needs credentials"), report.toString());
				return null;
			});
		} finally {
			System.setProperty("orbit.spotify.client-id", id);
		}
	}

	/** A loopback port nobody listens on: a connection there is refused at once. */
	static int closedPort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void a403OnAudioFeaturesSwitchesThatOffAndTheRestCompletes() {
		services.audioFeaturesForbidden = true;
		withStore(store -> {
			EnrichmentEngine engine = new EnrichmentEngine(store, providers(), Duration.ofMillis(500));
			engine.queue(ids(300));
			EnrichmentReport report = engine.run(null, 0, new NullProgressMonitor());
			assertEquals(300, report.found());
			assertEquals(1, services.count("spotify", "/v1/audio-features"), "one 403, then never asked again");
			ProviderState spotify = state(engine, "spotify");
			assertEquals(java.util.Set.of(Capability.AUDIO_FEATURES), spotify.disabled());
			EntryDetails details = OsgiServices.with(Library.class, l -> l.details(5).orElseThrow());
			LibraryEntry entry = details.entry();
			assertEquals(185, entry.online().durationSeconds(), "the tracks are still found, with their durations");
			assertEquals("spotify", entry.online().durationProvider());
			assertNull(entry.online().musicalKey());
			// Spotify has no tempo without audio features: the BPM is Deezer's, and named so everywhere.
			assertEquals("deezer", entry.online().bpmProvider());
			assertNull(details.answers().get(0).bpm(), "Spotify's answer holds no BPM");
			assertTrue(details.history().stream().filter(h -> h.field().equals("BPM"))
					.allMatch(h -> "deezer".equals(h.provider())), details.history().toString());

			// Persisted: a new process (a new engine) keeps it off.
			EnrichmentEngine restarted = new EnrichmentEngine(store, providers(), Duration.ofMillis(500));
			assertEquals(java.util.Set.of(Capability.AUDIO_FEATURES), state(restarted, "spotify").disabled());
			restarted.queue(List.of(301L, 302L));
			restarted.run(null, 0, new NullProgressMonitor());
			assertEquals(1, services.count("spotify", "/v1/audio-features"));
			return null;
		});
	}

	@Test
	void everyFaultIsSurvivedNoRequestGoesOutWhileABreakerIsOpenAndARestartResumes() {
		withStore(store -> {
			EnrichmentEngine engine = new EnrichmentEngine(store, providers(), Duration.ofMillis(500));
			engine.queue(ids(400));
			services.inject("spotify", Fault.TOO_MANY_REQUESTS, 1);
			services.inject("deezer", Fault.QUOTA_IN_200, 1);
			EnrichmentReport first = engine.run(null, 100, new NullProgressMonitor());
			assertEquals(100, first.found() + first.notFound());
			services.inject("spotify", Fault.STATUS_500, 4);
			services.inject("deezer", Fault.STATUS_500, 4);
			services.inject("spotify", Fault.SLOW, 2);
			services.inject("spotify", Fault.MALFORMED, 2);
			services.inject("deezer", Fault.MALFORMED, 2);
			EnrichmentReport second = engine.run(null, 100, new NullProgressMonitor());
			assertEquals(100, second.found() + second.notFound());
			assertTrue(second.faults() > 0, second.toString());

			// Restart: a new engine on the same library finishes the queue.
			EnrichmentEngine restarted = new EnrichmentEngine(store, providers(), Duration.ofMillis(500));
			EnrichmentReport rest = restarted.run(null, 0, new NullProgressMonitor());
			assertEquals(200, rest.found());
			assertEquals(0, restarted.queueSize());

			assertTrue(services.requestsOf("spotify").stream().anyMatch(r -> r.status() == 429));
			assertNoRequestWhileOpen();
			return null;
		});
	}

	@Test
	void theBackgroundWorkerDrainsTheQueueThroughTheInstalledProviders() throws Exception {
		OsgiServices.withHome(home, Library.class, library -> {
			fill(library, 120);
			return OsgiServices.with(Enrichment.class, enrichment -> {
				assertEquals(List.of("deezer", "spotify"), enrichment.providers().stream().map(ProviderState::id).sorted().toList());
				for (long id = 1; id <= 120; id++) {
					enrichment.lookup(id);
				}
				assertEquals(0, services.requests().size());
				enrichment.schedule();
				try {
					Job.getJobManager().join(Enrichment.JOB_FAMILY, null);
				} catch (InterruptedException e) {
					throw new AssertionError(e);
				}
				assertEquals(0, enrichment.queueSize());
				assertEquals(IntegrityLevel.GOLD, library.entry(2).orElseThrow().integrityLevel());
				Instant now = Instant.now();
				assertTrue(enrichment.providers().stream().noneMatch(p -> p.degraded(now)));
				return null;
			});
		});
	}

	@Test
	void anInstalledProviderTakesItsSettingsFromConfigurationAdmin() {
		OsgiServices.withHome(home, Library.class, library -> OsgiServices.with(Enrichment.class, enrichment -> {
			RateLimit documented = new RateLimit(50, Duration.ofSeconds(5));
			assertEquals(documented, installed("deezer").rateLimit(), "the default is Deezer's documented limit");
			try {
				OsgiServices.configure(DeezerProvider.PID, Map.of("requests", 7, "window-ms", 700));
				OsgiServices.await("Deezer restarted with the configured rate limit",
						() -> installedWith("deezer", new RateLimit(7, Duration.ofMillis(700))));
				assertEquals(List.of("deezer", "spotify"), enrichment.providers().stream().map(ProviderState::id).sorted()
						.toList(), "the engine took the restarted provider back");
			} finally {
				OsgiServices.configure(DeezerProvider.PID, null);
			}
			OsgiServices.await("Deezer back on its defaults", () -> installedWith("deezer", documented));
			return null;
		}));
	}

	/**
	 * Whether the provider of that id is installed with that rate limit: while Configuration Admin
	 * restarts it, it is briefly not installed at all, which is not yet.
	 */
	static boolean installedWith(String id, RateLimit limit) {
		try {
			return installed(id).rateLimit().equals(limit);
		} catch (AssertionError notInstalledNow) {
			return false;
		}
	}

	/** The installed (DS) provider of that id, as the engine sees it. */
	static EnrichmentProvider installed(String id) {
		BundleContext context = OsgiServices.context();
		try {
			for (ServiceReference<EnrichmentProvider> reference : context.getServiceReferences(EnrichmentProvider.class, null)) {
				EnrichmentProvider provider = context.getService(reference);
				try {
					if (provider != null && provider.id().equals(id)) {
						return provider;
					}
				} finally {
					context.ungetService(reference);
				}
			}
		} catch (InvalidSyntaxException e) {
			throw new AssertionError(e);
		}
		throw new AssertionError("no installed provider " + id);
	}

	/** After every 429 (Retry-After 1 s) the next request to that service came at least 1 s later. */
	static void assertNoRequestWhileOpen() {
		List<Request> sent = services.requestsOf("spotify");
		for (int i = 0; i + 1 < sent.size(); i++) {
			if (sent.get(i).status() == 429) {
				long gapMillis = (sent.get(i + 1).nanos() - sent.get(i).nanos()) / 1_000_000;
				assertTrue(gapMillis >= 950, "a request " + gapMillis + " ms after a 429 with Retry-After 1 s");
			}
		}
	}

	static ProviderState state(Enrichment engine, String id) {
		return engine.providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
	}
}
