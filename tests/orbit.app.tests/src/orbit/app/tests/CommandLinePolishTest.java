package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;

import orbit.tests.support.ProductProcess;

/**
 * What a DJ scripting ORBIT meets first, through the product's launcher with its output
 * redirected as a script's is: help on every command without its arguments, refused negative
 * counts, enum options in any case, an untagged track inspected without a "null", moments in
 * local time to the second, progress as plain lines, verify on a folder and on library ids with
 * its verdict recorded, the user's own values cleared, and one log that every run appends to and
 * that is rotated once full.
 */
class CommandLinePolishTest {

	private static final String LOCAL_TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";

	@TempDir
	Path temp;

	@Test
	void helpNeedsNoArgumentsAndNamesOnlyOptionsThatExist() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		ProductProcess.Run scan = orbit(home, "scan", "--help");
		assertEquals(0, scan.exitCode(), scan.all());
		assertTrue(scan.out().contains("Usage: orbit scan") && scan.out().contains("--help"), scan.all());
		assertFalse(scan.all().contains("Missing required"), scan.all());

		ProductProcess.Run playlist = orbit(home, "playlist", "--help");
		assertEquals(0, playlist.exitCode(), playlist.all());
		assertTrue(playlist.out().contains("Usage: orbit playlist") && playlist.out().contains("import"), playlist.all());

