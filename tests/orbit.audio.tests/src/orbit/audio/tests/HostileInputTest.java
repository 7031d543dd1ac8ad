package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.audio.Pcm;
import orbit.audio.PcmStream;
import orbit.audio.internal.DecoderService;
import orbit.tests.support.Commands;

/**
 * Damaged, truncated and fake files fail with an error that names the file (and the position
 * reached once decoding started), well within the time bound, never with a stack trace.
 */
class HostileInputTest {

	private static final Duration BOUND = Duration.ofSeconds(20);

	@TempDir
	static Path dir;
	static Path wav;

	private final AudioDecoder decoder = new DecoderService();

	@BeforeAll
	static void source() throws Exception {
		wav = Encoded.wav(dir, "source", 10, 16);
	}

	@Test
	void flacDamagedMidStream() throws Exception {
		Path flac = Encoded.flac(wav, dir.resolve("damaged.flac"));
		long size = Files.size(flac);
		Commands.run("dd", "if=/dev/urandom", "of=" + flac, "bs=1", "seek=" + size / 2, "count=2000", "conv=notrunc");
		AudioException e = assertFailsClearly(flac, "damaged FLAC frame");
		assertTrue(e.seconds() > 2 && e.seconds() < 8, e.getMessage());
	}

	@Test
	void truncatedFlac() throws Exception {
		assertFailsClearly(truncated(Encoded.flac(wav, dir.resolve("cut.flac"))), "ends before its declared");
	}

	@Test
	void truncatedWav() throws Exception {
		assertFailsClearly(truncated(Encoded.sox(wav, dir.resolve("cut.wav"))), "ends before its declared");
	}

	@Test
	void truncatedMp3() throws Exception {
		assertFailsClearly(truncated(Encoded.lame(wav, dir.resolve("cut.mp3"), "-V2")), "ends");
	}

	@Test
	void truncatedVorbis() throws Exception {
		assertFailsClearly(truncated(Encoded.ffmpeg(wav, dir.resolve("cut.ogg"), "-c:a", "libvorbis")), "truncated");
	}

	@Test
	void truncatedOpus() throws Exception {
		assertFailsClearly(truncated(Encoded.ffmpeg(wav, dir.resolve("cut.opus"), "-c:a", "libopus")), "truncated");
	}

	@Test
	void opusCutInsideAPageHeader() throws Exception {
		// FFmpeg decodes it without complaint; the cut is seen only in the page header left at the end.
		Path opus = Encoded.ffmpeg(wav, dir.resolve("header-cut.opus"), "-c:a", "libopus");
		byte[] bytes = Files.readAllBytes(opus);
		int page = -1;
		for (int at = bytes.length / 2; at < bytes.length - 4 && page < 0; at++) {
			if (bytes[at] == 'O' && bytes[at + 1] == 'g' && bytes[at + 2] == 'g' && bytes[at + 3] == 'S') {
				page = at;
			}
		}
		assertTrue(page > 0, "a page after the middle");
		try (RandomAccessFile access = new RandomAccessFile(opus.toFile(), "rw")) {
			access.setLength(page + 11);
		}
		assertFailsClearly(opus, "truncated");
	}

	@Test
	void truncatedM4a() throws Exception {
		assertFailsClearly(truncated(Encoded.ffmpeg(wav, dir.resolve("cut.m4a"), "-c:a", "aac")), "FFmpeg");
	}

	@Test
	void randomBytesWithAudioExtensions() throws Exception {
		Random random = new Random(7);
		for (String name : new String[] { "noise.mp3", "noise.flac", "noise.ogg", "noise.m4a", "noise.wav" }) {
			byte[] bytes = new byte[300_000];
			random.nextBytes(bytes);
			Path file = Files.write(dir.resolve(name), bytes);
			assertFailsClearly(file, "is not audio");
		}
	}

	@Test
	void emptyFile() throws Exception {
		assertFailsClearly(Files.createFile(dir.resolve("empty.flac")), "is empty");
	}

	@Test
	void headerOnlyWav() throws Exception {
		Path wavHeader = dir.resolve("header.wav");
		Files.write(wavHeader, Arrays.copyOf(Files.readAllBytes(wav), 44));
		assertFailsClearly(wavHeader, "ends before its declared");
	}

	@Test
	void passingTheBoundFailsTheNextRead() throws Exception {
		Path flac = Encoded.flac(wav, dir.resolve("slow.flac"));
		try (PcmStream stream = decoder.open(flac, Duration.ofSeconds(1))) {
			float[] samples = new float[4096 * 2];
			assertTrue(stream.read(samples, 4096) > 0);
			Thread.sleep(1100);
			AudioException e = assertThrows(AudioException.class, () -> stream.read(samples, 4096));
			assertEquals(flac + ": decoding took longer than 1 s (at frame " + stream.position() + ", "
					+ String.format(java.util.Locale.ROOT, "%.3f", stream.position() / 44_100.0) + " s)", e.getMessage());
		}
	}

	@Test
	void wholeDecodeIsAbandonedAtTheBound() throws Exception {
		Path mp3 = Encoded.lame(wav, dir.resolve("long.mp3"), "-b", "192");
		long started = System.nanoTime();
		AudioException e = assertThrows(AudioException.class, () -> decoder.decode(mp3, Duration.ofMillis(30)));
		assertTrue(e.getMessage().startsWith(mp3 + ": decoding took longer than"), e.getMessage());
		assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos());
	}

	@Test
	void nonFiniteSamplesAreReplacedAndCounted() throws Exception {
		float[] written = { 0.5f, Float.NaN, Float.POSITIVE_INFINITY, -0.25f, Float.NEGATIVE_INFINITY, 0f };
		Path file = floatWav(dir.resolve("nan.wav"), written);
		Pcm pcm = decoder.decode(file);
		assertEquals(3, pcm.replaced());
		assertTrue(Arrays.equals(new float[] { 0.5f, 0f, 1f, -0.25f, -1f, 0f }, pcm.samples()));
	}

	/** A mono 32-bit float WAV written byte by byte, as no encoder writes NaN. */
	private static Path floatWav(Path file, float[] samples) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(44 + 4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
		bytes.put("RIFF".getBytes()).putInt(36 + 4 * samples.length).put("WAVE".getBytes());
		bytes.put("fmt ".getBytes()).putInt(16).putShort((short) 3).putShort((short) 1).putInt(44_100)
				.putInt(44_100 * 4).putShort((short) 4).putShort((short) 32);
		bytes.put("data".getBytes()).putInt(4 * samples.length);
		for (float sample : samples) {
			bytes.putFloat(sample);
		}
		return Files.write(file, bytes.array());
	}

	/** The file cut to 60 % of its length. */
	private static Path truncated(Path file) throws IOException {
		try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
			access.setLength(access.length() * 6 / 10);
		}
		return file;
	}

	private AudioException assertFailsClearly(Path file, String reason) {
		long started = System.nanoTime();
		AudioException e = assertThrows(AudioException.class, () -> decoder.decode(file, BOUND));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
		assertTrue(e.getMessage().contains(reason), e.getMessage());
		assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("Exception"), e.getMessage());
		assertTrue(took.compareTo(BOUND) < 0, "took " + took);
		return e;
	}
}
