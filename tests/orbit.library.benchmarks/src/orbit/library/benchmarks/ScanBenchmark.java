package orbit.library.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.library.Library;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/**
 * The library's scan beside exiftool and python3-mutagen on one generated 10,000-file tree
 * (5,000 FLAC and 5,000 MP3, each with its own tags), the unchanged rescan, and inspector
 * lookups on a 100,000-entry database. Medians of three runs, tools alternating.
 */
class ScanBenchmark {

	static final int FILES = 10_000;
	static final int RUNS = 3;
	static final int ENTRIES = 100_000;
	static final int LOOKUPS = 20_000;
	static final String[] KEYS = { "1A", "2A", "3A", "4A", "5A", "6A", "7A", "8A", "9A", "10A", "11A", "12A", "1B", "8B" };

	/** The Debian packages' python (python3-mutagen), not whatever python3 comes first on PATH. */
	static final String PYTHON = "/usr/bin/python3";
	static final String MUTAGEN_READ = String.join("\n", "import os, sys, mutagen", "n = 0",
			"for root, dirs, files in os.walk(sys.argv[1]):", "    for name in files:",
			"        if name.endswith(('.flac', '.mp3')):", "            f = mutagen.File(os.path.join(root, name))",
			"            values = [f.info.length, getattr(f.info, 'bitrate', 0)]", "            t = f.tags",
			"            if t is not None:",
			"                for k in ('TIT2', 'TPE1', 'TALB', 'TBPM', 'TKEY', 'title', 'artist', 'album', 'bpm', 'initialkey'):",
			"                    try:", "                        values.append(t.get(k))", "                    except Exception:",
			"                        pass", "            n += 1", "print(n)");

	@TempDir
	Path work;

	static final Logger JAUDIOTAGGER = Logger.getLogger("org.jaudiotagger");

	@Test
	void scanBesideExiftoolAndMutagen() throws Exception {
		JAUDIOTAGGER.setLevel(Level.OFF);
		Path tree = generated();
		List<Double> ours = new ArrayList<>(), rescans = new ArrayList<>(), mutagen = new ArrayList<>(),
				exiftool = new ArrayList<>();
		for (int run = 0; run < RUNS; run++) {
			List<Runnable> order = new ArrayList<>(List.of(() -> ours.add(orbitScan(tree, rescans)),
					() -> mutagen.add(tool(PYTHON, "-c", MUTAGEN_READ, tree.toString())),
					() -> exiftool.add(tool("exiftool", "-fast", "-json", "-r", "-Artist", "-Title", "-Album", "-BPM",
							"-InitialKey", "-Duration", "-AudioBitrate", "-ext", "flac", "-ext", "mp3", tree.toString()))));
			java.util.Collections.rotate(order, run);
			order.forEach(Runnable::run);
		}
		double[] byId = new double[LOOKUPS], byPath = new double[LOOKUPS];
		lookups(byId, byPath);

		StringBuilder t = new StringBuilder();
		t.append(String.format(Locale.ROOT, "=== Library scan: %,d files (5,000 FLAC + 5,000 MP3), median of %d runs ===%n",
				FILES, RUNS));
		t.append(String.format(Locale.ROOT, "%-28s %8.0f files/s%n", "ORBIT full scan", median(ours)));
		t.append(String.format(Locale.ROOT, "%-28s %8.2f s   (goal < 2 s)%n", "ORBIT rescan, unchanged", median(rescans)));
		t.append(String.format(Locale.ROOT, "%-28s %8.0f files/s%n", "python3-mutagen", median(mutagen)));
		t.append(String.format(Locale.ROOT, "%-28s %8.0f files/s%n", "exiftool -fast", median(exiftool)));
		t.append(String.format(Locale.ROOT, "%-28s %8.2fx   (goal >= 2x)%n", "ORBIT / mutagen", median(ours) / median(mutagen)));
		t.append(String.format(Locale.ROOT, "%-28s %8.2fx%n", "ORBIT / exiftool", median(ours) / median(exiftool)));
		t.append(String.format(Locale.ROOT, "%-28s p50 %.3f ms  p99 %.3f ms  (goal p99 < 1 ms)%n",
				"lookup by id (100,000)", percentile(byId, 50), percentile(byId, 99)));
		t.append(String.format(Locale.ROOT, "%-28s p50 %.3f ms  p99 %.3f ms%n", "lookup by path (100,000)",
				percentile(byPath, 50), percentile(byPath, 99)));
		t.append("=== end\n");
		System.out.print(t);
	}

