package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.audio.AudioDecoder;
import orbit.audio.Codec;
import orbit.audio.Pcm;
import orbit.audio.internal.DecoderService;
import orbit.tests.support.Commands;

/**
 * Our layer III decoder gives FFmpeg's samples, to float rounding, on real LAME encodes of every
 * kind LAME writes: MPEG 1, MPEG 2 and MPEG 2.5 rates, stereo, joint stereo (M/S), dual channel
 * and mono, CBR and VBR, and transients that LAME codes in short blocks. LAME writes no intensity
 * stereo and no mixed blocks, so those are not compared here.
 */
class Mp3MatchesFfmpegTest {

	/** Float decoders differ by rounding only: a wrong table or window would differ by far more. */
	private static final double MAX_DIFFERENCE = 1e-4;

	@TempDir
	static Path dir;
	static Path noise;
	static Path music;
	static Path clicks;

	private final AudioDecoder decoder = new DecoderService();

	@BeforeAll
	static void sources() throws Exception {
		noise = Encoded.wav(dir, "noise", 4, 16);
		music = SynthMusic.write(dir.resolve("music.wav"), 44_100, 4, 3);
		clicks = dir.resolve("clicks.wav");
		// A square wave's edges over noise: attacks that make LAME switch to short blocks.
		Commands.run("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", clicks.toString(), "synth", "4", "square", "3",
				"pinknoise", "mix", "gain", "-3");
	}

	@Test
	void mpeg1Stereo320() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(noise, dir.resolve("stereo320.mp3"), "-m", "s", "-b", "320"), 44_100, 2);
	}

	@Test
	void jointStereoVbr() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(music, dir.resolve("v2.mp3"), "-V", "2"), 44_100, 2);
	}

	@Test
	void forcedMidSideAndDualChannel() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(noise, dir.resolve("ms.mp3"), "-m", "f", "-b", "128"), 44_100, 2);
		assertMatchesFfmpeg(Encoded.lame(noise, dir.resolve("dual.mp3"), "-m", "d", "-b", "192"), 44_100, 2);
	}

	@Test
	void mono() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(music, dir.resolve("mono.mp3"), "-m", "m", "-b", "96"), 44_100, 1);
	}

	@Test
	void mpeg1At48000And32000() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(noise, dir.resolve("48k.mp3"), "--resample", "48", "-b", "192"), 48_000, 2);
		assertMatchesFfmpeg(Encoded.lame(noise, dir.resolve("32k.mp3"), "--resample", "32", "-b", "128"), 32_000, 2);
	}

	@Test
	void mpeg2At22050() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(music, dir.resolve("22k.mp3"), "--resample", "22.05", "-b", "64"), 22_050, 2);
	}

	@Test
	void mpeg2At16000JointStereo() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(noise, dir.resolve("16k.mp3"), "--resample", "16", "-m", "j", "-b", "48"),
				16_000, 2);
	}

	@Test
	void mpeg25At11025And8000() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(music, dir.resolve("11k.mp3"), "--resample", "11.025", "-b", "32"), 11_025, 2);
		assertMatchesFfmpeg(Encoded.lame(music, dir.resolve("8k.mp3"), "--resample", "8", "-b", "24"), 8_000, 2);
	}

	@Test
	void shortBlocks() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(clicks, dir.resolve("clicks.mp3"), "-b", "128"), 44_100, 2);
		assertMatchesFfmpeg(Encoded.lame(clicks, dir.resolve("clicks-v2.mp3"), "-V", "2"), 44_100, 2);
		assertMatchesFfmpeg(Encoded.lame(clicks, dir.resolve("clicks-22k.mp3"), "--resample", "22.05", "-b", "64"),
				22_050, 2);
		assertMatchesFfmpeg(Encoded.lame(clicks, dir.resolve("clicks-8k.mp3"), "--resample", "8", "-b", "16"), 8_000, 2);
	}

	private void assertMatchesFfmpeg(Path mp3, int rate, int channels) throws Exception {
		Pcm pcm = decoder.decode(mp3);
		assertEquals(Codec.MP3, pcm.info().codec());
		assertEquals(rate, pcm.sampleRate());
		assertEquals(channels, pcm.channels());
		float[] reference = Encoded.ffmpegFloats(mp3);
		float[] samples = pcm.samples();
		assertEquals(reference.length, samples.length, "decoded length");
		double largest = 0;
		for (int i = 0; i < samples.length; i++) {
			largest = Math.max(largest, Math.abs(samples[i] - reference[i]));
		}
		double correlation = Encoded.correlation(reference, samples);
		String measured = String.format(Locale.ROOT, "%s: largest difference from FFmpeg %.2e, correlation %.9f",
				mp3.getFileName(), largest, correlation);
		System.out.println(measured);
		assertTrue(largest < MAX_DIFFERENCE, measured);
		assertTrue(correlation > 0.99999, measured);
	}
}
