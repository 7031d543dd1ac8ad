package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.ProductProcess;
import orbit.tests.support.ProductProcess.Run;
import orbit.tests.support.Commands;

/**
 * Failures met through the product's launcher read as one sentence, what happened and what to
 * do, and exit 2: a malformed playlist, a full disk, a read-only data directory, a damaged
 * journal. A big playlist imports as a stream, with a progress bar.
 */
class ErrorSentencesTest {

	private static final Pattern GC_AFTER = Pattern.compile("->(\\d+)M\\(");

	@TempDir
	Path temp;

	private final List<Path> mounts = new ArrayList<>();

	@AfterEach
	void unmount() throws Exception {
		for (Path mount : mounts.reversed()) {
			Commands.run("umount", "-l", mount.toString());
		}
	}

	@Test
	void aMalformedCsvIsOneSentenceNamingItsLineAndNothingIsImported() throws Exception {
		Path home = temp.resolve("home");
		Path csv = Files.writeString(temp.resolve("set.csv"),
				"Artist,Title,Album\nAlpha,One,First\nBeta,\"Two\" remix,Second\nGamma,Three,Third\n");
		Run run = ProductProcess.run(temp, home, Map.of(), "playlist", "import", csv.toString());
		assertEquals(2, run.exitCode(), run.all());
		List<String> lines = lines(run.err());
		assertEquals(1, lines.size(), run.err());
		assertTrue(lines.get(0).startsWith("orbit: " + csv + " line 3 is not valid CSV"), run.err());
		assertTrue(lines.get(0).contains("nothing was imported"), run.err());
		assertNoStackTrace(run);
		Run playlists = ProductProcess.run(temp, home, Map.of(), "playlists");
		assertEquals(0, playlists.exitCode(), playlists.all());
		assertTrue(playlists.out().contains("0 playlist(s)"), playlists.out());
	}

	/**
	 * 100,000 rows import in well under 30 s with a progress bar, in a heap far smaller than the
	 * rows read into memory would need; the heap left after each collection is measured for 10,000
	 * and 100,000 rows and must not grow with the rows.
	 */
	@Test
	void aHundredThousandRowPlaylistStreamsWithAProgressBar() throws Exception {
		Path home = temp.resolve("home");
		Path small = playlist(temp.resolve("small.csv"), 10_000);
		Path big = playlist(temp.resolve("big.csv"), 100_000);
		long smallPeak = importWithin(home, small, 10_000, temp.resolve("gc-small.log"));
		long started = System.nanoTime();
		long bigPeak = importWithin(home, big, 100_000, temp.resolve("gc-big.log"));
		double seconds = (System.nanoTime() - started) / 1e9;
		// What starting the product alone costs on this machine now, for reading the import's time.
		long launched = System.nanoTime();
		assertEquals(0, ProductProcess.run(temp, home, Map.of(), "version").exitCode());
		double startup = (System.nanoTime() - launched) / 1e9;
		System.out.printf(Locale.ROOT, "100,000-row playlist import through the launcher: %.1f s (starting the product "
				+ "alone: %.1f s); heap after GC at most %d MB (10,000 rows: %d MB), -Xmx48m%n", seconds, startup, bigPeak,
				smallPeak);
		assertTrue(seconds < 30, "the import took " + seconds + " s");
		assertTrue(bigPeak <= smallPeak + 8, "heap after collection grew from " + smallPeak + " MB to " + bigPeak
				+ " MB with ten times the rows");
	}

	private long importWithin(Path home, Path csv, int rows, Path gcLog) throws Exception {
		Run run = ProductProcess.run(temp, home,
				Map.of("ORBIT_JAVA_OPTIONS", "-Xmx48m -XX:+UseSerialGC -Xlog:gc:file=" + gcLog), "playlist", "import",
				csv.toString());
		assertEquals(0, run.exitCode(), run.all());
		String done = String.format(Locale.ROOT, "%,d/%,d rows", rows, rows);
		assertTrue(run.err().contains("100% " + done), run.err());
		assertTrue(run.out().matches("(?s).*\\s" + rows + " total\\s+0 matched\\s+" + rows + " missing.*"), run.out());
		assertNoStackTrace(run);
		long peak = 0;
		Matcher after = GC_AFTER.matcher(Files.readString(gcLog));
		while (after.find()) {
			peak = Math.max(peak, Long.parseLong(after.group(1)));
		}
		assertTrue(peak > 0, "the collector logged its work");
		return peak;
	}

