package orbit.upgrade.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.audio.Pcm;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProgress;
import orbit.library.TrackInput;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;
import orbit.upgrade.RunOutcome;
import orbit.upgrade.Upgrades;

/**
 * 100 Gold MP3s upgraded to FLAC (find, then run: the audio verdicts, the pre-flight, the
 * journaled swaps with their tags and the library's records) beside the floor of the same work
 * done bare: copying and fsyncing the same FLACs, plus the audio analysis a verdict needs
 * (decoding both files, the lossless verdict, the alignment). Then matching 1,000 candidates
 * against a 10,000-entry library by tags and length. Medians of three runs, alternating.
 */
class UpgradeBenchmark {

	static final int TRACKS = 100;
	static final int RUNS = 3;
	static final int ENTRIES = 10_000;
	static final int CANDIDATES = 1_000;

	@TempDir
	Path work;

	@Test
	void upgradesBesideTheirFloorAndMatchingBesideALibrary() throws Exception {
		Path corpus = generated();
		List<Double> ours = new ArrayList<>(), finds = new ArrayList<>(), floor = new ArrayList<>(), copies = new ArrayList<>();
		List<Runnable> order = new ArrayList<>(List.of(() -> {
			double[] orbit = orbit(corpus);
			finds.add(orbit[0]);
			ours.add(orbit[0] + orbit[1]);
		}, () -> {
			double[] bare = floor(corpus);
			copies.add(bare[0]);
			floor.add(bare[0] + bare[1]);
		}));
		for (int run = 0; run < RUNS; run++) {
			Collections.rotate(order, 1);
			order.forEach(Runnable::run);
		}
		double matching = matching(corpus);
		StringBuilder t = new StringBuilder();
		t.append(String.format(Locale.ROOT, "=== Upgrade: %d MP3 -> FLAC upgrades of 10 s tracks, median of %d runs ===%n",
				TRACKS, RUNS));
		t.append(String.format(Locale.ROOT, "%-40s %7.2f s   (find %.2f s)%n", "ORBIT upgrade find + run", median(ours),
				median(finds)));
		t.append(String.format(Locale.ROOT, "%-40s %7.2f s   (copy + fsync %.2f s)%n",
				"floor: copy + fsync + audio analysis", median(floor), median(copies)));
		t.append(String.format(Locale.ROOT, "%-40s %7.2fx  (goal <= 1.5x)%n", "ORBIT / floor", median(ours) / median(floor)));
		t.append(String.format(Locale.ROOT, "%-40s %7.2f s   %.2f ms per candidate%n",
				"matching 1,000 candidates, 10,000 entries", matching, matching * 1000 / CANDIDATES));
		t.append("=== end ===\n");
		System.out.print(t);
	}

