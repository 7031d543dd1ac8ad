package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.audio.AudioDecoder;
import orbit.audio.Codec;
import orbit.audio.Pcm;
import orbit.audio.StreamInfo;
import orbit.audio.internal.DecoderService;
import orbit.tests.support.OsgiServices;

/** Every codec decodes to what the reference tools decode, in length and in samples. */
class DecoderTest {

	private static final int SECONDS = 6;
	private static final long FRAMES = SECONDS * 44_100L;

	@TempDir
	static Path dir;
	static Path wav16;

	private final AudioDecoder decoder = new DecoderService();

	@BeforeAll
	static void source() throws Exception {
		wav16 = Encoded.wav(dir, "source", SECONDS, 16);
	}

	@Test
	void wav16IsBitIdenticalToSox() throws Exception {
		assertLossless(wav16, Codec.WAV, 16);
	}

	@Test
	void wav24IsBitIdenticalToSox() throws Exception {
		assertLossless(Encoded.wav(dir, "source24", SECONDS, 24), Codec.WAV, 24);
	}

	@Test
	void floatWavIsBitIdenticalToSox() throws Exception {
		assertLossless(Encoded.sox(wav16, dir.resolve("float.wav"), "-e", "floating-point", "-b", "32"), Codec.WAV, 32);
	}

	@Test
	void aiffIsBitIdenticalToSox() throws Exception {
		assertLossless(Encoded.sox(wav16, dir.resolve("source.aiff")), Codec.AIFF, 16);
	}

	@Test
	void otherPcmLayoutsAreBitIdenticalToSox() throws Exception {
		assertLossless(Encoded.sox(wav16, dir.resolve("8bit.wav"), "-b", "8"), Codec.WAV, 8);
		assertLossless(Encoded.sox(wav16, dir.resolve("32bit.wav"), "-b", "32"), Codec.WAV, 32);
		assertLossless(Encoded.sox(wav16, dir.resolve("24bit.aiff"), "-b", "24"), Codec.AIFF, 24);
		assertLossless(Encoded.ffmpeg(wav16, dir.resolve("little-endian.aifc"), "-c:a", "pcm_s16le", "-f", "aiff"),
				Codec.AIFF, 16);
		assertLossless(Encoded.ffmpeg(wav16, dir.resolve("float.aifc"), "-c:a", "pcm_f32be", "-f", "aiff"), Codec.AIFF,
				32);
	}

	@Test
	void flacIsBitIdenticalToSox() throws Exception {
		assertLossless(Encoded.flac(Encoded.wav(dir, "flac24", SECONDS, 24), dir.resolve("source24.flac")), Codec.FLAC,
				24);
	}

	@Test
	void flacNamedMp3DecodesAsFlac() throws Exception {
		Path disguised = Encoded.flac(wav16, dir.resolve("disguised.mp3"));
		Pcm pcm = decoder.decode(disguised);
		assertEquals(Codec.FLAC, pcm.info().codec());
		assertArrayEquals(Encoded.soxFloats(wav16), pcm.samples());
	}

	@Test
	void cbrMp3DecodesToTheSourceLength() throws Exception {
		assertGapless(Encoded.lame(wav16, dir.resolve("cbr.mp3"), "-b", "192"));
	}

	@Test
	void vbrMp3DecodesToTheSourceLength() throws Exception {
		assertGapless(Encoded.lame(wav16, dir.resolve("vbr.mp3"), "-V2"));
	}

	/** An ID3v1 tag after the last frame is neither a frame nor a cut one: it must not cost the last frame. */
	@Test
	void taggedMp3KeepsItsLastFrame() throws Exception {
		assertGapless(Encoded.lame(wav16, dir.resolve("tagged.mp3"), "-b", "192", "--tt", "Title", "--ta", "Artist",
				"--add-id3v2"));
	}

	@Test
	void mp3WithoutLameTagDecodesEveryFrame() throws Exception {
		Path mp3 = Encoded.lame(wav16, dir.resolve("untagged.mp3"), "-t", "-b", "192");
		Pcm pcm = decoder.decode(mp3);
		assertEquals(-1, pcm.info().frames(), "no Xing frame declares a length");
		float[] reference = Encoded.ffmpegFloats(mp3);
		assertEquals(reference.length, pcm.samples().length);
		assertTrue(pcm.frames() > FRAMES, "the encoder delay and padding stay");
		double correlation = Encoded.correlation(reference, pcm.samples());
		assertTrue(correlation > 0.999, "correlation with FFmpeg " + correlation);
	}

