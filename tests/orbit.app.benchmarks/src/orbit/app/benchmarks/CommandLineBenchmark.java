package orbit.app.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.tests.support.ProductProcess;

/**
 * The command line as a user runs it: every figure is a whole process (the materialized product's
 * launcher script, or Debian's beets and python3-mutagen), started from here and timed from start to
 * exit. On one generated 10,000-file tree (5,000 FLAC and 5,000 MP3, each tagged with artist, title,
 * album, BPM and key), scanned once by ORBIT and imported once by beets 1.6 with autotagging off, the
 * short commands beside beets' own; then a whole-process scan of 2,000 of those files beside
 * python3-mutagen reading the same tags. Medians of five runs, the commands interleaved (each run in
 * another order).
 */
class CommandLineBenchmark {

	static final int FILES = 10_000;
	static final int FOLDERS = 100;
	/** The scan's tree: the first 20 folders (10 of FLAC, 10 of MP3), 2,000 files. */
	static final int SMALL_FOLDERS = 20;
	static final int SMALL = FILES / FOLDERS * SMALL_FOLDERS;
	static final int RUNS = 5;
	static final String[] KEYS = { "1A", "2A", "3A", "4A", "5A", "6A", "7A", "8A", "9A", "10A", "11A", "12A", "1B", "8B" };
	/** The track both sides show in detail: the same file. */
	static final String PROBE_TITLE = "Title 5000";

	/** Debian's beets and python (python3-mutagen, python3-beets), not whatever comes first on PATH. */
	static final String BEET = "/usr/bin/beet";
	static final String PYTHON = "/usr/bin/python3";
	/** Longer than this, {@code beet import} is stopped and the library filled through beets' python API. */
	static final long IMPORT_LIMIT_SECONDS = 300;

	static final String MUTAGEN_READ = String.join("\n", "import os, sys, mutagen", "n = 0",
			"for root, dirs, files in os.walk(sys.argv[1]):", "    for name in files:",
			"        if name.endswith(('.flac', '.mp3')):", "            f = mutagen.File(os.path.join(root, name))",
			"            values = [f.info.length, getattr(f.info, 'bitrate', 0)]", "            t = f.tags",
			"            if t is not None:",
			"                for k in ('TIT2', 'TPE1', 'TALB', 'TBPM', 'TKEY', 'title', 'artist', 'album', 'bpm', 'initialkey'):",
			"                    try:", "                        values.append(t.get(k))", "                    except Exception:",
			"                        pass", "            n += 1", "print(n)");

	/**
	 * Beets' own way of adding a file (what the import does once autotagging is off), in one transaction;
	 * Debian keeps beets' modules beside the script {@code /usr/bin/beet} links to, not on python's path.
	 */
	static final String BEETS_FILL = String.join("\n", "import os, sys",
			"sys.path.insert(0, os.path.dirname(os.path.realpath('" + BEET + "')))",
			"from beets.library import Library, Item",
			"lib = Library(sys.argv[1], directory=sys.argv[2])", "n = 0", "with lib.transaction():",
			"    for root, dirs, files in sorted(os.walk(sys.argv[2])):", "        for name in sorted(files):",
			"            if name.endswith(('.flac', '.mp3')):",
			"                lib.add(Item.from_path(os.path.join(root, name)))", "                n += 1", "print(n)");

	static final Logger JAUDIOTAGGER = Logger.getLogger("org.jaudiotagger");

	@TempDir
	Path work;

	/** A command to start: its arguments and what it adds to the environment. */
	record Command(String label, List<String> argv, Map<String, String> environment) {

		Command relabel(String another) {
			return new Command(another, argv, environment);
		}
	}

	/** One row's commands, one per run (a fresh data directory is made in {@code next}), and their times. */
	static final class Series {
		final IntFunction<Command> next;
		final List<Double> seconds = new ArrayList<>();
		String label;

		Series(IntFunction<Command> next) {
			this.next = next;
		}

		double median() {
			List<Double> sorted = seconds.stream().sorted().toList();
			return sorted.get(sorted.size() / 2);
		}
	}

	/** Beets' side: its configuration directory, or why there is none. */
	record Beets(Path config, String absent, String filled, double fillSeconds, long probeId) {

		boolean available() {
			return absent == null;
		}
	}