	/** A fresh library of the 100 MP3s, all Gold, and the FLACs in an incoming folder; times find, and run. */
	private double[] orbit(Path corpus) {
		try {
			Path home = Files.createTempDirectory(work, "orbit");
			Path music = copyAll(corpus.resolve("mp3"), Files.createDirectories(home.resolve("music")));
			Path incoming = copyAll(corpus.resolve("flac"), Files.createDirectories(home.resolve("incoming")));
			return OsgiServices.withHome(home, Library.class, library -> OsgiServices.with(Upgrades.class, upgrades -> {
				library.scan(music, ScanProgress.NONE);
				for (LibraryEntry e : library.findEntries(null, null, 0, TRACKS)) {
					library.override(e.id(), null, null, true);
				}
				long start = System.nanoTime();
				List<UpgradeCandidate> found = upgrades.find(List.of(incoming), ScanProgress.NONE);
				long judged = System.nanoTime();
				List<RunOutcome> done = upgrades.run(List.of(), false, false);
				double[] seconds = { (judged - start) / 1e9, (System.nanoTime() - judged) / 1e9 };
				long ready = found.stream().filter(c -> c.state() == UpgradeState.READY).count();
				long upgraded = done.stream().filter(o -> o.kind() == RunOutcome.Kind.UPGRADED).count();
				if (ready != TRACKS || upgraded != TRACKS) {
					throw new AssertionError(ready + " ready, " + upgraded + " upgraded of " + TRACKS + ": " + found);
				}
				return seconds;
			}));
		} catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	/** The same work bare: each FLAC copied and fsynced, and the analysis of each pair. */
	private double[] floor(Path corpus) {
		try {
			Path target = Files.createTempDirectory(work, "floor");
			long start = System.nanoTime();
			for (int i = 0; i < TRACKS; i++) {
				Path copy = Files.copy(corpus.resolve("flac/" + i + ".flac"), target.resolve(i + ".flac"));
				try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
					channel.force(true);
				}
			}
			try (FileChannel dir = FileChannel.open(target, StandardOpenOption.READ)) {
				dir.force(true);
			}
			double copying = (System.nanoTime() - start) / 1e9;
			double analysing = OsgiServices.with(AudioDecoder.class, decoder -> OsgiServices.with(AudioAnalysis.class, a -> {
				long begin = System.nanoTime();
				try {
					for (int i = 0; i < TRACKS; i++) {
						Pcm mp3 = decoder.decode(corpus.resolve("mp3/" + i + ".mp3"));
						Pcm flac = decoder.decode(corpus.resolve("flac/" + i + ".flac"));
						a.verdict(flac);
						a.align(mp3, flac);
					}
				} catch (Exception e) {
					throw new AssertionError(e);
				}
				return (System.nanoTime() - begin) / 1e9;
			}));
			return new double[] { copying, analysing };
		} catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	/**
	 * 1,000 tagged FLACs judged against 10,000 entries that name them but have no files: the
	 * matching (walk, probe, tags, the library's query, the length) without the audio comparison.
	 */
	private double matching(Path corpus) throws Exception {
		Path home = Files.createTempDirectory(work, "matching");
		Path incoming = Files.createDirectories(home.resolve("incoming"));
		ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
		List<Future<?>> made = new ArrayList<>();
		for (int i = 0; i < CANDIDATES; i++) {
			int n = i;
			made.add(pool.submit(() -> {
				Path file = Files.copy(corpus.resolve("flac/" + (n % TRACKS) + ".flac"), incoming.resolve(n + ".flac"));
				Commands.run("metaflac", "--remove-all-tags", "--set-tag=ARTIST=Artist " + n, "--set-tag=TITLE=Title " + n,
						file.toString());
				return null;
			}));
		}
		for (Future<?> f : made) {
			f.get();
		}
		pool.shutdown();
		return OsgiServices.withHome(home, Library.class, library -> OsgiServices.with(Upgrades.class, upgrades -> {
			List<TrackInput> entries = new ArrayList<>();
			for (int i = 0; i < ENTRIES; i++) {
				entries.add(new TrackInput("/music/" + i + ".mp3", 200_000, "Title " + i, "Artist " + i, "Album", "mp3", 192,
						10, null, null));
			}
			library.addTracks(entries);
			long start = System.nanoTime();
			List<UpgradeCandidate> judged = upgrades.find(List.of(incoming), ScanProgress.NONE);
			double seconds = (System.nanoTime() - start) / 1e9;
			long matched = judged.stream().filter(c -> c.entryId() != null).count();
			if (matched != CANDIDATES) {
				throw new AssertionError(matched + " of " + CANDIDATES + " matched");
			}
			return seconds;
		}));
	}

	private static Path copyAll(Path from, Path to) throws IOException {
		try (var files = Files.list(from)) {
			for (Path file : files.toList()) {
				Files.copy(file, to.resolve(file.getFileName()));
			}
		}
		return to;
	}

	/** 100 different 10-second recordings as tagged 192 kbps MP3s and FLACs, made once in the target folder. */
	private static Path generated() throws Exception {
		Path root = Path.of(System.getProperty("orbit.test.output", "target")).resolve("upgrade-100");
		if (Files.exists(root.resolve(".complete"))) {
			return root;
		}
		Files.createDirectories(root.resolve("mp3"));
		Files.createDirectories(root.resolve("flac"));
		ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
		List<Future<?>> made = new ArrayList<>();
		for (int i = 0; i < TRACKS; i++) {
			int n = i;
			made.add(pool.submit(() -> {
				Path wav = root.resolve(n + ".wav");
				Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", "10", "whitenoise",
						"sine", (100 + n * 7) + "-" + (3000 + n * 53), "tremolo", Integer.toString(2 + n % 5), "70", "gain", "-4");
				Commands.run("lame", "--quiet", "-b", "192", "--ta", "Artist " + n, "--tt", "Title " + n, wav.toString(),
						root.resolve("mp3/" + n + ".mp3").toString());
				Commands.run("flac", "-s", "-f", "-T", "ARTIST=Artist " + n, "-T", "TITLE=Title " + n, "-o",
						root.resolve("flac/" + n + ".flac").toString(), wav.toString());
				Files.delete(wav);
				return null;
			}));
		}
		for (Future<?> f : made) {
			f.get();
		}
		pool.shutdown();
		Files.createFile(root.resolve(".complete"));
		return root;
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}
}
