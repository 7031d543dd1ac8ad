package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import orbit.audio.Pcm;
import orbit.audio.internal.dsp.AnalysisService;
import orbit.audio.internal.dsp.Decimator;
import orbit.audio.internal.dsp.TruePeak;

/**
 * The measurements' shortcuts change no result: the true peak, which skips the points that cannot
 * hold it, equals the interpolation of every point with every tap, also where the analysis hands it
 * the sample peak; the fingerprint's decimation a block at a time equals decimating the whole
 * track's mono mix.
 */
class ShortcutsTest {

	@TempDir
	static Path dir;

	@BeforeAll
	static void encode() {
		SynthMusic.write(dir.resolve("music.wav"), 44_100, 8, 11);
		String sox = "cd " + dir + " && sox -n -b 16 ";
		FfmpegPcm.runAll(List.of( //
				// near Nyquist, where the overshoots between samples are largest
				"cd " + dir + " && sox -n -r 48000 -c 2 -b 24 white48.wav synth 3 whitenoise vol 0.9", //
				sox + "-r 44100 -c 2 square.wav synth 3 square 7000 vol 0.95", //
				// quiet, then loud: most points are skipped, then few
				sox + "-r 44100 -c 1 faint.wav synth 2 pinknoise vol 0.02 && " + sox
						+ "-r 44100 -c 1 loud.wav synth 1 sine 11025 vol 0.99 && sox faint.wav loud.wav steps.wav",
				sox + "-r 44100 -c 6 surround.wav synth 2 pinknoise vol 0.5", //
				"cd " + dir + " && lame --quiet -b 128 music.wav music.mp3"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "white48.wav", "square.wav", "steps.wav", "surround.wav", "music.wav", "music.mp3" })
	void truePeakEqualsEveryPointInterpolated(String name) {
		Pcm pcm = FfmpegPcm.decode(dir.resolve(name));
		assertEquals(TruePeak.everyPoint(pcm), TruePeak.of(pcm), 1e-5, name);
	}

	/** The analysis takes the sample peak the true peak starts from out of its finiteness check. */
	@ParameterizedTest
	@ValueSource(strings = { "white48.wav", "square.wav", "steps.wav", "music.mp3" })
	void analysisTruePeakEqualsEveryPointInterpolated(String name) {
		Pcm pcm = FfmpegPcm.decode(dir.resolve(name));
		assertEquals(TruePeak.everyPoint(pcm), new AnalysisService().analyze(pcm).loudness().truePeakDbtp(), 1e-5, name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "white48.wav", "steps.wav", "surround.wav", "music.mp3" })
	void blockwiseDecimationEqualsWholeTrack(String name) {
		Pcm pcm = FfmpegPcm.decode(dir.resolve(name));
		int factor = Decimator.factor(pcm.sampleRate());
		float[] whole = Decimator.decimate(Decimator.mono(pcm), factor);
		float[] blockwise = Decimator.decimatedMono(pcm, factor);
		assertArrayEquals(whole, blockwise, 1e-6f, name);
	}
}