	@Test
	void commandLineBesideBeetsAndMutagen() throws Exception {
		long began = System.nanoTime();
		Path launcher = ProductProcess.launcher();
		boolean madeBefore = Files.exists(Path.of(System.getProperty("orbit.test.output", "target"), "library-10k", ".complete"));
		long generating = System.nanoTime();
		Path tree = generated();
		double generated = (System.nanoTime() - generating) / 1e9;
		Path small = smallTree(tree);
		Files.createDirectories(work.resolve("out"));

		// ORBIT's library: the 10,000 files scanned as a user scans them.
		Path home = work.resolve("home");
		double orbitScan = timed(orbit(launcher, home, "scan", tree.toString()), 20 * 60);
		Matcher total = Pattern.compile("of ([\\d,]+) track").matcher(output(orbit(launcher, home, "tracks", "--limit", "1")));
		check(total.find() && total.group(1).replace(",", "").equals(Integer.toString(FILES)), "ORBIT's library holds every file");
		long orbitId = orbitId(launcher, home);
		Beets beets = beets(tree);

		// Part 1: the short commands, beside beets' counterparts.
		List<Series[]> rows = new ArrayList<>();
		String id = Long.toString(orbitId);
		rows.add(pair(run -> orbit(launcher, home, "version"), beets, run -> beet(beets.config(), "beet version", "version")));
		rows.add(pair(run -> orbit(launcher, home, "tracks", "--limit", "20"), beets,
				run -> beet(beets.config(), "beet ls (every track)", "ls")));
		rows.add(new Series[] { new Series(run -> orbit(launcher, home, "tracks").relabel("orbit tracks (every track)")),
				rows.get(1)[1] });
		rows.add(pair(run -> orbit(launcher, home, "inspect", id), beets,
				run -> beet(beets.config(), "beet info id:" + beets.probeId(), "info", "id:" + beets.probeId())));
		rows.add(pair(run -> orbit(launcher, work.resolve("fresh-" + run), "doctor").relabel("first orbit doctor, new data dir"),
				beets, run -> beet(freshBeets(run), "first beet stats, new library", "stats")));
		List<Series> all = new ArrayList<>();
		rows.forEach(row -> {
			all.add(row[0]);
			if (row[1] != null && !all.contains(row[1])) {
				all.add(row[1]);
			}
		});
		interleaved(all, 2 * 60);

		// Part 2: a whole-process scan of 2,000 files beside mutagen reading their tags.
		Series scan = new Series(run -> orbit(launcher, work.resolve("scan-" + run), "scan", small.toString())
				.relabel("orbit scan DIR, new data dir"));
		Series mutagen = new Series(run -> new Command("python3 + mutagen, same tags", List.of(PYTHON, "-c", MUTAGEN_READ,
				small.toString()), Map.of()));
		interleaved(List.of(scan, mutagen), 10 * 60);

		StringBuilder t = new StringBuilder();
		t.append(String.format(Locale.ROOT,
				"=== Command line beside beets: %,d tracks (5,000 FLAC + 5,000 MP3), whole processes, median of %d interleaved runs ===%n",
				FILES, RUNS));
		t.append(madeBefore ? "files: made by an earlier run (kept in target/library-10k)\n"
				: String.format(Locale.ROOT, "files: made in %.0f s (kept in target/library-10k for the next run)%n", generated));
		t.append(String.format(Locale.ROOT, "ORBIT library: orbit scan DIR, %,d files, one run: %.1f s%n", FILES, orbitScan));
		t.append(beets.available()
				? String.format(Locale.ROOT, "beets library: %s, one run: %.1f s%n", beets.filled(), beets.fillSeconds())
				: "beets library: " + beets.absent() + "\n");
		t.append(String.format(Locale.ROOT, "%-34s %8s   %-30s %8s %8s%n", "ORBIT", "median", "beets", "median", "ratio"));
		for (Series[] row : rows) {
			Series ours = row[0];
			if (!beets.available()) {
				t.append(String.format(Locale.ROOT, "%-34s %6.2f s   %s%n", ours.label, ours.median(), beets.absent()));
			} else {
				t.append(String.format(Locale.ROOT, "%-34s %6.2f s   %-30s %6.2f s %7.1fx%n", ours.label, ours.median(),
						row[1].label, row[1].median(), ours.median() / row[1].median()));
			}
		}
		double tracks = rows.get(1)[0].median();
		t.append(String.format(Locale.ROOT, "goal: orbit tracks --limit 20 under 1.5 s: %s (%.2f s)%n",
				tracks < 1.5 ? "met" : "not met", tracks));
		if (beets.available()) {
			double ratio = tracks / rows.get(1)[1].median();
			t.append(String.format(Locale.ROOT, "goal: orbit tracks --limit 20 at most 1.5x beet ls: %s (%.1fx)%n",
					ratio <= 1.5 ? "met" : "not met", ratio));
		} else {
			t.append("goal: orbit tracks --limit 20 at most 1.5x beet ls: cannot tell, " + beets.absent() + "\n");
		}
		t.append("=== end\n");
		t.append(String.format(Locale.ROOT,
				"=== Whole-process scan: %,d files (1,000 FLAC + 1,000 MP3), median of %d interleaved runs ===%n", SMALL, RUNS));
		t.append(String.format(Locale.ROOT, "%-34s %6.2f s  %6.0f files/s%n", scan.label, scan.median(), SMALL / scan.median()));
		t.append(String.format(Locale.ROOT, "%-34s %6.2f s  %6.0f files/s%n", mutagen.label, mutagen.median(),
				SMALL / mutagen.median()));
		t.append(String.format(Locale.ROOT, "%-34s %6.1fx (the scan also checks every file's audio frames)%n",
				"ORBIT / mutagen, time", scan.median() / mutagen.median()));
		t.append(String.format(Locale.ROOT, "benchmark took %.0f s%n", (System.nanoTime() - began) / 1e9));
		t.append("=== end\n");
		System.out.print(t);
	}

