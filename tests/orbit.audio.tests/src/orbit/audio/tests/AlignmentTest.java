package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import orbit.audio.Alignment;
import orbit.audio.Pcm;
import orbit.audio.internal.dsp.AnalysisService;

/**
 * One 30-second recording through MP3, FLAC, Vorbis and AAC matches itself to the millisecond,
 * also with half a second of silence added in front, its first 10 seconds cut, or at another
 * rate; another recording does not match.
 */
class AlignmentTest {

	@TempDir
	static Path dir;

	private static Pcm song;

	private final AnalysisService analysis = new AnalysisService();

	@BeforeAll
	static void encode() {
		SynthMusic.write(dir.resolve("song.wav"), 44_100, 30, 1);
		SynthMusic.write(dir.resolve("other.wav"), 44_100, 30, 2);
		String cd = "cd " + dir + " && ";
		FfmpegPcm.runAll(List.of( //
				cd + "lame --quiet -b 192 song.wav song.mp3", //
				cd + "flac -s song.wav", //
				cd + "ffmpeg -v error -i song.wav -c:a libvorbis song.ogg", //
				cd + "ffmpeg -v error -i song.wav -c:a aac -b:a 128k song.m4a", //
				cd + "sox song.wav padded.wav pad 0.5 0 && lame --quiet -b 128 padded.wav padded.mp3", //
				cd + "sox song.wav cut.wav trim 10 && ffmpeg -v error -i cut.wav -c:a aac -b:a 128k cut.m4a", //
				cd + "sox song.wav -r 48000 song48.wav vol 0.9 && flac -s song48.wav", //
				cd + "sox -n -r 44100 -c 2 -b 16 noise.wav synth 30 whitenoise vol 0.3"));
		song = FfmpegPcm.decode(dir.resolve("song.wav"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "song.mp3", "song.flac", "song.ogg", "song.m4a", "song48.flac" })
	void copiesAreTheSameRecordingAtNoOffset(String copy) {
		Alignment alignment = analysis.align(song, FfmpegPcm.decode(dir.resolve(copy)));
		assertTrue(alignment.sameRecording(), alignment.sentence());
		assertTrue(alignment.confidence() > 0.9, alignment.sentence());
		assertEquals(0, alignment.offsetMillis(), 1, alignment.sentence());
	}

	@Test
	void silenceInFrontOfTheSecondIsAPositiveOffset() {
		Pcm padded = FfmpegPcm.decode(dir.resolve("padded.mp3"));
		Alignment alignment = analysis.align(song, padded);
		assertTrue(alignment.sameRecording(), alignment.sentence());
		assertEquals(500, alignment.offsetMillis(), 1, alignment.sentence());
		assertEquals(-500, analysis.align(padded, song).offsetMillis(), 1);
	}

	@Test
	void aCutIntroIsANegativeOffset() {
		Alignment alignment = analysis.align(song, FfmpegPcm.decode(dir.resolve("cut.m4a")));
		assertTrue(alignment.sameRecording(), alignment.sentence());
		assertEquals(-10_000, alignment.offsetMillis(), 1, alignment.sentence());
	}

	@ParameterizedTest
	@ValueSource(strings = { "other.wav", "noise.wav" })
	void differentRecordingsDoNotMatch(String other) {
		Alignment alignment = analysis.align(song, FfmpegPcm.decode(dir.resolve(other)));
		assertFalse(alignment.sameRecording(), alignment.sentence());
		assertTrue(alignment.confidence() < 0.3, alignment.sentence());
	}

	@Test
	void aShortExcerptIsFoundWhereItWasCut() {
		Pcm excerpt = new Pcm(song.info(), java.util.Arrays.copyOfRange(song.samples(), 44_100 * 2 * 10, 44_100 * 2 * 12),
				44_100 * 2, 0);
		Alignment alignment = analysis.align(song, excerpt);
		assertTrue(alignment.sameRecording(), "two seconds overlap all of the shorter decoding: " + alignment.sentence());
		assertEquals(-10_000, alignment.offsetMillis(), 1);
	}

	@Test
	void aFewSamplesAreNoMatch() {
		Pcm blip = new Pcm(song.info(), java.util.Arrays.copyOf(song.samples(), 200), 100, 0);
		Alignment alignment = analysis.align(song, blip);
		assertFalse(alignment.sameRecording(), alignment.sentence());
		assertEquals(0, alignment.confidence());
	}
}
