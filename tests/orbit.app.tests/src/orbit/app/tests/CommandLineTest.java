package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.app.internal.cli.OrbitCommandLine;
import orbit.core.DataDirectory;
import orbit.tests.support.OsgiServices;
import orbit.tests.support.VersionFourLibrary;

/** The command line run in-process, with the real contributed commands and services. */
class CommandLineTest {

	@TempDir
	Path temp;

	record Run(int exitCode, String out, String err) {
	}

	static Run orbit(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = OrbitCommandLine.run(OsgiServices.context(), args, new PrintWriter(out), new PrintWriter(err));
		return new Run(code, out.toString(), err.toString());
	}

	private final String homeBefore = System.getProperty(DataDirectory.HOME_PROPERTY);

	@AfterEach
	void restoreHome() {
		if (homeBefore == null) {
			System.clearProperty(DataDirectory.HOME_PROPERTY);
		} else {
			System.setProperty(DataDirectory.HOME_PROPERTY, homeBefore);
		}
	}

	@Test
	void helpListsTheContributedCommands() {
		Run run = orbit("--help");
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("Usage: orbit"), run.out());
		assertTrue(run.out().contains("doctor"), run.out());
		assertTrue(run.out().contains("version"), run.out());
		assertTrue(run.out().contains("--home=DIR"), run.out());
	}

	@Test
	void versionNamesOrbitAndJava() {
		Run run = orbit("version");
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().startsWith("ORBIT 0.1.0"), run.out());
		assertTrue(run.out().contains("Java " + System.getProperty("java.version")), run.out());
	}

	@Test
	void doctorReportsAHealthyNewLibrary() {
		Path home = temp.resolve("home");
		Run run = orbit("--home", home.toString(), "doctor");
		assertEquals(0, run.exitCode(), run.out() + run.err());
		assertTrue(run.out().contains("[ok  ] java"), run.out());
		assertTrue(run.out().contains("[ok  ] data directory   " + home), run.out());
		assertTrue(run.out().contains("free space"), run.out());
		assertTrue(run.out().contains("PRAGMA integrity_check: ok, 0 track(s)"), run.out());
		assertTrue(run.out().matches("(?s).*schema +version (\\d+) of \\1\\n.*"), run.out());
		assertTrue(run.out().strip().endsWith("Healthy."), run.out());
		assertTrue(Files.exists(home.resolve("library.db")));
	}

	@Test
	void doctorFailsOnACorruptLibraryAndLeavesItUntouched() throws IOException {
		byte[] garbage = new byte[8192];
		new Random(1).nextBytes(garbage);
		Path db = Files.write(temp.resolve("library.db"), garbage);
		Run run = orbit("--home", temp.toString(), "doctor");
		assertEquals(1, run.exitCode(), run.out());
		assertTrue(run.out().contains("[FAIL] library"), run.out());
		assertTrue(run.out().contains("is not a readable ORBIT library"), run.out());
		assertArrayEquals(garbage, Files.readAllBytes(db));
	}

	@Test
	void anUnusableHomeIsOneLineThatSaysWhatToDo() throws IOException {
		Path file = Files.writeString(temp.resolve("a-file"), "keep me");
		Run run = orbit("--home", file.resolve("orbit").toString(), "doctor");
		assertEquals(1, run.exitCode());
		assertTrue(run.out().contains("[FAIL] data directory"), run.out());
		assertTrue(run.out().contains("--home DIR"), run.out());
		assertEquals("keep me", Files.readString(file));
	}

	@Test
	void aCommandOnACorruptLibraryPrintsOneLineAndExitsTwo() throws IOException {
		byte[] garbage = new byte[8192];
		new Random(2).nextBytes(garbage);
		Path db = Files.write(temp.resolve("library.db"), garbage);
		Run run = orbit("--home", temp.toString(), "tracks");
		assertEquals(OrbitCommandLine.EXIT_ACTIONABLE, run.exitCode(), run.out() + run.err());
		assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
		assertTrue(run.err().startsWith("orbit: " + db + " is not a readable ORBIT library"), run.err());
		assertTrue(run.err().contains("move it aside"), run.err());
		assertArrayEquals(garbage, Files.readAllBytes(db));
	}

	@Test
	void aCommandOnAnUnwritableHomePrintsOneLineAndExitsTwo() throws IOException {
		Path file = Files.writeString(temp.resolve("a-file"), "keep me");
		Run run = orbit("--home", file.toString(), "tracks");
		assertEquals(OrbitCommandLine.EXIT_ACTIONABLE, run.exitCode(), run.out() + run.err());
		assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
		assertTrue(run.err().contains("is a file, not a directory"), run.err());
		assertEquals("keep me", Files.readString(file));
	}

	@Test
	void tracksListsTheLibrary() {
		Path home = temp.resolve("home");
		OsgiServices.withHome(home, orbit.library.Library.class, library -> library.addTracks(java.util.List.of(
				new orbit.library.TrackInput("/m/a.flac", 1, "Strobe", "deadmau5", "For Lack of a Better Name", "flac",
						1000, 634, 128.0, "8A"))));
		Run run = orbit("--home", home.toString(), "tracks");
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("deadmau5"), run.out());
		assertTrue(run.out().contains("128.0"), run.out());
		assertTrue(run.out().contains("10:34"), run.out());
		assertTrue(run.out().contains("1 of 1 track(s)"), run.out());
	}

	/** A cut FLAC reads (its header is whole) but its audio is not: tags are refused unless the user insists. */
	@Test
	void tagRefusesAFileWhoseAudioIsDamagedUnlessForced() throws Exception {
		Path music = Files.createDirectories(temp.resolve("damaged"));
		Path wav = temp.resolve("cut.wav");
		Path flac = music.resolve("cut.flac");
		orbit.tests.support.Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", "5",
				"sine", "440");
		orbit.tests.support.Commands.run("flac", "-s", "-T", "ARTIST=Cut", "-T", "TITLE=Short", "-o", flac.toString(),
				wav.toString());
		byte[] whole = Files.readAllBytes(flac);
		Files.write(flac, java.util.Arrays.copyOf(whole, whole.length * 7 / 10));
		byte[] cut = Files.readAllBytes(flac);
		String home = temp.resolve("home-damaged").toString();
		Run scan = orbit("--home", home, "scan", music.toString());
		assertEquals(0, scan.exitCode(), scan.err());
		assertTrue(scan.out().contains("1 with damaged audio"), scan.out());
		assertTrue(scan.out().contains("cut short"), scan.out());

		Run refused = orbit("--home", home, "tag", flac.toString(), "--bpm", "120");
		assertEquals(2, refused.exitCode(), refused.out() + refused.err());
		assertTrue(refused.err().contains("has damaged audio") && refused.err().contains("--force"), refused.err());
		assertArrayEquals(cut, Files.readAllBytes(flac), "nothing was written");

		Run forced = orbit("--home", home, "tag", flac.toString(), "--bpm", "120", "--force");
		assertEquals(0, forced.exitCode(), forced.out() + forced.err());
		assertTrue(forced.out().contains("Note: the audio is damaged"), forced.out());
		Run tracks = orbit("--home", home, "tracks", "--audio", "DAMAGED");
		assertTrue(tracks.out().contains("Short") && tracks.out().contains("1 matching track(s)"), tracks.out());
	}

	/** A library from version 4 holding Spotify and Deezer answers, inspected after the upgrade. */
	@Test
	void inspectShowsEachProvidersAnswerUnderItsOwnName() throws Exception {
		Path home = Files.createDirectories(temp.resolve("v4"));
		VersionFourLibrary.write(home.resolve("library.db"));
		Run run = orbit("--home", home.toString(), "inspect", "2");
		assertEquals(0, run.exitCode(), run.err());
		String out = run.out();
		assertTrue(out.contains("122.0 deezer"), "the online BPM names Deezer:\n" + out);
		assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("spotify") && l.contains("not found")), out);
		assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("deezer") && l.contains("122.0")), out);
		assertTrue(out.lines().anyMatch(l -> l.contains("BPM") && l.contains("-> 122.0") && l.contains("(deezer)")),
				"the history names Deezer:\n" + out);
		assertTrue(out.lines().noneMatch(l -> l.contains("spotify") && l.contains("122")), "never Spotify's:\n" + out);

		Run both = orbit("--home", home.toString(), "inspect", "1");
		assertTrue(both.out().contains("BPM: spotify 128.0 and deezer 64.0 differ by more than 0.5"), both.out());
		assertTrue(both.out().contains("integrity SILVER"), both.out());
	}

	@Test
	void anUnknownCommandIsAUsageError() {
		Run run = orbit("frobnicate");
		assertEquals(2, run.exitCode());
		assertTrue(run.err().contains("Unmatched argument"), run.err());
	}
}