	/** ORBIT's series and, unless beets is missing or has no counterpart, beets' series. */
	private static Series[] pair(IntFunction<Command> orbit, Beets beets, IntFunction<Command> beet) {
		return new Series[] { new Series(orbit), beet != null && beets.available() ? new Series(beet) : null };
	}

	/** {@link #RUNS} runs of every series, each run in another order. */
	private void interleaved(List<Series> series, long limitSeconds) throws Exception {
		for (int run = 0; run < RUNS; run++) {
			List<Series> order = new ArrayList<>(series);
			Collections.rotate(order, run);
			for (Series s : order) {
				Command command = s.next.apply(run);
				s.label = command.label();
				s.seconds.add(timed(command, limitSeconds));
			}
		}
	}

	private static Command orbit(Path launcher, Path home, String... args) {
		List<String> argv = new ArrayList<>(List.of(launcher.toString()));
		argv.addAll(List.of(args));
		return new Command("orbit " + String.join(" ", args), argv, Map.of("ORBIT_HOME", home.toString()));
	}

	private static Command beet(Path config, String label, String... args) {
		List<String> argv = new ArrayList<>(List.of(BEET));
		argv.addAll(List.of(args));
		return new Command(label, argv, Map.of("BEETSDIR", config.toString()));
	}

	/** Seconds from start to exit of a whole process; it must exit 0. */
	private double timed(Command command, long limitSeconds) throws IOException, InterruptedException {
		return start(command, limitSeconds, null);
	}

	/** What a process printed on standard output; it must exit 0. */
	private String output(Command command) throws IOException, InterruptedException {
		StringBuilder out = new StringBuilder();
		start(command, 120, out);
		return out.toString();
	}

