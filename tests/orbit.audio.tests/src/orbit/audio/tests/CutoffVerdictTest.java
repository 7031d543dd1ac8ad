package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.audio.LosslessVerdict;
import orbit.audio.LosslessVerdict.Kind;
import orbit.audio.Pcm;
import orbit.audio.internal.dsp.AnalysisService;

/**
 * The lossless verdict on FLACs made by the real encoders: true FLACs of broadband material are
 * genuine, FLACs decoded from LAME and libvorbis files are transcodes (LAME's with the bitrate it
 * was encoded at), and a tone or near-silence cannot tell.
 */
class CutoffVerdictTest {

	private record Case(String name, Kind kind, int kbps) {
	}

	@TempDir
	static Path dir;

	private static final List<Case> CASES = new ArrayList<>();

	private final AnalysisService analysis = new AnalysisService();

	@BeforeAll
	static void encode() {
		SynthMusic.write(dir.resolve("music.wav"), 44_100, 10, 7);
		FfmpegPcm.runAll(List.of( //
				sox(44_100, 2, "white", "synth 10 whitenoise vol 0.5"), //
				sox(44_100, 2, "pink", "synth 10 pinknoise vol 0.7"), //
				sox(48_000, 2, "white48", "synth 10 whitenoise vol 0.5"), //
				sox(44_100, 2, "tones", "synth 10 sine 1000 sine 5000 sine 11000 sine 16000 sine 21500 vol 0.2 channels 2"),
				sox(48_000, 1, "tones48", "synth 10 sine 1000 sine 5000 sine 11000 sine 16000 sine 22000 remix -"),
				sox(44_100, 2, "sweep", "synth 10 sine 20-22000 vol 0.5"), //
				sox(48_000, 2, "sweep48", "synth 10 sine 20-22000 vol 0.5"), //
				sox(44_100, 1, "sine", "synth 10 sine 440 vol 0.5"), //
				sox(44_100, 1, "quiet", "synth 10 sine 440 vol 0.003"), //
				sox(44_100, 2, "hush", "synth 10 whitenoise vol 0.00002")));
		List<String> lines = new ArrayList<>();
		lines.add("cd " + dir + " && sox -m white.wav tones.wav noisetones.wav && flac -s noisetones.wav");
		for (String genuine : List.of("white", "pink", "music", "white48", "tones", "tones48", "sweep", "sweep48")) {
			lines.add("cd " + dir + " && flac -s " + genuine + ".wav");
			CASES.add(new Case(genuine, Kind.GENUINE_LOSSLESS, 0));
		}
		CASES.add(new Case("noisetones", Kind.GENUINE_LOSSLESS, 0));
		for (String source : List.of("white", "pink", "music")) {
			for (int kbps : List.of(128, 192, 256, 320)) {
				String name = source + "_mp3_" + kbps;
				lines.add(String.format(Locale.ROOT, "cd %s && lame --quiet -b %d %s.wav %s.mp3 && ffmpeg -v error -i %s.mp3 %s.flac",
						dir, kbps, source, name, name, name));
				CASES.add(new Case(name, Kind.TRANSCODED, kbps));
			}
		}
		lines.add("cd " + dir + " && lame --quiet -b 320 white48.wav white48_mp3_320.mp3 && ffmpeg -v error -i white48_mp3_320.mp3 white48_mp3_320.flac");
		CASES.add(new Case("white48_mp3_320", Kind.TRANSCODED, 0));
		for (String vorbis : List.of("white:", "white:-q:a 0", "white:-q:a 5", "music:", "music:-q:a 0", "music:-q:a 5",
				"pink:-q:a 2", "pink:-q:a 4")) {
			String source = vorbis.substring(0, vorbis.indexOf(':'));
			String quality = vorbis.substring(vorbis.indexOf(':') + 1);
			String name = source + "_vorbis" + quality.replaceAll("[^0-9]", "");
			lines.add(String.format(Locale.ROOT, "cd %s && ffmpeg -v error -i %s.wav -c:a libvorbis %s %s.ogg && ffmpeg -v error -i %s.ogg %s.flac",
					dir, source, quality, name, name, name));
			CASES.add(new Case(name, Kind.TRANSCODED, 0));
		}
		for (String silent : List.of("sine", "quiet", "hush")) {
			lines.add("cd " + dir + " && flac -s " + silent + ".wav");
			CASES.add(new Case(silent, Kind.CANNOT_TELL, 0));
		}
		FfmpegPcm.runAll(lines);
	}

	private static String sox(int rate, int channels, String name, String effects) {
		return String.format(Locale.ROOT, "sox -n -r %d -c %d -b 16 %s %s", rate, channels, dir.resolve(name + ".wav"),
				effects);
	}

	@Test
	void everyFileOfTheCorpusIsJudgedRight() {
		assertTrue(CASES.size() >= 24, "the corpus has " + CASES.size() + " files");
		StringBuilder table = new StringBuilder();
		int wrong = 0;
		for (Case c : CASES) {
			Pcm pcm = FfmpegPcm.decode(dir.resolve(c.name() + ".flac"));
			LosslessVerdict verdict = analysis.verdict(pcm);
			boolean right = verdict.kind() == c.kind() && (c.kbps() == 0 || verdict.estimatedKbps() == c.kbps());
			wrong += right ? 0 : 1;
			table.append(String.format(Locale.ROOT, "%-18s %-16s %5.0f Hz %5.1f dB  %-60s %s%n", c.name(), c.kind(),
					verdict.cutoff().hz(), verdict.cutoff().dropDb(), verdict.sentence(), right ? "" : "WRONG"));
		}
		System.out.print(table);
		assertEquals(0, wrong, table.toString());
	}

	@Test
	void cutoffOfLameAt320IsNearTwentyKilohertzWithACliff() {
		LosslessVerdict verdict = analysis.verdict(FfmpegPcm.decode(dir.resolve("white_mp3_320.flac")));
		assertTrue(verdict.cutoff().hz() > 19_900 && verdict.cutoff().hz() < 20_700, verdict.sentence());
		assertTrue(verdict.cutoff().dropDb() > 60, verdict.sentence());
		assertEquals(22_050, verdict.cutoff().nyquistHz());
	}

	@Test
	void genuineNoiseReachesNyquistWithoutDrop() {
		LosslessVerdict verdict = analysis.verdict(FfmpegPcm.decode(dir.resolve("white.flac")));
		assertTrue(verdict.cutoff().hz() > 21_500, verdict.sentence());
		assertEquals(verdict.cutoff(), analysis.cutoff(FfmpegPcm.decode(dir.resolve("white.flac"))));
	}
}
