package orbit.safewrite.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.safewrite.TagChanges;
import orbit.safewrite.TagWriter;
import orbit.safewrite.TagWriter.Id3Version;
import orbit.tests.support.OsgiServices;

/**
 * A tag write on a 40 MB FLAC and a 10 MB MP3: ORBIT's crash-safe write beside jaudiotagger's
 * own in-place commit, the format tools' in-place edit (metaflac, id3v2), and the floor any
 * crash-safe write must pay: copy, fsync, rename, done by cp, sync and mv. Medians of several
 * runs, alternating, on the same disk.
 */
class TagWriteBenchmark {

	static final int RUNS = 7;

	@TempDir
	Path dir;

	interface Step {
		void run(int iteration) throws Exception;
	}

	static String sh(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + ": " + output);
		}
		return output;
	}

	Path makeFlac() throws Exception {
		Path wav = dir.resolve("big.wav");
		Path flac = dir.resolve("big.flac");
		// Pink noise compresses little, so 8 minutes make a FLAC of about 40 MB.
		sh("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "500", "pinknoise", "vol", "0.5");
		sh("flac", "--silent", "-5", "-T", "TITLE=Benchmark", "-o", flac.toString(), wav.toString());
		Files.delete(wav);
		return flac;
	}

	Path makeMp3() throws Exception {
		Path wav = dir.resolve("big-mp3.wav");
		Path mp3 = dir.resolve("big.mp3");
		sh("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "250", "pinknoise", "vol", "0.5");
		sh("lame", "--quiet", "-b", "320", "--tt", "Benchmark", "--tv", "TBPM=120", wav.toString(), mp3.toString());
		Files.delete(wav);
		return mp3;
	}

	static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[sorted.length / 2];
	}

	/** Runs every step RUNS times, interleaved, each on its own copy; returns medians in ms. */
	static double[] measure(List<Step> steps) throws Exception {
		List<List<Double>> times = new ArrayList<>();
		for (int s = 0; s < steps.size(); s++) {
			times.add(new ArrayList<>());
		}
		for (int i = 0; i < RUNS; i++) {
			for (int s = 0; s < steps.size(); s++) {
				sh("sync");
				long start = System.nanoTime();
				steps.get(s).run(i);
				times.get(s).add((System.nanoTime() - start) / 1e6);
			}
		}
		return times.stream().mapToDouble(TagWriteBenchmark::median).toArray();
	}

	@Test
	void tagWriteAgainstInPlaceEditorsAndTheCopySyncRenameFloor() throws Exception {
		TagWriter writer = OsgiServices.with(TagWriter.class, w -> w);
		StringBuilder table = new StringBuilder();
		table.append("=== SafeWrite tag write: median of ").append(RUNS).append(" runs (ms) ===\n");
		table.append(String.format(Locale.ROOT, "%-6s %9s %12s %14s %14s %12s %10s%n", "file", "size MB", "ORBIT",
				"jaudiotagger", "metaflac/id3v2", "cp+sync+mv", "ORBIT/floor"));
		for (String kind : List.of("flac", "mp3")) {
			Path original = kind.equals("flac") ? makeFlac() : makeMp3();
			Path ours = Files.copy(original, dir.resolve("ours." + kind));
			Path jat = Files.copy(original, dir.resolve("jat." + kind));
			Path tool = Files.copy(original, dir.resolve("tool." + kind));
			Path floor = Files.copy(original, dir.resolve("floor." + kind));
			List<Step> steps = Arrays.asList(
					i -> writer.write(ours, TagChanges.none().withBpm(Integer.toString(120 + i)), Id3Version.V23),
					i -> {
						AudioFile file = AudioFileIO.read(jat.toFile());
						file.getTagOrCreateAndSetDefault().setField(FieldKey.BPM, Integer.toString(120 + i));
						file.commit();
					},
					i -> {
						if (kind.equals("flac")) {
							sh("metaflac", "--remove-tag=BPM", "--set-tag=BPM=" + (120 + i), tool.toString());
						} else {
							sh("id3v2", "--TBPM", Integer.toString(120 + i), tool.toString());
						}
					},
					i -> sh("sh", "-c", "cp \"$1\" \"$1.tmp\" && sync \"$1.tmp\" && mv \"$1.tmp\" \"$1\" && sync \"$(dirname \"$1\")\"",
							"floor", floor.toString()));
			double[] medians = measure(steps);
			table.append(String.format(Locale.ROOT, "%-6s %9.1f %12.1f %14.1f %14.1f %12.1f %9.2fx%n", kind,
					Files.size(original) / 1e6, medians[0], medians[1], medians[2], medians[3], medians[0] / medians[3]));
			for (Path p : List.of(original, ours, jat, tool, floor)) {
				Files.deleteIfExists(p);
			}
		}
		table.append("ORBIT: copy, fsync, tag the copy, fsync, read back, compare the audio, rename, fsync the folder.\n");
		table.append("jaudiotagger and metaflac/id3v2 edit in place without fsync: fast, and not crash-safe.\n");
		table.append("=== end\n");
		System.out.print(table);
	}
}
