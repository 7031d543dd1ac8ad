package orbit.buffer.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.buffer.Preset;
import orbit.buffer.PreviewDeck;
import orbit.buffer.RenderSettings;
import orbit.buffer.internal.BaselineDeck;
import orbit.buffer.internal.BufferConfig;
import orbit.buffer.internal.BufferEngine;
import orbit.buffer.internal.ChunkRenderer;
import orbit.buffer.internal.DecodedTrack;
import orbit.buffer.internal.Trace;
import orbit.buffer.internal.Trace.Action;
import orbit.buffer.internal.Trace.Step;
import orbit.buffer.internal.TraceReplay;
import orbit.buffer.internal.TraceReplay.Moment;
import orbit.buffer.internal.TraceReplay.Report;
import orbit.buffer.internal.dsp.ChunkRender;
import orbit.buffer.internal.dsp.TrackProfile;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;

/**
 * The buffer against a Mixxx-style LRU read-ahead of decoded audio and against no cache, on the
 * same four traces in real time, and the render cost of a chunk by its length (what the chunk
 * length is chosen by).
 */
class BufferBenchmark {

	static final int TRACE_SECONDS = 25;
	static final double BPM = 120;

	@Test
	void buffer() throws Exception {
		Path work = Path.of(System.getProperty("orbit.test.output", "target")).resolve("buffer-bench");
		Files.createDirectories(work);
		Path a = track(work, "a", "sine 55 square 110 pinknoise tremolo 2 90 gain -8");
		Path b = track(work, "b", "pluck 220 sine 330-660 pinknoise tremolo 4 60 gain -6");
		StringBuilder t = new StringBuilder();
		OsgiServices.with(AudioDecoder.class, decoder -> OsgiServices.with(AudioAnalysis.class, analysis -> {
			try {
				chunkLengths(t, decoder, analysis, a);
				replays(t, decoder, analysis, a, b);
			} catch (Exception e) {
				throw new AssertionError(e);
			}
			return null;
		}));
		t.append("=== end ===\n");
		System.out.print(t);
	}

	private static Path track(Path dir, String name, String synth) throws Exception {
		Path flac = dir.resolve(name + ".flac");
		if (!Files.exists(flac)) {
			List<String> cmd = new ArrayList<>(List.of("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", flac.toString(),
					"synth", "120"));
			cmd.addAll(Arrays.asList(synth.split(" ")));
			Commands.run(cmd.toArray(String[]::new));
		}
		return flac;
	}

	/** Render time per chunk by length: the latency of a miss, and the preroll's share of the work. */
	private static void chunkLengths(StringBuilder t, AudioDecoder decoder, AudioAnalysis analysis, Path file)
			throws Exception {
		DecodedTrack track = DecodedTrack.load(decoder, file);
		while (!track.complete()) {
			Thread.sleep(10);
		}
		TrackProfile profile = TrackProfile.measure(track, analysis);
		t.append("=== Buffer: render time of one chunk by its length, median of 15, one thread ===\n");
		t.append(String.format(Locale.ROOT, "%-14s %10s %14s %14s %12s%n", "chunk frames", "seconds", "punchy ms",
				"punchy+4% ms", "ms per s"));
		for (int frames : new int[] { 8192, 16384, 32768, 65536, 131072 }) {
			double plain = median(track, profile, new RenderSettings(Preset.PUNCHY, 1, 0), frames);
			double stretched = median(track, profile, new RenderSettings(Preset.PUNCHY, 1, 4), frames);
			double seconds = frames / 44100.0;
			t.append(String.format(Locale.ROOT, "%-14d %10.2f %14.1f %14.1f %12.1f%n", frames, seconds, plain, stretched,
					stretched / seconds));
		}
		t.append("(a miss waits about one render of its chunk; per second of audio the preroll makes short chunks dear)\n");
	}