		ProductProcess.Run enrich = orbit(home, "enrich", "--help");
		assertEquals(0, enrich.exitCode(), enrich.all());
		// every option the help mentions is one it lists
		Set<String> listed = new HashSet<>();
		for (String line : enrich.out().lines().toList()) {
			Matcher option = Pattern.compile("^\\s+(?:-\\w, )?(--[a-z][a-z-]*)").matcher(line);
			if (option.find()) {
				listed.add(option.group(1));
			}
		}
		assertTrue(listed.contains("--limit") && listed.contains("--queue"), enrich.out());
		Matcher named = Pattern.compile("--[a-z][a-z-]*").matcher(enrich.out());
		while (named.find()) {
			assertTrue(listed.contains(named.group()), "enrich's help names " + named.group() + ": " + enrich.out());
		}
	}

	@Test
	void negativeCountsAreRefused() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		ProductProcess.Run limit = orbit(home, "tracks", "--limit", "-1");
		assertEquals(2, limit.exitCode(), limit.all());
		assertTrue(limit.err().contains("--limit is a number of tracks, 0 or more, not -1"), limit.all());
		ProductProcess.Run offset = orbit(home, "tracks", "--offset", "-3");
		assertEquals(2, offset.exitCode(), offset.all());
		assertTrue(offset.err().contains("--offset is a number of tracks, 0 or more, not -3"), offset.all());
		ProductProcess.Run enrich = orbit(home, "enrich", "--limit", "-5");
		assertEquals(2, enrich.exitCode(), enrich.all());
		assertTrue(enrich.err().contains("--limit is a number of tracks, 0 or more (0: all queued), not -5"), enrich.all());
	}

	@Test
	void anUntaggedTrackInLocalTimeAnyCaseAndPlainProgress() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path music = Files.createDirectories(temp.resolve("music"));
		// no tags at all: no artist, title, album or key
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", music.resolve("untagged.flac").toString(), "synth",
				"3", "sine", "440");
		ProductProcess.Run scan = orbit(home, "scan", "--no-check", music.toString());
		assertEquals(0, scan.exitCode(), scan.all());
		assertFalse(scan.all().contains("\r"), "no redrawn bar into a file: " + scan.all());
		assertTrue(scan.err().contains("100%"), "the progress ends as a plain line: " + scan.err());

		// a folder, a library id and an id that is no entry
		ProductProcess.Run verify = orbit(home, "verify", music.toString(), "1", "99");
		assertEquals(1, verify.exitCode(), verify.all());
		String ok = "ok      " + music.resolve("untagged.flac") + ": ";
		assertEquals(2, verify.out().split(java.util.regex.Pattern.quote(ok), -1).length - 1, verify.all());
		assertTrue(verify.out().contains("ERROR   #99: no library entry has this id"), verify.all());

		assertEquals(0, orbit(home, "set", "1", "--bpm", "124", "--key", "8A").exitCode());
		ProductProcess.Run inspect = orbit(home, "inspect", "1", "--notation", "open_key");
		assertEquals(0, inspect.exitCode(), inspect.all());
		assertFalse(inspect.out().contains("null"), inspect.out());
		assertTrue(inspect.out().matches("(?s).*\\naudio     .*\\(decoded " + LOCAL_TIME + "\\)\\n.*"),
				"verify's verdict was recorded: " + inspect.out());
		assertTrue(inspect.out().contains("1m"), "8A in Open Key, the notation asked in lower case: " + inspect.out());
		String history = inspect.out().substring(inspect.out().indexOf("history:"));
		assertTrue(history.matches("(?s)history:\\n  " + LOCAL_TIME + "  .*"), "local time to the second: " + history);
		assertFalse(inspect.out().matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:.*"), "no ISO instants: " + inspect.out());

		ProductProcess.Run standard = orbit(home, "inspect", "1", "--notation", "Standard");
		assertEquals(0, standard.exitCode(), standard.all());
		assertTrue(standard.out().contains("Am"), standard.out());

		// jaudiotagger reports what it meets in a file at SEVERE; a write that succeeds shows none of it
		Path mp3 = music.resolve("untagged.mp3");
		Commands.run("ffmpeg", "-v", "error", "-i", music.resolve("untagged.flac").toString(), "-b:a", "192k", mp3.toString());
		ProductProcess.Run tag = orbit(home, "tag", mp3.toString(), "--bpm", "126", "--key", "5A");
		assertEquals(0, tag.exitCode(), tag.all());
		assertTrue(tag.out().startsWith("Tagged " + mp3), tag.all());
		assertFalse(tag.all().contains("SEVERE"), tag.all());
		assertFalse(Files.readString(home.resolve("logs/orbit.log")).contains("SEVERE"));

		ProductProcess.Run gold = orbit(home, "set", "1", "--gold");
		assertTrue(gold.out().contains("#1: BPM 124.0, key 8A, integrity GOLD"), gold.all());
		ProductProcess.Run cleared = orbit(home, "set", "1", "--clear-bpm", "--clear-key", "--no-gold");
		assertEquals(0, cleared.exitCode(), cleared.all());
		assertTrue(cleared.out().matches("#1: BPM -, key -, integrity (?!GOLD)\\w+\\R"), cleared.all());

		// Björk typed as DJs type it; her name comes from a file, so that no argument needs more than ASCII
		Path more = Files.createDirectories(temp.resolve("more"));
		Path tagged = more.resolve("joga.flac");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", tagged.toString(), "synth", "2", "sine", "330");
		Path tags = Files.writeString(temp.resolve("tags.txt"), "ARTIST=Björk\nTITLE=Jóga\n", StandardCharsets.UTF_8);
		Commands.run("metaflac", "--remove-all-tags", "--import-tags-from=" + tags, tagged.toString());
		assertEquals(0, orbit(home, "scan", "--no-check", more.toString()).exitCode());
		ProductProcess.Run found = orbit(home, "tracks", "--filter", "BJORK");
		assertEquals(0, found.exitCode(), found.all());
		assertTrue(found.out().contains("Björk") && found.out().contains("Jóga"), found.all());
		assertFalse(found.out().contains("untagged"), found.all());

		// each run appended to one log; once past 8 MiB it is rotated, not overwritten
		Path log = home.resolve("logs/orbit.log");
		Set<String> processes = new HashSet<>();
		Matcher process = Pattern.compile("(?m)^" + LOCAL_TIME + "\\.\\d{3} \\[(\\d+) ").matcher(Files.readString(log));
		while (process.find()) {
			processes.add(process.group(1));
		}
		assertTrue(processes.size() >= 5, "the log holds the lines of every run: " + processes);
		String earlier = Files.readString(log);
		Files.writeString(log, "x".repeat(8 << 20) + "\n", java.nio.file.StandardOpenOption.APPEND);

		// a tempo range and the keys that mix with 8A (9A is one), the newest first
		assertEquals(0, orbit(home, "set", "2", "--bpm", "122", "--key", "9A").exitCode());
		assertTrue(Files.readString(home.resolve("logs/orbit.log.1")).startsWith(earlier), "the full log was kept");
		assertTrue(Files.size(log) < 4096 && Files.readString(log).contains("Opened library"), Files.readString(log));
		ProductProcess.Run mixable = orbit(home, "tracks", "--bpm", "120-125", "--compatible", "8a", "--sort", "added",
				"--desc");
		assertEquals(0, mixable.exitCode(), mixable.all());
		assertTrue(mixable.out().contains("Jóga") && mixable.out().contains("1 matching track(s)"), mixable.all());
		ProductProcess.Run badRange = orbit(home, "tracks", "--bpm", "128-120");
		assertEquals(2, badRange.exitCode(), badRange.all());
		assertTrue(badRange.err().contains("--bpm 128-120 goes down: give the lower tempo first"), badRange.all());
	}

	private ProductProcess.Run orbit(Path home, String... args) throws Exception {
		return ProductProcess.run(temp, home, Map.of(), args);
	}
}
