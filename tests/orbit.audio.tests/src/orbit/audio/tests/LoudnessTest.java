package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import orbit.audio.Codec;
import orbit.audio.Loudness;
import orbit.audio.Pcm;
import orbit.audio.StreamInfo;
import orbit.audio.internal.dsp.AnalysisService;

/** Integrated loudness and true peak agree with FFmpeg's ebur128 filter, at 44.1 and 48 kHz, mono and stereo. */
class LoudnessTest {

	private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS");
	private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+) dBFS");

	@TempDir
	static Path dir;

	private final AnalysisService analysis = new AnalysisService();

	@BeforeAll
	static void encode() {
		SynthMusic.write(dir.resolve("music.wav"), 44_100, 20, 5);
		String sox = "cd " + dir + " && sox -n -b 16 ";
		FfmpegPcm.runAll(List.of( //
				sox + "-r 44100 -c 2 white.wav synth 10 whitenoise vol 0.5", //
				sox + "-r 48000 -c 2 white48.wav synth 10 whitenoise vol 0.5", //
				sox + "-r 48000 -c 1 pink48.wav synth 10 pinknoise vol 0.3", //
				sox + "-r 44100 -c 1 tone.wav synth 10 sine 997 vol 0.5", //
				sox + "-r 48000 -c 2 -b 24 square.wav synth 10 square 3000 vol 0.9", //
				// loud, very quiet (below the relative gate), and between: the gates decide the answer
				sox + "-r 44100 -c 2 loud.wav synth 4 pinknoise vol 0.5 && " + sox
						+ "-r 44100 -c 2 faint.wav synth 4 pinknoise vol 0.01 && " + sox
						+ "-r 44100 -c 2 mid.wav synth 4 pinknoise vol 0.1 && sox loud.wav faint.wav mid.wav steps.wav",
				"cd " + dir + " && lame --quiet -b 192 music.wav music.mp3"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "white.wav", "white48.wav", "pink48.wav", "tone.wav", "square.wav", "steps.wav", "music.wav",
			"music.mp3" })
	void agreesWithFfmpeg(String name) {
		Path file = dir.resolve(name);
		Loudness loudness = analysis.loudness(FfmpegPcm.decode(file));
		String output = FfmpegPcm.run("ffmpeg", "-nostats", "-i", file.toString(), "-af", "ebur128=peak=true", "-f",
				"null", "-");
		String summary = output.substring(output.lastIndexOf("Summary:"));
		double integrated = number(INTEGRATED, summary);
		double peak = number(PEAK, summary);
		System.out.printf(Locale.ROOT, "%-12s %7.2f LUFS (FFmpeg %6.1f)  %6.2f dBTP (FFmpeg %5.1f)%n", name,
				loudness.integratedLufs(), integrated, loudness.truePeakDbtp(), peak);
		// FFmpeg rounds to 0.1: its own error is up to 0.05 more
		assertEquals(integrated, loudness.integratedLufs(), 0.2 + 0.05, name);
		assertEquals(peak, loudness.truePeakDbtp(), 0.3 + 0.05, name);
	}

	@Test
	void fullScaleSineAtOneKilohertzInBothChannelsIsZeroLufs() {
		// BS.1770: a 997 Hz sine at 0 dBFS in one channel reads -3.01 LKFS; in two, 0
		int rate = 48_000;
		float[] samples = new float[rate * 5 * 2];
		for (int i = 0; i < samples.length / 2; i++) {
			samples[2 * i] = samples[2 * i + 1] = (float) Math.sin(2 * Math.PI * 997 * i / rate);
		}
		Loudness loudness = analysis.loudness(pcm(rate, 2, samples));
		assertEquals(0, loudness.integratedLufs(), 0.02);
		assertEquals(0, loudness.truePeakDbtp(), 0.01);
	}

	@Test
	void silenceIsMinusInfinity() {
		Loudness loudness = analysis.loudness(pcm(44_100, 2, new float[44_100 * 2 * 3]));
		assertEquals(Double.NEGATIVE_INFINITY, loudness.integratedLufs());
		assertEquals(Double.NEGATIVE_INFINITY, loudness.truePeakDbtp());
	}

	@Test
	void lessThanOneGatingBlockIsMinusInfinityButHasAPeak() {
		float[] samples = new float[44_100 * 3 / 10];
		samples[100] = 0.5f;
		Loudness loudness = analysis.loudness(pcm(44_100, 1, samples));
		assertEquals(Double.NEGATIVE_INFINITY, loudness.integratedLufs());
		assertEquals(-6.02, loudness.truePeakDbtp(), 0.01);
	}

	private static Pcm pcm(int rate, int channels, float[] samples) {
		long frames = samples.length / channels;
		return new Pcm(new StreamInfo(Path.of("synthetic.wav"), Codec.WAV, rate, channels, 32, frames, 0), samples,
				frames, 0);
	}

	private static double number(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new AssertionError("no " + pattern + " in " + text);
		}
		return Double.parseDouble(matcher.group(1));
	}
}
