package orbit.enrichment.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.EnrichmentReport;
import orbit.enrichment.RateLimit;
import orbit.enrichment.TrackAnswer;
import orbit.enrichment.deezer.internal.DeezerProvider;
import orbit.enrichment.internal.EnrichmentEngine;
import orbit.enrichment.spotify.internal.SpotifyProvider;
import orbit.library.Library;
import orbit.library.OnlineMetadataStore;
import orbit.library.TrackInput;
import orbit.tests.support.FakeMusicServices;
import orbit.tests.support.FakeMusicServices.Recording;
import orbit.tests.support.OsgiServices;

/**
 * Enriching 2,000 tracks against loopback fakes of Spotify and Deezer that enforce a rolling
 * window: the run's time beside the least time the window allows for the requests it needed,
 * and the requests beside one request per track and capability. Median of three runs.
 */
class EnrichmentBenchmark {

	static final int TRACKS = 2000;
	static final int RUNS = 3;
	/** Short, as tests need, yet longer than loopback round trips: the window, not latency, bounds the run. */
	static final RateLimit LIMIT = new RateLimit(100, Duration.ofMillis(1000));

	@TempDir
	Path work;

	@Test
	void twoThousandTracksAgainstTheRateLimit() throws Exception {
		System.setProperty("orbit.spotify.client-id", "bench-client");
		System.setProperty("orbit.spotify.client-secret", "bench-secret");
		List<Double> ratios = new ArrayList<>(), seconds = new ArrayList<>(), minimums = new ArrayList<>();
		long requests = 0, limited = 0;
		try (FakeMusicServices services = new FakeMusicServices()) {
			for (int i = 1; i <= TRACKS; i++) {
				services.add(new Recording("sp" + i, "Artist " + i, "Title " + i, 180 + i % 60, 120 + i % 10, i % 12,
						i % 2 == 0, String.format(Locale.ROOT, "GBBEN26%05d", i)));
			}
			services.rateLimit(LIMIT.requests(), LIMIT.window().toMillis(), 1);
			for (int run = 0; run < RUNS; run++) {
				services.resetCounts();
				Path home = work.resolve("home-" + run);
				EnrichmentReport report = OsgiServices.withHome(home, OnlineMetadataStore.class,
						store -> OsgiServices.with(Library.class, library -> {
							List<TrackInput> inputs = new ArrayList<>();
							for (int i = 1; i <= TRACKS; i++) {
								inputs.add(new TrackInput("/music/" + i + ".flac", 30_000_000, "Title " + i, "Artist " + i,
										"Album", "flac", 900, 180 + i % 60, 120.0 + i % 10, TrackAnswer.camelot(i % 12, i % 2 == 0)));
							}
							library.addTracks(inputs);
							List<EnrichmentProvider> providers = List.of(
									new SpotifyProvider(services.uri(), services.uri(), LIMIT, Duration.ofSeconds(2)),
									new DeezerProvider(services.uri(), LIMIT, Duration.ofSeconds(2)));
							EnrichmentEngine engine = new EnrichmentEngine(store, providers, Duration.ofSeconds(1));
							engine.queue(LongStream.rangeClosed(1, TRACKS).boxed().toList());
							long start = System.nanoTime();
							EnrichmentReport r = engine.run(null, 0, new NullProgressMonitor());
							seconds.add((System.nanoTime() - start) / 1e9);
							return r;
						}));
				if (report.found() != TRACKS) {
					throw new AssertionError("not every track was enriched: " + report);
				}
				double minimum = LIMIT.minimumTime(report.requests()).toMillis() / 1000.0;
				minimums.add(minimum);
				ratios.add(seconds.get(run) / minimum);
				requests = report.requests();
				limited += services.requests().stream().filter(r -> r.status() == 429).count();
			}
		}
		StringBuilder t = new StringBuilder();
		t.append(String.format(Locale.ROOT, "=== Enrichment: %,d tracks, Spotify + Deezer fakes at %d requests per %d ms, "
				+ "median of %d runs ===%n", TRACKS, LIMIT.requests(), LIMIT.window().toMillis(), RUNS));
		t.append(String.format(Locale.ROOT, "%-40s %8.2f s%n", "ORBIT run", median(seconds)));
		t.append(String.format(Locale.ROOT, "%-40s %8.2f s%n", "least time the window allows", median(minimums)));
		t.append(String.format(Locale.ROOT, "%-40s %8.2fx  (goal <= 1.10x)%n", "ORBIT / least time", median(ratios)));
		t.append(String.format(Locale.ROOT, "%-40s %8d%n", "requests sent (last run)", requests));
		t.append(String.format(Locale.ROOT, "%-40s %8d%n", "one request per track and capability", TRACKS * 2));
		t.append(String.format(Locale.ROOT, "%-40s %8d%n", "429 answers over all runs", limited));
		t.append("=== end\n");
		System.out.print(t);
	}

	static double median(List<Double> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}
}
