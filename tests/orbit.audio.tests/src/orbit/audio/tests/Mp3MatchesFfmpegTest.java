package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * and mono, CBR and VBR, CRC-protected frames, and transients that LAME codes in short blocks.
 * LAME writes no intensity stereo: it is compared on LAME's joint stereo frames with the intensity
 * bit set afterwards, which makes every decoder take the bands above the right channel's last
 * coded line as intensity coded. No encoder at hand writes mixed blocks.
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

	@Test
	void crcProtectedFrames() throws Exception {
		assertMatchesFfmpeg(Encoded.lame(noise, dir.resolve("crc.mp3"), "-p", "-b", "128"), 44_100, 2);
		assertMatchesFfmpeg(Encoded.lame(music, dir.resolve("crc-22k.mp3"), "-p", "--resample", "22.05", "-b", "48"),
				22_050, 2);
	}

	@Test
	void intensityStereo() throws Exception {
		assertIntensityMatchesFfmpeg(Encoded.lame(music, dir.resolve("joint.mp3"), "-V", "2"), 44_100);
		assertIntensityMatchesFfmpeg(Encoded.lame(clicks, dir.resolve("joint-short.mp3"), "-b", "128"), 44_100);
		assertIntensityMatchesFfmpeg(Encoded.lame(music, dir.resolve("joint-22k.mp3"), "--resample", "22.05", "-b", "64"),
				22_050);
		assertIntensityMatchesFfmpeg(Encoded.lame(noise, dir.resolve("joint-16k.mp3"), "--resample", "16", "-b", "48"),
				16_000);
	}

	private void assertIntensityMatchesFfmpeg(Path joint, int rate) throws Exception {
		Path intensity = withIntensityStereo(joint);
		assertFalse(Arrays.equals(Encoded.ffmpegFloats(joint), Encoded.ffmpegFloats(intensity)),
				"the intensity bit changes the decode");
		assertMatchesFfmpeg(intensity, rate, 2);
	}

	/** A copy with the intensity stereo bit of the mode extension set in every joint stereo frame. */
	private static Path withIntensityStereo(Path mp3) throws Exception {
		byte[] bytes = Files.readAllBytes(mp3);
		int joint = 0;
		// The first frame is LAME's Info frame, which holds no audio.
		for (int at = frameLength(bytes, 0); at + 4 <= bytes.length;) {
			int length = frameLength(bytes, at);
			if (length <= 0) {
				break;
			}
			if ((bytes[at + 3] & 0xC0) == 0x40) {
				bytes[at + 3] |= 0x10;
				joint++;
			}
			at += length;
		}
		assertTrue(joint > 10, joint + " joint stereo frames");
		return Files.write(mp3.resolveSibling("intensity-" + mp3.getFileName()), bytes);
	}

	/** The length of the layer III frame at {@code at} (LAME writes no CRC), or 0 when none starts there. */
	private static int frameLength(byte[] bytes, int at) {
		if ((bytes[at] & 0xFF) != 0xFF || (bytes[at + 1] & 0xE0) != 0xE0) {
			return 0;
		}
		int version = bytes[at + 1] >> 3 & 3;
		int bitrateIndex = (bytes[at + 2] & 0xFF) >> 4;
		int rate = new int[] { 44_100, 48_000, 32_000 }[bytes[at + 2] >> 2 & 3] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
		int kbps = (version == 3 ? new int[] { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 }
				: new int[] { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 })[bitrateIndex];
		return (version == 3 ? 144_000 : 72_000) * kbps / rate + (bytes[at + 2] >> 1 & 1);
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
