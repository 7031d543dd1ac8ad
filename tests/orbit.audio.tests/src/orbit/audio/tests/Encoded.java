package orbit.audio.tests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import orbit.tests.support.Commands;

/** Real files made by the real encoders, and the reference tools' decodes of them. */
final class Encoded {

	private Encoded() {
	}

	/** Stereo 44.1 kHz pink noise with a tone: broadband, so that every codec has work to do. */
	static Path wav(Path dir, String name, int seconds, int bits) throws IOException, InterruptedException {
		Path wav = dir.resolve(name + ".wav");
		Commands.run("sox", "-n", "-r", "44100", "-b", Integer.toString(bits), "-c", "2", wav.toString(), "synth",
				Integer.toString(seconds), "pinknoise", "synth", "sine", "mix", "440", "gain", "-8");
		return wav;
	}

	static Path sox(Path source, Path target, String... options) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("sox", source.toString()));
		command.addAll(List.of(options));
		command.add(target.toString());
		Commands.run(command.toArray(String[]::new));
		return target;
	}

	static Path flac(Path wav, Path flac) throws IOException, InterruptedException {
		Commands.run("flac", "--silent", "-f", "-5", "-o", flac.toString(), wav.toString());
		return flac;
	}

	static Path lame(Path wav, Path mp3, String... options) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("lame", "--quiet"));
		command.addAll(List.of(options));
		command.add(wav.toString());
		command.add(mp3.toString());
		Commands.run(command.toArray(String[]::new));
		return mp3;
	}

	static Path ffmpeg(Path source, Path target, String... codec) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", source.toString()));
		command.addAll(List.of(codec));
		command.add(target.toString());
		Commands.run(command.toArray(String[]::new));
		return target;
	}

	/** sox's decode to 32-bit float: exact for integer sources of up to 24 bits. */
	static float[] soxFloats(Path file) throws IOException, InterruptedException {
		Path raw = file.resolveSibling(file.getFileName() + ".sox.f32");
		Commands.run("sox", file.toString(), "-t", "f32", raw.toString());
		return floats(raw);
	}

	/** FFmpeg's decode to 32-bit float, which honours the LAME tag and Ogg granules. */
	static float[] ffmpegFloats(Path file) throws IOException, InterruptedException {
		Path raw = file.resolveSibling(file.getFileName() + ".ffmpeg.f32");
		Commands.run("ffmpeg", "-v", "error", "-y", "-i", file.toString(), "-f", "f32le", raw.toString());
		return floats(raw);
	}

	private static float[] floats(Path raw) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
		float[] samples = new float[bytes.remaining() / 4];
		bytes.asFloatBuffer().get(samples);
		Files.delete(raw);
		return samples;
	}

	/** The Pearson correlation of two equally long signals. */
	static double correlation(float[] a, float[] b) {
		int n = Math.min(a.length, b.length);
		double meanA = 0;
		double meanB = 0;
		for (int i = 0; i < n; i++) {
			meanA += a[i];
			meanB += b[i];
		}
		meanA /= n;
		meanB /= n;
		double ab = 0;
		double aa = 0;
		double bb = 0;
		for (int i = 0; i < n; i++) {
			double x = a[i] - meanA;
			double y = b[i] - meanB;
			ab += x * y;
			aa += x * x;
			bb += y * y;
		}
		return ab / Math.sqrt(aa * bb);
	}
}