	/** Cover art makes ID3v2 tags larger than the first bytes the codec is searched in. */
	@Test
	void audioAfterALargeId3TagIsFound() throws Exception {
		Path mp3 = Encoded.lame(wav16, dir.resolve("plain.mp3"), "-b", "192");
		Path flac = Encoded.flac(wav16, dir.resolve("plain.flac"));
		assertArrayEquals(decoder.decode(mp3).samples(), decoder.decode(withId3Tag(mp3, 200_000)).samples());
		Pcm tagged = decoder.decode(withId3Tag(flac, 200_000));
		assertEquals(Codec.FLAC, tagged.info().codec());
		assertArrayEquals(decoder.decode(flac).samples(), tagged.samples());
	}

	/** A copy of the file behind an ID3v2.3 tag of {@code size} bytes of padding. */
	private static Path withId3Tag(Path file, int size) throws Exception {
		byte[] header = { 'I', 'D', '3', 3, 0, 0, (byte) (size >> 21 & 0x7F), (byte) (size >> 14 & 0x7F),
				(byte) (size >> 7 & 0x7F), (byte) (size & 0x7F) };
		Path tagged = file.resolveSibling("tagged-" + file.getFileName());
		try (OutputStream out = Files.newOutputStream(tagged)) {
			out.write(header);
			out.write(new byte[size]);
			Files.copy(file, out);
		}
		return tagged;
	}

	@Test
	void vorbisMatchesFfmpeg() throws Exception {
		assertLossy(Encoded.ffmpeg(wav16, dir.resolve("source.ogg"), "-c:a", "libvorbis"), Codec.VORBIS, 44_100, 0);
	}

	@Test
	void opusDecodesAt48kHzAsFfmpegDoes() throws Exception {
		assertLossy(Encoded.ffmpeg(wav16, dir.resolve("source.opus"), "-c:a", "libopus"), Codec.OPUS, 48_000, 960);
	}

	@Test
	void aacMatchesFfmpeg() throws Exception {
		assertLossy(Encoded.ffmpeg(wav16, dir.resolve("source.m4a"), "-c:a", "aac"), Codec.AAC, 44_100, 1024);
	}

	@Test
	void serviceIsRegisteredAndProbesTheHeaderOnly() throws Exception {
		Path flac = Encoded.flac(wav16, dir.resolve("probe.flac"));
		StreamInfo info = OsgiServices.with(AudioDecoder.class, service -> {
			try {
				return service.probe(flac);
			} catch (Exception e) {
				throw new AssertionError(e);
			}
		});
		assertEquals(new StreamInfo(flac, Codec.FLAC, 44_100, 2, 16, FRAMES, info.bitrateKbps()), info);
		assertTrue(info.bitrateKbps() > 100 && info.bitrateKbps() < 1411, info.toString());
	}

	private void assertLossless(Path file, Codec codec, int bits) throws Exception {
		Pcm pcm = decoder.decode(file);
		assertEquals(codec, pcm.info().codec());
		assertEquals(bits, pcm.info().bitsPerSample());
		assertEquals(FRAMES, pcm.frames());
		assertEquals(FRAMES, pcm.info().frames());
		assertArrayEquals(Encoded.soxFloats(file), pcm.samples(), file.toString());
		assertEquals(0, pcm.replaced());
	}

	private void assertGapless(Path mp3) throws Exception {
		Pcm pcm = decoder.decode(mp3);
		assertEquals(Codec.MP3, pcm.info().codec());
		assertEquals(FRAMES, pcm.frames(), "the LAME tag's delay and padding trimmed");
		assertEquals(FRAMES, pcm.info().frames());
		float[] reference = Encoded.ffmpegFloats(mp3);
		assertEquals(reference.length, pcm.samples().length);
		double correlation = Encoded.correlation(reference, pcm.samples());
		assertTrue(correlation > 0.999, "correlation with FFmpeg " + correlation);
	}

	private void assertLossy(Path file, Codec codec, int rate, int tolerance) throws Exception {
		Pcm pcm = decoder.decode(file);
		assertEquals(codec, pcm.info().codec());
		assertEquals(rate, pcm.sampleRate());
		assertEquals(2, pcm.channels());
		float[] reference = Encoded.ffmpegFloats(file);
		long referenceFrames = reference.length / 2;
		assertTrue(Math.abs(pcm.frames() - referenceFrames) <= tolerance,
				pcm.frames() + " frames decoded, FFmpeg decodes " + referenceFrames);
		assertTrue(Math.abs(pcm.info().frames() - pcm.frames()) <= Math.max(tolerance, 1024),
				pcm.info().frames() + " frames declared, " + pcm.frames() + " decoded");
		double correlation = Encoded.correlation(reference, pcm.samples());
		assertTrue(correlation > 0.999, "correlation with FFmpeg " + correlation);
	}
}
