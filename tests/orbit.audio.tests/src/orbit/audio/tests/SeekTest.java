package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.audio.AudioDecoder;
import orbit.audio.Pcm;
import orbit.audio.PcmStream;
import orbit.audio.internal.DecoderService;
import orbit.tests.support.Commands;

/** A seek lands on the asked frame: what follows equals the whole decode from there. */
class SeekTest {

	private static final int READ = 1500;

	@TempDir
	static Path dir;
	static Path wav;

	private final AudioDecoder decoder = new DecoderService();

	@BeforeAll
	static void source() throws Exception {
		wav = Encoded.wav(dir, "source", 12, 16);
	}

	@Test
	void wavSeeksExactly() throws Exception {
		assertSeeksExactly(wav);
	}

	@Test
	void aiffSeeksExactly() throws Exception {
		assertSeeksExactly(Encoded.sox(wav, dir.resolve("source.aiff")));
	}

	@Test
	void flacSeeksExactlyThroughItsSeekTable() throws Exception {
		assertSeeksExactly(Encoded.flac(wav, dir.resolve("source.flac")));
	}

	@Test
	void flacWithoutSeekTableSeeksExactly() throws Exception {
		Path flac = dir.resolve("noseek.flac");
		Commands.run("flac", "--silent", "-f", "--no-seektable", "-o", flac.toString(), wav.toString());
		assertSeeksExactly(flac);
	}

	@Test
	void mp3SeeksExactlyByDecodingAndDiscarding() throws Exception {
		assertSeeksExactly(Encoded.lame(wav, dir.resolve("source.mp3"), "-b", "192"));
	}

	/** At 32 kbit/s the bit reservoir reaches back five frames: the frames decoded before a target must cover it. */
	@Test
	void lowBitrateMp3SeeksExactly() throws Exception {
		assertSeeksExactly(Encoded.lame(wav, dir.resolve("low.mp3"), "-b", "32"));
	}

	/** VBR frames differ in length; MPEG 2 and 2.5 frames hold 576 samples and reach back up to 255 bytes. */
	@Test
	void vbrAndLowRateMp3SeekExactly() throws Exception {
		assertSeeksExactly(Encoded.lame(wav, dir.resolve("vbr.mp3"), "-V", "2"));
		assertSeeksExactly(Encoded.lame(wav, dir.resolve("22k.mp3"), "--resample", "22.05", "-b", "32"));
		assertSeeksExactly(Encoded.lame(wav, dir.resolve("8k.mp3"), "--resample", "8", "-b", "8"));
	}

	@Test
	void opusSeeksWithinAFrame() throws Exception {
		assertSeeksWithin(Encoded.ffmpeg(wav, dir.resolve("source.opus"), "-c:a", "libopus"), 960);
	}

	@Test
	void aacSeeksWithinAFrame() throws Exception {
		assertSeeksWithin(Encoded.ffmpeg(wav, dir.resolve("source.m4a"), "-c:a", "aac"), 1024);
	}

	@Test
	void vorbisSeeksExactlyByDecodingAndDiscarding() throws Exception {
		assertSeeksExactly(Encoded.ffmpeg(wav, dir.resolve("source.ogg"), "-c:a", "libvorbis"));
	}

	/**
	 * FFmpeg restarts its decoder at a seek, so the first samples differ a little from a decode
	 * from the start: the position is where the sought samples match the whole decode best.
	 */
	private void assertSeeksWithin(Path file, int codecFrame) throws Exception {
		Pcm whole = decoder.decode(file);
		int channels = whole.channels();
		float[] all = whole.samples();
		Random random = new Random(file.getFileName().toString().hashCode());
		try (PcmStream stream = decoder.open(file, Duration.ofSeconds(30))) {
			for (int i = 0; i < 4; i++) {
				long position = 2 * codecFrame + random.nextLong(whole.frames() - 4 * codecFrame - READ);
				stream.seek(position);
				float[] samples = new float[READ * channels];
				assertEquals(READ, stream.read(samples, READ), "one read from a process");
				int bestLag = 0;
				double bestError = Double.MAX_VALUE;
				for (int lag = -codecFrame; lag <= codecFrame; lag++) {
					double error = 0;
					int from = (int) (position + lag) * channels;
					for (int s = 500 * channels; s < samples.length; s++) {
						double difference = samples[s] - all[from + s];
						error += difference * difference;
					}
					if (error < bestError) {
						bestError = error;
						bestLag = lag;
					}
				}
				assertTrue(Math.abs(bestLag) < codecFrame, file.getFileName() + " at frame " + position + " lands " + bestLag + " frames off");
			}
		}
	}

	/** Random positions, forwards and backwards, and the very start and the last frames. */
	private void assertSeeksExactly(Path file) throws Exception {
		Pcm whole = decoder.decode(file);
		int channels = whole.channels();
		Random random = new Random(file.getFileName().toString().hashCode());
		long[] positions = new long[10];
		for (int i = 0; i < positions.length - 2; i++) {
			positions[i] = random.nextLong(whole.frames() - READ);
		}
		positions[positions.length - 2] = 0;
		positions[positions.length - 1] = whole.frames() - READ;
		float[] samples = new float[READ * channels];
		try (PcmStream stream = decoder.open(file, Duration.ofSeconds(30))) {
			for (long position : positions) {
				stream.seek(position);
				assertEquals(position, stream.position());
				int read = 0;
				float[] chunk = new float[READ * channels];
				while (read < READ) {
					int n = stream.read(chunk, READ - read);
					assertTrue(n > 0, file.getFileName() + " ends at frame " + stream.position());
					System.arraycopy(chunk, 0, samples, read * channels, n * channels);
					read += n;
				}
				int from = (int) (position * channels);
				assertArrayEquals(Arrays.copyOfRange(whole.samples(), from, from + READ * channels), samples,
						file.getFileName() + " at frame " + position);
			}
		}
	}
}