	@Test
	void aFullDiskDuringAScanIsNamedAndTheLibraryStaysIntact() throws Exception {
		Path home = mountTmpfs(temp.resolve("small-home"), "1m");
		Path music = Files.createDirectories(temp.resolve("music"));
		Path wav = temp.resolve("tone.wav");
		Path flac = temp.resolve("tone.flac");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", "1", "sine", "440");
		Commands.run("flac", "-s", "-o", flac.toString(), wav.toString());
		for (int i = 0; i < 3_000; i++) {
			Files.copy(flac, music.resolve("tone-" + i + ".flac"));
		}
		Run scan = ProductProcess.run(temp, home, Map.of(), "scan", "--no-check", music.toString());
		assertEquals(2, scan.exitCode(), scan.all());
		// The progress bar's lines, then one sentence.
		List<String> lines = lines(scan.err()).stream().filter(l -> !l.startsWith("[")).toList();
		assertEquals(1, lines.size(), scan.err());
		assertTrue(lines.get(0).startsWith("orbit: The disk holding " + home) && lines.get(0).contains(" is full. Free some space"),
				scan.err());
		assertNoStackTrace(scan);
		// With room again, the library is whole: nothing of the failed batch, every committed one.
		Commands.run("mount", "-o", "remount,size=16m", home.toString());
		Run doctor = ProductProcess.run(temp, home, Map.of(), "doctor");
		assertTrue(doctor.out().contains("PRAGMA integrity_check: ok"), doctor.all());
		assertFalse(doctor.out().matches("(?s).*\\[FAIL\\] (library|integrity|schema).*"), doctor.out());
	}

	@Test
	void doctorNamesADamagedJournal() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path journal = home.resolve("journal.db");
		Files.writeString(journal, "not a journal, only text where SQLite's header should be ".repeat(100));
		Run doctor = ProductProcess.run(temp, home, Map.of(), "doctor");
		assertEquals(1, doctor.exitCode(), doctor.all());
		String line = lines(doctor.out()).stream().filter(l -> l.contains("] journal")).findFirst().orElse("");
		assertTrue(line.contains("[FAIL]") && line.contains(journal.toString()), doctor.out());
		assertTrue(doctor.out().contains("problem(s) found"), doctor.out());
		assertFalse(doctor.out().contains("Healthy"), doctor.out());
		assertNoStackTrace(doctor);
		// The report touched nothing: the damaged file is as it was.
		assertTrue(Files.readString(journal).startsWith("not a journal"));
	}

	@Test
	void doctorReportsTheJournalTheConfigurationAreaAndCredentials() throws Exception {
		Path home = temp.resolve("home");
		Run doctor = ProductProcess.run(temp, home, Map.of(), "doctor");
		assertEquals(0, doctor.exitCode(), doctor.all());
		assertTrue(doctor.out().matches("(?s).*\\[ok  \\] journal\\s+\\S*journal.db.*"), doctor.out());
		assertTrue(doctor.out().matches("(?s).*\\[ok  \\] configuration\\s+\\S+ \\(OSGi configuration area, writable\\).*"),
				doctor.out());
		assertTrue(doctor.out().matches("(?s).*\\[warn\\] credentials\\s+spotify: .* missing.*"), doctor.out());
		assertNoStackTrace(doctor);
	}

	@Test
	void tracksOnAReadOnlyDataDirectoryPrintsTheErrorAndNoHeader() throws Exception {
		Path home = mountTmpfs(temp.resolve("ro-home"), "8m");
		Run first = ProductProcess.run(temp, home, Map.of(), "tracks");
		assertEquals(0, first.exitCode(), first.all());
		assertTrue(first.out().contains("ARTIST"), first.out());
		Commands.run("mount", "-o", "remount,ro", home.toString());
		Run run = ProductProcess.run(temp, home, Map.of(), "tracks");
		assertEquals(2, run.exitCode(), run.all());
		assertEquals("", run.out(), "no table header before the error");
		List<String> lines = lines(run.err());
		assertEquals(1, lines.size(), run.err());
		assertTrue(lines.get(0).startsWith("orbit: ") && lines.get(0).contains(home.toString()), run.err());
		assertNoStackTrace(run);
	}

	/** A tmpfs of this size at {@code dir}; the test is skipped where mounting is not permitted (not root). */
	private Path mountTmpfs(Path dir, String size) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		try {
			Commands.run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
		} catch (IOException e) {
			Assumptions.abort("mounting a tmpfs is not permitted here (it needs root): " + e.getMessage());
		}
		mounts.add(dir);
		return dir;
	}

	private static Path playlist(Path file, int rows) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("Artist,Title,Album\n");
			for (int i = 1; i <= rows; i++) {
				out.write("\"Artist " + i + "\",\"Title, part " + i + "\",Album " + (i % 97) + "\n");
			}
		}
		return file;
	}

	private static List<String> lines(String text) {
		return List.of(text.split("\\R|\r")).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
	}

	private static void assertNoStackTrace(Run run) {
		for (String line : run.all().split("\\R|\r")) {
			assertFalse(line.contains("Exception"), run.all());
			assertFalse(line.strip().startsWith("at org.") || line.strip().startsWith("at orbit."), run.all());
		}
	}
}