	private static double median(DecodedTrack track, TrackProfile profile, RenderSettings settings, int frames) {
		double[] ms = new double[15];
		for (int i = 0; i < 5; i++) {
			ChunkRender.render(track, settings, profile, 44100L * 10, frames); // warm up
		}
		for (int i = 0; i < ms.length; i++) {
			long t0 = System.nanoTime();
			ChunkRender.render(track, settings, profile, 44100L * (5 + i * 3), frames);
			ms[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return ms[ms.length / 2];
	}

	private static void replays(StringBuilder t, AudioDecoder decoder, AudioAnalysis analysis, Path a, Path b)
			throws Exception {
		Function<String, TraceReplay.Track> resolve = arg -> new TraceReplay.Track(Path.of(arg), BPM);
		t.append(String.format(Locale.ROOT,
				"=== Buffer: four %d-s traces replayed in real time, callbacks of %d frames ===%n", TRACE_SECONDS,
				TraceReplay.PERIOD));
		t.append(String.format(Locale.ROOT, "%-16s %-10s %9s %9s %9s %9s %7s %7s %9s %11s %8s%n", "trace", "system",
				"steady", "jumps", "jumps", "preset", "underr", "L1 hit", "accuracy", "peak MiB", "p99 µs"));
		t.append(String.format(Locale.ROOT, "%-16s %-10s %9s %9s %9s %9s%n", "", "", "processed", "on time", "processed",
				"processed"));
		List<String> notes = new ArrayList<>();
		for (String name : List.of("steady", "preset-explorer", "hotcue-beatjump", "spammer")) {
			Trace trace = trace(name, a, b);
			Report orbit;
			try (BufferEngine engine = new BufferEngine(BufferConfig.defaults(null), decoder, analysis, ChunkRenderer.DSP,
					null)) {
				PreviewDeck deck = engine.openDeck();
				orbit = TraceReplay.replay("ORBIT", trace, deck, engine, resolve, 1);
				deck.close();
			}
			Report lru, none;
			try (BaselineDeck deck = new BaselineDeck(BaselineDeck.Kind.LRU, decoder)) {
				lru = TraceReplay.replay("LRU", trace, deck, null, resolve, 1);
			}
			try (BaselineDeck deck = new BaselineDeck(BaselineDeck.Kind.NONE, decoder)) {
				none = TraceReplay.replay("none", trace, deck, null, resolve, 1);
			}
			for (Report r : List.of(orbit, lru, none)) {
				boolean buffer = r.health != null;
				t.append(String.format(Locale.ROOT, "%-16s %-10s %8.1f%% %8.1f%% %8.1f%% %8.1f%% %7d %7s %9s %11s %8s%n",
						name, r.system, r.processed(Moment.STEADY) * 100, r.onTimeAfterJumps() * 100,
						r.processedAfterJumps() * 100, r.processed(Moment.PRESET) * 100,
						r.underruns,
						buffer ? String.format(Locale.ROOT, "%.1f%%", r.health.tier("L1").hitRate() * 100) : "-",
						buffer ? String.format(Locale.ROOT, "%.1f%%", r.health.predictionAccuracy() * 100) : "-",
						buffer ? String.format(Locale.ROOT, "%.1f/%.0f%s", r.peakBytes / 1048576.0,
								r.health.budgetBytes() / 1048576.0, r.withinBudget ? "" : "!") : "-",
						buffer ? String.format(Locale.ROOT, "%.0f", r.health.operationP99Micros()) : "-"));
			}
			t.append(String.format(Locale.ROOT,
					"%-16s ratio after jumps ORBIT/LRU on time %.2f, processed %.2f; ORBIT/none on time %.2f, processed %.2f%n",
					name, orbit.onTimeAfterJumps() / lru.onTimeAfterJumps(),
					orbit.processedAfterJumps() / lru.processedAfterJumps(),
					orbit.onTimeAfterJumps() / none.onTimeAfterJumps(),
					orbit.processedAfterJumps() / none.processedAfterJumps()));
			StringWriter detail = new StringWriter();
			orbit.print(new PrintWriter(detail));
			notes.add(name + ": " + detail.toString().replace("\n", "\n    "));
		}
		t.append("(on time: audio within the callback's period; processed: on time and all of it the processed render, not the\n"
				+ " unprocessed audio played while a render is missing; jumps are seeks, hot cues, beat jumps and preset switches,\n"
				+ " the second after each; L1 hit over all lookups)\n");
		notes.forEach(n -> t.append(n).append('\n'));
	}

	/** The four sessions, made the same way every run. */
	static Trace trace(String name, Path a, Path b) {
		List<Step> steps = new ArrayList<>();
		Random random = new Random(name.hashCode());
		int[] line = { 0 };
		java.util.function.BiConsumer<Long, String> add = (ms, text) -> {
			String[] f = text.split(" ", 2);
			steps.add(new Step(ms, Action.valueOf(f[0].toUpperCase(Locale.ROOT)), f.length > 1 ? f[1] : "", ++line[0]));
		};
		long end = TRACE_SECONDS * 1000L;
		add.accept(0L, "load " + a);
		add.accept(200L, "play");
		String[] favourites = { "warm", "punchy", "bright" };
		switch (name) {
		case "steady" -> {
			add.accept(1000L, "preset warm");
			add.accept(4000L, "setcue 1");
			add.accept(9000L, "preset punchy");
			add.accept(14000L, "preset warm");
			add.accept(16000L, "load " + b);
			add.accept(16300L, "play");
			add.accept(17000L, "preset warm");
			add.accept(21000L, "preset punchy");
		}
		case "preset-explorer" -> {
			for (long ms = 1000; ms < end; ms += 1500 + random.nextInt(1500)) {
				add.accept(ms, random.nextInt(6) == 0 ? "preset " + Preset.values()[1 + random.nextInt(5)].id()
						: "preset " + favourites[random.nextInt(favourites.length)]);
				if (random.nextInt(4) == 0) {
					add.accept(ms + 300, "intensity " + (0.5 + random.nextInt(6) / 10.0));
				}
			}
		}
		case "hotcue-beatjump" -> {
			add.accept(500L, "preset punchy");
			for (int cue = 1; cue <= 4; cue++) {
				add.accept(500L + cue * 1500L, "setcue " + cue);
			}
			for (long ms = 7000; ms < end; ms += 900 + random.nextInt(900)) {
				add.accept(ms, random.nextBoolean() ? "hotcue " + (1 + random.nextInt(4))
						: "beatjump " + new int[] { -16, -8, -4, 4, 8, 16 }[random.nextInt(6)]);
			}
		}
		case "spammer" -> {
			for (long ms = 1000; ms < end; ms += 40 + random.nextInt(60)) {
				switch (random.nextInt(5)) {
				case 0 -> add.accept(ms, "preset " + Preset.values()[1 + random.nextInt(5)].id());
				case 1 -> add.accept(ms, "seek " + random.nextInt(100));
				case 2 -> add.accept(ms, "beatjump " + new int[] { -8, -4, 4, 8 }[random.nextInt(4)]);
				case 3 -> add.accept(ms, "hotcue 1");
				default -> add.accept(ms, "setcue 1");
				}
			}
		}
		default -> throw new IllegalArgumentException(name);
		}
		steps.sort(java.util.Comparator.comparingLong(Step::timeMs));
		add.accept(end, "pause");
		return new Trace(steps);
	}
}
