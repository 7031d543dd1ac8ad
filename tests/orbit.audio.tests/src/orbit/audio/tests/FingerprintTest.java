package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import orbit.audio.Fingerprint;
import orbit.audio.internal.dsp.AnalysisService;

/**
 * Fingerprints of one recording through MP3, FLAC, Vorbis and AAC agree in most bits; those of
 * different recordings in about half.
 */
class FingerprintTest {

	@TempDir
	static Path dir;

	private static Fingerprint song;

	private final AnalysisService analysis = new AnalysisService();

	@BeforeAll
	static void encode() {
		SynthMusic.write(dir.resolve("song.wav"), 44_100, 20, 3);
		SynthMusic.write(dir.resolve("other.wav"), 44_100, 20, 4);
		String cd = "cd " + dir + " && ";
		FfmpegPcm.runAll(List.of( //
				cd + "lame --quiet -b 128 song.wav song.mp3", //
				cd + "flac -s song.wav", //
				cd + "ffmpeg -v error -i song.wav -c:a libvorbis -q:a 1 song.ogg", //
				cd + "ffmpeg -v error -i song.wav -c:a aac -b:a 96k song.m4a", //
				cd + "sox song.wav -r 48000 song48.wav vol 0.9", //
				cd + "sox -n -r 44100 -c 2 -b 16 noiseA.wav synth 20 whitenoise vol 0.3", //
				cd + "sox -R -n -r 44100 -c 2 -b 16 noiseB.wav synth 20 whitenoise vol 0.3", //
				cd + "sox -n -r 44100 -c 2 -b 16 sweep.wav synth 20 sine 100-5000 vol 0.3"));
		song = new AnalysisService().fingerprint(FfmpegPcm.decode(dir.resolve("song.wav")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "song.mp3", "song.flac", "song.ogg", "song.m4a", "song48.wav" })
	void copiesAgreeInMostBits(String copy) {
		double similarity = song.similarity(analysis.fingerprint(FfmpegPcm.decode(dir.resolve(copy))), 1);
		System.out.printf("%s: similarity %.3f%n", copy, similarity);
		assertTrue(similarity > 0.85, copy + ": " + similarity);
	}

	@ParameterizedTest
	@CsvSource({ "song.wav, other.wav", "noiseA.wav, noiseB.wav", "song.wav, noiseA.wav", "sweep.wav, other.wav" })
	void differentRecordingsAgreeInAboutHalf(String first, String second) {
		double similarity = analysis.fingerprint(FfmpegPcm.decode(dir.resolve(first)))
				.similarity(analysis.fingerprint(FfmpegPcm.decode(dir.resolve(second))), 1);
		System.out.printf("%s, %s: similarity %.3f%n", first, second, similarity);
		assertTrue(similarity > 0.4 && similarity < 0.6, first + ", " + second + ": " + similarity);
	}

	@Test
	void tenHashesASecondTheSameEveryTime() {
		Fingerprint again = analysis.fingerprint(FfmpegPcm.decode(dir.resolve("song.wav")));
		assertArrayEquals(song.hashes(), again.hashes());
		assertEquals(song.encoded(), again.encoded());
		assertEquals(0.1, song.hopSeconds(), 0.001);
		// 20 s less the first frame's 0.37 s, one hash per hop after the first frame
		assertEquals(196, song.hashes().length, 2);
	}
}
