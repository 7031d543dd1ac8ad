package orbit.audio.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import orbit.audio.Alignment;
import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.audio.Pcm;
import orbit.audio.PcmStream;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;

/**
 * Decoding and measuring a 5-minute track beside the reference tools, in one run: FLAC against
 * {@code flac -d}, MP3 and AAC against {@code ffmpeg -f f32le}, each single-threaded and
 * writing nowhere; then the full analysis (cutoff, fingerprint, loudness) beside ffmpeg's
 * {@code ebur128} loudness pass, and the alignment of two decodings. Medians of five runs, the
 * tools alternating.
 */
class AudioBenchmark {

	static final int RUNS = 5;
	static final int SECONDS = 300;

	@Test
	void decodeAndAnalyzeBesideFlacAndFfmpeg() throws Exception {
		Path work = Files.createDirectories(Path.of(System.getProperty("orbit.test.output", "target")).resolve("audio-5min"));
		Path wav = work.resolve("track.wav");
		Path flac = work.resolve("track.flac");
		Path mp3 = work.resolve("track.mp3");
		Path aac = work.resolve("track.m4a");
		if (!Files.exists(aac)) {
			// Music-like material: a chord that moves, a noise bed and plucks, broadband up to 22 kHz.
			Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", Integer.toString(SECONDS),
					"pluck", "220", "sine", "330-660", "pinknoise", "tremolo", "3", "60", "gain", "-6");
			Commands.run("flac", "-s", "-f", "-o", flac.toString(), wav.toString());
			Commands.run("lame", "--quiet", "-b", "256", wav.toString(), mp3.toString());
			Commands.run("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-c:a", "aac", "-b:a", "192k", aac.toString());
		}
		StringBuilder t = new StringBuilder();
		t.append(String.format(Locale.ROOT, "=== Audio: a %d-minute stereo track, median of %d runs, single thread ===%n",
				SECONDS / 60, RUNS));
		OsgiServices.with(AudioDecoder.class, decoder -> {
			try {
				decodeRow(t, "FLAC decode vs flac -d", () -> orbitDecode(decoder, flac),
						() -> tool("flac", "-d", "-s", "-c", flac.toString()));
				decodeRow(t, "MP3 decode vs ffmpeg", () -> orbitDecode(decoder, mp3), () -> tool("ffmpeg", "-v", "error",
						"-threads", "1", "-i", mp3.toString(), "-f", "f32le", "-"));
				decodeRow(t, "AAC decode vs ffmpeg", () -> orbitDecode(decoder, aac), () -> tool("ffmpeg", "-v", "error",
						"-threads", "1", "-i", aac.toString(), "-f", "f32le", "-"));
				Pcm fromFlac = decoder.decode(flac);
				Pcm fromMp3 = decoder.decode(mp3);
				OsgiServices.with(AudioAnalysis.class, analysis -> {
					analysisRows(t, analysis, fromFlac, fromMp3, flac);
					return null;
				});
			} catch (Exception e) {
				throw new AssertionError(e);
			}
			return null;
		});
		t.append("=== end ===\n");
		System.out.print(t);
	}

	private static void analysisRows(StringBuilder t, AudioAnalysis analysis, Pcm flac, Pcm mp3, Path flacFile) {
		analysis.analyze(flac);
		List<Double> ours = new ArrayList<>(), ffmpeg = new ArrayList<>(), aligned = new ArrayList<>();
		Alignment alignment = null;
		for (int run = 0; run < RUNS; run++) {
			ours.add(seconds(() -> analysis.analyze(flac)));
			ffmpeg.add(seconds(() -> tool("ffmpeg", "-v", "error", "-threads", "1", "-i", flacFile.toString(), "-af",
					"ebur128=peak=true", "-f", "null", "-")));
			long start = System.nanoTime();
			alignment = analysis.align(flac, mp3);
			aligned.add((System.nanoTime() - start) / 1e9);
		}
		double analysed = median(ours);
		t.append(String.format(Locale.ROOT, "%-32s %6.3f s   (goal < 0.5 s)%n", "full analysis (cutoff, print, R128)",
				analysed));
		t.append(String.format(Locale.ROOT, "%-32s %6.3f s   decode + R128 + true peak%n", "ffmpeg ebur128 pass",
				median(ffmpeg)));
		t.append(String.format(Locale.ROOT, "%-32s %6.2fx  (ffmpeg's time / ours)%n", "ORBIT analysis / ffmpeg ebur128",
				median(ffmpeg) / analysed));
		t.append(String.format(Locale.ROOT, "%-32s %6.3f s   (goal < 1 s) %s%n", "alignment FLAC vs MP3 decodings",
				median(aligned), alignment.sentence()));
	}

	/** Prints a decode row: each side's speed in multiples of real time, and ours over the peer's. */
	private static void decodeRow(StringBuilder t, String label, Callable<Object> ours, Callable<Object> peer) {
		List<Double> a = new ArrayList<>(), b = new ArrayList<>();
		seconds(ours);
		List<Runnable> order = new ArrayList<>(List.of(() -> a.add(seconds(ours)), () -> b.add(seconds(peer))));
		for (int run = 0; run < RUNS; run++) {
			Collections.rotate(order, 1);
			order.forEach(Runnable::run);
		}
		double orbit = SECONDS / median(a), tool = SECONDS / median(b);
		t.append(String.format(Locale.ROOT, "%-32s ORBIT %6.0fx real time  peer %6.0fx  ratio %.2f (goal >= 0.5)%n",
				label, orbit, tool, orbit / tool));
	}

	/** Streams the whole file through a 4096-frame buffer, as the buffer concern reads it. */
	private static Object orbitDecode(AudioDecoder decoder, Path file) throws AudioException {
		try (PcmStream stream = decoder.open(file, AudioDecoder.DEFAULT_BOUND)) {
			float[] samples = new float[4096 * stream.info().channels()];
			long frames = 0;
			for (int n; (n = stream.read(samples, 4096)) >= 0;) {
				frames += n;
			}
			return frames;
		}
	}

	/** Runs a tool with its output read and dropped, as ours is. */
	private static Object tool(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try (InputStream out = process.getInputStream()) {
			byte[] buffer = new byte[1 << 16];
			while (out.read(buffer) >= 0) {
				// drained
			}
		}
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed");
		}
		return null;
	}

	private static double seconds(Callable<?> work) {
		long start = System.nanoTime();
		try {
			work.call();
		} catch (Exception e) {
			throw new AssertionError(e);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}
}
