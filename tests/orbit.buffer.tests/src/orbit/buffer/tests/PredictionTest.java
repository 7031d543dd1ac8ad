package orbit.buffer.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.buffer.BufferHealth;
import orbit.buffer.Preset;
import orbit.buffer.PreviewDeck;
import orbit.buffer.internal.BufferConfig;
import orbit.buffer.internal.BufferEngine;
import orbit.buffer.internal.InteractionFilter;
import orbit.buffer.internal.PresetTransitions;
import orbit.buffer.internal.Trace;

/** What the buffer learns, keeps and measures of its user, and when it raises alerts. */
class PredictionTest {

	@TempDir
	Path dir;

	@Test
	void switchesAreLearnedKeptAcrossRestartsAndPlanned() throws Exception {
		Path flac = Fixture.track(dir, "learn", 30);
		Path file = dir.resolve("transitions.csv");
		try (BufferEngine engine = Fixture.engine(BufferConfig.defaults(file), orbit.buffer.internal.ChunkRenderer.DSP)) {
			PreviewDeck deck = engine.openDeck();
			long[] now = { 0 };
			BufferEngine.clock(deck, () -> now[0]);
			deck.load(flac, 120);
			for (int i = 0; i < 6; i++) { // warm -> punchy, again and again, at a DJ's pace
				now[0] += 5000;
				deck.preset(Preset.WARM);
				now[0] += 5000;
				deck.preset(Preset.PUNCHY);
			}
			assertEquals(12, engine.learnedSwitches(), "original->warm once, then warm<->punchy 11 times");
			engine.settle();
		}
		Fixture.await("the buffer", () -> Files.exists(file));
		PresetTransitions kept = PresetTransitions.read(file);
		Map<Preset, Double> next = kept.next(Preset.WARM);
		assertEquals(Preset.PUNCHY, next.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
		assertTrue(next.get(Preset.PUNCHY) > 0.5, next.toString());

		// A new buffer starts from what was kept: the likeliest switch is planned in L1.
		try (BufferEngine engine = Fixture.engine(BufferConfig.defaults(file), orbit.buffer.internal.ChunkRenderer.DSP)) {
			PreviewDeck deck = engine.openDeck();
			deck.load(flac, 120);
			deck.preset(Preset.WARM);
			deck.play();
			float[] out = new float[2048];
			for (int i = 0; i < 60; i++) {
				deck.read(out, 1024);
				Thread.sleep(23);
			}
			long generation = BufferEngine.trackOf(deck).generation();
			Fixture.await("the buffer", () -> engine.tier(0).keys().stream()
					.anyMatch(k -> k.generation() == generation && k.settings().preset() == Preset.PUNCHY));
			BufferHealth before = engine.health();
			deck.preset(Preset.PUNCHY);
			BufferHealth after = engine.health();
			assertEquals(before.predictions() + 1, after.predictions());
			assertEquals(predicted(before) + 1, predicted(after), "the switch was predicted");
		}
	}

	@Test
	void theInteractionFilterDebouncesThrottlesAndSeesExploration() {
		InteractionFilter filter = new InteractionFilter();
		filter.operation(0);
		assertTrue(filter.learnPresetChange(0));
		filter.operation(300);
		assertTrue(!filter.learnPresetChange(300), "within 500 ms");
		filter.operation(900);
		assertTrue(filter.learnPresetChange(900));
		assertTrue(filter.positionUpdate(1000));
		assertTrue(!filter.positionUpdate(1050), "throttled to 100 ms");
		assertTrue(filter.positionUpdate(1100));
		for (int i = 0; i < 10; i++) {
			filter.operation(2000 + i * 50);
		}
		assertTrue(filter.exploring(2450));
		filter.operation(2460);
		assertTrue(!filter.learnPresetChange(2460), "exploring: not learned");
		assertTrue(!filter.exploring(3600), "settled again");
	}

	@Test
	void alertsAtTheSeedsThresholds() throws Exception {
		Path flac = Fixture.track(dir, "alerts", 30);
		// Budgets of one chunk: L1 cannot hold the plan, so it misses and evicts all the time.
		long chunk = 65536L * 2 * 4;
		BufferConfig tight = BufferConfig.defaults(null).withBudgets(chunk, chunk, chunk);
		try (BufferEngine engine = Fixture.engine(tight, orbit.buffer.internal.ChunkRenderer.DSP)) {
			PreviewDeck deck = engine.openDeck();
			deck.load(flac, 120);
			deck.play();
			float[] out = new float[2048];
			Preset[] presets = { Preset.WARM, Preset.BRIGHT, Preset.PUNCHY, Preset.GENTLE };
			for (int i = 0; i < 800; i++) {
				if (i % 5 == 0) {
					deck.preset(presets[(i / 5) % presets.length]);
					deck.seek((i * 7919L % 25));
				}
				deck.read(out, 1024);
				Thread.sleep(5);
			}
			// The monitor raises alerts every 250 ms.
			Fixture.await("the buffer", () -> engine.health().alerts().stream().anyMatch(a -> a.type().equals("L1_HIT_RATE_LOW")));
			// Thrashing, made certain rather than left to timing: 150 chunks through a one-chunk L1.
			orbit.buffer.internal.Tier l1 = engine.tier(0);
			// Probability 1, so that no planned chunk outranks them: each put evicts the one before.
			for (int i = 0; i < 150; i++) {
				assertTrue(l1.put(new orbit.buffer.internal.Chunk(new orbit.buffer.internal.ChunkKey(-1,
						orbit.buffer.RenderSettings.of(Preset.WARM), i), new float[65536 * 2], 2, 1.0)), "put " + i);
			}
			Fixture.await("the thrashing alert", () -> engine.health().alerts().stream()
					.anyMatch(a -> a.type().equals("CACHE_THRASHING")));
			BufferHealth h = engine.health();
			assertTrue(h.evictionsPerMinute() > 100, "the tight budgets thrash: " + h.evictionsPerMinute());
			assertTrue(h.usedBytes() <= h.budgetBytes());
		}
	}

	@Test
	void aTraceNamesTheLineThatIsWrong() throws Exception {
		Trace ok = Trace.parse(new StringReader("time_ms,action,arg\n0,load,7\n# a comment\n100,beatjump,+8\n"), "t.csv");
		assertEquals(2, ok.steps().size());
		assertEquals("t.csv line 2: 'soon' is not a time in ms",
				message(() -> Trace.parse(new StringReader("0,play,\nsoon,pause,\n"), "t.csv")));
		assertEquals("t.csv line 2: time 50 ms comes before 100 ms",
				message(() -> Trace.parse(new StringReader("100,play,\n50,pause,\n"), "t.csv")));
		assertTrue(message(() -> Trace.parse(new StringReader("0,preset,loud\n"), "t.csv")).startsWith("t.csv line 1: No preset 'loud'"));
	}

	private static long predicted(BufferHealth h) {
		return h.predictions() == 0 ? 0 : Math.round(h.predictionAccuracy() * h.predictions());
	}

	private interface Parse {
		Trace run() throws Exception;
	}

	private static String message(Parse parse) throws Exception {
		try {
			parse.run();
		} catch (IllegalArgumentException e) {
			return e.getMessage().replaceAll(" \\(rows are.*", "");
		}
		throw new AssertionError("accepted");
	}

}
