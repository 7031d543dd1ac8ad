package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;

import orbit.tests.support.ProductProcess;

/**
 * {@code orbit render} and {@code orbit buffer} through the product's launcher, on a track of the
 * library: a render with key-locked tempo read back by sox, a replay of a short session against
 * the LRU baseline, and the health report before any deck played.
 */
class BufferCommandTest {

	@TempDir
	Path temp;

	@Test
	void renderReplayAndHealthThroughTheLauncher() throws Exception {
		Path home = Files.createDirectories(temp.resolve("home"));
		Path music = Files.createDirectories(temp.resolve("music"));
		Path flac = music.resolve("Groove.flac");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", flac.toString(), "synth", "20", "sine", "55",
				"square", "110", "pinknoise", "tremolo", "2", "90", "gain", "-8");
		assertEquals(0, orbit(home, "scan", music.toString()).exitCode());
		assertEquals(0, orbit(home, "set", "1", "--bpm", "120").exitCode());

		Path wav = temp.resolve("out/groove-warm.wav");
		ProductProcess.Run render = orbit(home, "render", "1", "--preset", "warm", "--intensity", "0.8", "--tempo", "5",
				"--out", wav.toString());
		assertEquals(0, render.exitCode(), render.all());
		assertTrue(render.out().contains("warm 0.80 +5.0%, 44100 Hz, 2 channels, 19.0 s"), render.out());
		// 20 s at +5 %: ceil(882000 / 1.05) frames, as sox reads the WAV back.
		String samples = Commands.run("soxi", "-s", wav.toString()).strip();
		assertEquals(String.valueOf((long) Math.ceil(882000 / 1.05)), samples);
		assertTrue(Commands.run("soxi", "-e", wav.toString()).contains("Floating Point"));

		ProductProcess.Run refused = orbit(home, "render", flac.toString(), "--preset", "loud", "--out", wav.toString());
		assertEquals(2, refused.exitCode());
		assertTrue(refused.err().contains("No preset 'loud'; the presets are original, adaptive"), refused.all());

		Path trace = temp.resolve("session.csv");
		Files.writeString(trace, """
				time_ms,action,arg
				0,load,1
				200,play,
				1000,preset,punchy
				2000,setcue,1
				3500,beatjump,+8
				5000,hotcue,1
				6000,pause,
				""");
		ProductProcess.Run replay = orbit(home, "buffer", "replay", trace.toString(), "--baseline", "lru");
		assertEquals(0, replay.exitCode(), replay.all());
		String out = replay.out();
		assertTrue(out.contains("Replaying " + trace + ": 7 steps, 6.0 s"), out);
		assertTrue(out.contains("ORBIT buffer") && out.contains("LRU read-ahead (Mixxx-style)"), out);
		Matcher l1 = Pattern.compile("L1 hit rate +(\\d+\\.\\d) %").matcher(out);
		assertTrue(l1.find() && Double.parseDouble(l1.group(1)) > 50, out);
		assertTrue(out.matches("(?s).*  beatjump +on time +[\\d.]+ %, processed +[\\d.]+ %.*")
				&& out.matches("(?s).*  hotcue +on time +[\\d.]+ %.*"), "the BPM came from the library: " + out);
		assertTrue(out.matches("(?s).*peak memory +[\\d.]+ MiB \\(budget 36\\.0 MiB, within it\\).*"), out);
		assertTrue(out.matches("(?s).*on time after jumps: ORBIT [\\d.]+ %, lru [\\d.]+ %.*"), out);
		assertTrue(out.matches("(?s).*processed after jumps: ORBIT [\\d.]+ %, lru [\\d.]+ %.*"), out);

		Path bad = temp.resolve("bad.csv");
		Files.writeString(bad, "0,load,1\n100,dance,\n");
		ProductProcess.Run badReplay = orbit(home, "buffer", "replay", bad.toString());
		assertEquals(1, badReplay.exitCode());
		assertTrue(badReplay.out().contains("bad.csv line 2: unknown action 'dance'"), badReplay.all());

		ProductProcess.Run health = orbit(home, "buffer", "health");
		assertEquals(0, health.exitCode(), health.all());
		assertTrue(health.out().contains("No buffer report yet"), health.out());
	}

	private ProductProcess.Run orbit(Path home, String... args) throws Exception {
		return ProductProcess.run(temp, home, Map.of(), args);
	}
}