	private double start(Command command, long limitSeconds, StringBuilder out) throws IOException, InterruptedException {
		String name = "run-" + System.nanoTime();
		Path stdout = work.resolve("out").resolve(name + ".out"), stderr = work.resolve("out").resolve(name + ".err");
		ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile());
		builder.environment().remove("DISPLAY");
		builder.environment().remove("WAYLAND_DISPLAY");
		builder.environment().putAll(command.environment());
		long start = System.nanoTime();
		Process process = builder.start();
		boolean ended = process.waitFor(limitSeconds, TimeUnit.SECONDS);
		double seconds = (System.nanoTime() - start) / 1e9;
		if (!ended) {
			process.destroyForcibly().waitFor();
			throw new AssertionError(command.label() + " took longer than " + limitSeconds + " s");
		}
		String printed = Files.readString(stdout, StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new AssertionError(command.label() + " failed (exit " + process.exitValue() + "): " + tail(printed)
					+ tail(Files.readString(stderr, StandardCharsets.UTF_8)));
		}
		if (out != null) {
			out.append(printed);
		}
		Files.delete(stdout);
		Files.delete(stderr);
		return seconds;
	}

	private static String tail(String text) {
		return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
	}

	/** The id of the probe track in ORBIT's library. */
	private long orbitId(Path launcher, Path home) throws IOException, InterruptedException {
		String listing = output(orbit(launcher, home, "tracks", "--filter", PROBE_TITLE));
		Matcher row = Pattern.compile("(?m)^\\s*(\\d+)\\s.*\\b" + PROBE_TITLE + "\\b").matcher(listing);
		check(row.find(), "ORBIT lists " + PROBE_TITLE + ": " + listing);
		return Long.parseLong(row.group(1));
	}

	/**
	 * Beets' library of the same files: {@code beet import -A -q} (autotagging off, files left where and
	 * as they are); when that takes longer than {@link #IMPORT_LIMIT_SECONDS}, beets' python API adds
	 * the files instead.
	 */
	private Beets beets(Path tree) throws IOException, InterruptedException {
		if (!Files.isExecutable(Path.of(BEET))) {
			return new Beets(null, "beets not installed", null, 0, 0);
		}
		Path config = Files.createDirectories(work.resolve("beets"));
		writeBeetsConfig(config, tree);
		String filled = "beet import -A -q (autotag, copy, move and write off; plugins: info only)";
		double seconds;
		String probe;
		try {
			seconds = timed(beet(config, "beet import", "import", "-A", "-q", tree.toString()), IMPORT_LIMIT_SECONDS);
		} catch (AssertionError slowOrFailed) {
			Files.deleteIfExists(config.resolve("beets.db"));
			filled = "beet import stopped (" + slowOrFailed.getMessage().lines().findFirst().orElse("")
					+ "), filled by beets' python API (Item.from_path, Library.add)";
			try {
				seconds = timed(new Command("beets python API", List.of(PYTHON, "-I", "-c", BEETS_FILL,
						config.resolve("beets.db").toString(), tree.toString()), Map.of()), 20 * 60);
			} catch (AssertionError failed) {
				return new Beets(null, "beets failed: " + failed.getMessage().lines().findFirst().orElse(""), null, 0, 0);
			}
		}
		try {
			String count = output(beet(config, "beet ls", "ls", "-f", "$id")).strip();
			check(count.lines().count() == FILES, "its library holds " + count.lines().count() + " tracks");
			probe = output(beet(config, "beet ls", "ls", "-f", "$id", "title:" + PROBE_TITLE)).strip();
			check(probe.matches("\\d+"), "it lists " + PROBE_TITLE + " as " + probe);
		} catch (AssertionError failed) {
			return new Beets(null, "beets failed: " + failed.getMessage().lines().findFirst().orElse(""), null, 0, 0);
		}
		return new Beets(config, null, filled, seconds, Long.parseLong(probe));
	}

	/** A new, empty beets library (configuration and database) for run {@code run}. */
	private Path freshBeets(int run) {
		try {
			Path config = Files.createDirectories(work.resolve("beets-fresh-" + run));
			writeBeetsConfig(config, work.resolve("beets-fresh-music"));
			return config;
		} catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	/** Beets' configuration: no autotagging, files neither copied, moved nor written; only the info plugin. */
	private static void writeBeetsConfig(Path config, Path music) throws IOException {
		Files.writeString(config.resolve("config.yaml"), String.join("\n", "library: " + config.resolve("beets.db"),
				"directory: " + music, "import:", "  autotag: no", "  copy: no", "  move: no", "  write: no",
				"  resume: no", "  incremental: no", "plugins: [info]", ""));
	}

	/** The 10,000-file tree, made once and kept in the module's target folder. */
	private static Path generated() throws Exception {
		JAUDIOTAGGER.setLevel(Level.OFF);
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
				Path dir = Files.createDirectories(music.resolve(String.format(Locale.ROOT, "folder-%03d", n % FOLDERS)));
				Path file = dir.resolve(String.format(Locale.ROOT, "track-%05d.%s", n, ext));
				Files.copy(seeds.resolve("seed." + ext), file, StandardCopyOption.REPLACE_EXISTING);
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

	/** Copies of the first {@link #SMALL_FOLDERS} folders (even ones FLAC, odd ones MP3): 2,000 files. */
	private static Path smallTree(Path tree) throws IOException {
		Path root = Path.of(System.getProperty("orbit.test.output", "target")).resolve("library-2k");
		Path done = root.resolve(".complete");
		Path music = root.resolve("music");
		if (Files.exists(done)) {
			return music;
		}
		for (int folder = 0; folder < SMALL_FOLDERS; folder++) {
			String name = String.format(Locale.ROOT, "folder-%03d", folder);
			Path to = Files.createDirectories(music.resolve(name));
			try (var files = Files.list(tree.resolve(name))) {
				for (Path file : files.toList()) {
					Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		Files.createFile(done);
		return music;
	}

	static void check(boolean ok, String what) {
		if (!ok) {
			throw new AssertionError(what);
		}
	}
}
