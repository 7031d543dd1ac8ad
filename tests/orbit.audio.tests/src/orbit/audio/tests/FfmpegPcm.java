package orbit.audio.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import orbit.audio.Codec;
import orbit.audio.Pcm;
import orbit.audio.StreamInfo;

/**
 * Test audio made by the real encoders (sox, lame, flac, ffmpeg) and decoded to PCM by FFmpeg,
 * so that the measurements can be tested without the bundle's own decoders.
 */
final class FfmpegPcm {

	private FfmpegPcm() {
	}

	/** The file decoded by FFmpeg to 32-bit floats at its own rate and channels. */
	static Pcm decode(Path file) {
		String[] probe = run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
				"stream=sample_rate,channels", "-of", "csv=p=0", file.toString()).trim().split(",");
		int rate = Integer.parseInt(probe[0].trim());
		int channels = Integer.parseInt(probe[1].trim());
		byte[] bytes = execute("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "f32le", "-acodec", "pcm_f32le",
				"-").out();
		float[] samples = new float[bytes.length / 4];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
		long frames = samples.length / channels;
		String name = file.getFileName().toString();
		Codec codec = Codec.ofExtension(name.substring(name.lastIndexOf('.') + 1));
		return new Pcm(new StreamInfo(file, codec, rate, channels, 0, frames, 0), samples, frames, 0);
	}

	/** Runs a command that must succeed, and returns what it printed on standard output, then on standard error. */
	static String run(String... command) {
		Output output = execute(command);
		return new String(output.out(), StandardCharsets.UTF_8) + new String(output.err(), StandardCharsets.UTF_8);
	}

	private record Output(byte[] out, byte[] err) {
	}

	private static Output execute(String... command) {
		try {
			Process process = new ProcessBuilder(command).start();
			CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
			byte[] out = readAll(process.getInputStream());
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: "
						+ new String(errors.join(), StandardCharsets.UTF_8));
			}
			return new Output(out, errors.join());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static byte[] readAll(InputStream in) {
		try (in) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toByteArray();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Runs shell command lines, two at a time (the machine's cores), each of which must succeed. */
	static void runAll(List<String> lines) {
		List<CompletableFuture<String>> running = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (String line : lines) {
				running.add(CompletableFuture.supplyAsync(() -> run("sh", "-c", line), pool));
			}
			running.forEach(CompletableFuture::join);
		} finally {
			pool.shutdown();
		}
	}
}