	/** Files per second of a full scan into an empty library; the unchanged rescan's seconds go to {@code rescans}. */
	private double orbitScan(Path tree, List<Double> rescans) {
		Path home = work.resolve("home-" + System.nanoTime());
		return OsgiServices.withHome(home, Library.class, library -> {
			long start = System.nanoTime();
			ScanReport full = library.scan(tree, ScanProgress.NONE);
			double seconds = (System.nanoTime() - start) / 1e9;
			check(full.added() == FILES && full.problems().isEmpty(), "full scan: " + full);
			start = System.nanoTime();
			ScanReport again = library.scan(tree, ScanProgress.NONE);
			rescans.add((System.nanoTime() - start) / 1e9);
			check(again.unchanged() == FILES, "rescan: " + again);
			return FILES / seconds;
		});
	}

	private double tool(String... command) {
		try {
			long start = System.nanoTime();
			Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.redirectError(ProcessBuilder.Redirect.INHERIT).start();
			check(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0, command[0] + " failed");
			return FILES / ((System.nanoTime() - start) / 1e9);
		} catch (IOException e) {
			throw new AssertionError(command[0] + ": " + e.getMessage() + " (install it: apt-get install "
					+ (command[0].contains("python") ? "python3-mutagen" : "libimage-exiftool-perl") + ")", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	private void lookups(double[] byId, double[] byPath) {
		Path home = work.resolve("lookups");
		OsgiServices.withHome(home, Library.class, library -> {
			for (int from = 0; from < ENTRIES; from += 5000) {
				List<TrackInput> batch = new ArrayList<>();
				for (int i = from; i < from + 5000; i++) {
					batch.add(new TrackInput("/music/" + (i / 1000) + "/track-" + i + ".flac", 30_000_000, "Title " + i,
							"Artist " + (i % 5000), "Album " + (i % 800), "flac", 900, 200 + i % 200, 100.0 + i % 60,
							KEYS[i % KEYS.length]));
				}
				library.addTracks(batch);
			}
			Random random = new Random(3);
			for (int i = 0; i < 2000; i++) {
				library.entry(1 + random.nextInt(ENTRIES));
			}
			for (int i = 0; i < LOOKUPS; i++) {
				long id = 1 + random.nextInt(ENTRIES);
				long start = System.nanoTime();
				check(library.entry(id).isPresent(), "entry " + id);
				byId[i] = (System.nanoTime() - start) / 1e6;
				int n = random.nextInt(ENTRIES);
				Path path = Path.of("/music/" + (n / 1000) + "/track-" + n + ".flac");
				start = System.nanoTime();
				check(library.entryAt(path).isPresent(), "entry at " + path);
				byPath[i] = (System.nanoTime() - start) / 1e6;
			}
			return null;
		});
	}

	/** The 10,000-file tree, made once and kept in the module's target folder. */
	private static Path generated() throws Exception {
		Path root = Path.of(System.getProperty("orbit.test.output", "target")).resolve("library-10k");
		Path done = root.resolve(".complete");
		if (Files.exists(done)) {
			return root.resolve("music");
		}
		Path seeds = Files.createDirectories(root.resolve("seeds"));
		Path tone = seeds.resolve("tone.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", tone.toString(), "synth", "3", "sine", "440");
		Commands.run("flac", "-s", "-f", "-o", seeds.resolve("seed.flac").toString(), tone.toString());
		Commands.run("lame", "--quiet", "-b", "192", tone.toString(), seeds.resolve("seed.mp3").toString());
		Path music = root.resolve("music");
		ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
		List<Future<?>> made = new ArrayList<>();
		for (int i = 0; i < FILES; i++) {
			int n = i;
			made.add(pool.submit(() -> {
				String ext = n % 2 == 0 ? "flac" : "mp3";
				Path dir = Files.createDirectories(music.resolve(String.format(Locale.ROOT, "folder-%03d", n % 100)));
				Path file = dir.resolve(String.format(Locale.ROOT, "track-%05d.%s", n, ext));
				Files.copy(seeds.resolve("seed." + ext), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				AudioFile audio = AudioFileIO.read(file.toFile());
				Tag tag = audio.getTagOrCreateAndSetDefault();
				tag.setField(FieldKey.ARTIST, "Artist " + (n % 700));
				tag.setField(FieldKey.TITLE, "Title " + n);
				tag.setField(FieldKey.ALBUM, "Album " + (n % 900));
				tag.setField(FieldKey.BPM, Integer.toString(90 + n % 60));
				tag.setField(FieldKey.KEY, KEYS[n % KEYS.length]);
				audio.commit();
				return null;
			}));
		}
		for (Future<?> f : made) {
			f.get();
		}
		pool.shutdown();
		Files.createFile(done);
		return music;
	}


	static void check(boolean ok, String what) {
		if (!ok) {
			throw new AssertionError(what);
		}
	}

	static double median(List<Double> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

	static double percentile(double[] values, int p) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
	}
}
