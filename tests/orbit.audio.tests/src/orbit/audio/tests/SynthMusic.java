package orbit.audio.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A musical-ish recording written as a 16-bit WAV: plucked notes with decaying harmonics and
 * hi-hat-like noise bursts at random onsets, panned across the stereo field. Unlike a loop of
 * synthesised notes it never repeats, so an alignment has one right answer; two seeds give two
 * different recordings of the same kind.
 */
final class SynthMusic {

	private SynthMusic() {
	}

	static Path write(Path wav, int rate, double seconds, long seed) {
		Random random = new Random(seed);
		int frames = (int) (seconds * rate);
		float[] left = new float[frames];
		float[] right = new float[frames];
		for (double onset = 0; onset < seconds; onset += -Math.log(1 - random.nextDouble()) / 5) {
			double pan = random.nextDouble();
			if (random.nextDouble() < 0.3) {
				burst(left, right, rate, onset, pan, random);
			} else {
				note(left, right, rate, onset, pan, 80 * Math.pow(2, random.nextInt(36) / 12.0), random);
			}
		}
		ByteBuffer bytes = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
		bytes.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes()).put("fmt ".getBytes());
		bytes.putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4).putShort((short) 4)
				.putShort((short) 16).put("data".getBytes()).putInt(frames * 4);
		for (int i = 0; i < frames; i++) {
			bytes.putShort(pcm16(left[i])).putShort(pcm16(right[i]));
		}
		try {
			return Files.write(wav, bytes.array());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void note(float[] left, float[] right, int rate, double onset, double pan, double hz,
			Random random) {
		double amplitude = 0.05 + 0.1 * random.nextDouble();
		double decay = 2 + 6 * random.nextDouble();
		int from = (int) (onset * rate);
		int to = Math.min(left.length, from + (int) (1.5 * rate));
		for (int i = from; i < to; i++) {
			double t = (i - from) / (double) rate;
			double sample = 0;
			for (int h = 1; h <= 6 && h * hz < rate / 2.0; h++) {
				sample += Math.sin(2 * Math.PI * h * hz * t) * Math.exp(-decay * h * t) / h;
			}
			sample *= amplitude * Math.min(1, t * 500);
			left[i] += (float) (sample * (1 - pan));
			right[i] += (float) (sample * pan);
		}
	}

	private static void burst(float[] left, float[] right, int rate, double onset, double pan, Random random) {
		double amplitude = 0.05 + 0.1 * random.nextDouble();
		int from = (int) (onset * rate);
		int to = Math.min(left.length, from + (int) (0.15 * rate));
		for (int i = from; i < to; i++) {
			double t = (i - from) / (double) rate;
			double sample = amplitude * random.nextGaussian() * Math.exp(-30 * t);
			left[i] += (float) (sample * (1 - pan));
			right[i] += (float) (sample * pan);
		}
	}

	private static short pcm16(float sample) {
		return (short) Math.round(Math.max(-1, Math.min(1, sample)) * 32767);
	}
}
