package orbit.buffer.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

import orbit.buffer.PreviewDeck;
import orbit.buffer.internal.BufferEngine;
import orbit.buffer.internal.Trace;
import orbit.buffer.internal.Trace.Action;
import orbit.buffer.internal.Trace.Step;
import orbit.buffer.internal.TraceReplay;

/** An hour of a DJ's session, loads, presets and cues, played at 60 times real time. */
class SoakTest {

	@TempDir
	Path dir;

	/** The JVM's heap, measured by the soak: no test that fills it runs beside it. */
	static final String HEAP = "orbit.buffer.tests.heap";

	@Test
	@ResourceLock(HEAP)
	void anHourAtSixtyTimesKeepsMemoryFlat() throws Exception {
		Path a = Fixture.track(dir, "hour-a", 60);
		Path b = Fixture.track(dir, "hour-b", 75);
		List<Step> steps = new ArrayList<>();
		Random random = new Random(5);
		int line = 0;
		String[] presets = { "warm", "punchy", "bright", "gentle", "adaptive" };
		for (long ms = 0; ms < 3_600_000; ms += 20_000 + random.nextInt(40_000)) {
			steps.add(new Step(ms, Action.LOAD, (line % 2 == 0 ? a : b).toString(), ++line));
			steps.add(new Step(ms + 100, Action.PLAY, "", ++line));
			steps.add(new Step(ms + 5000, Action.PRESET, presets[random.nextInt(5)], ++line));
			steps.add(new Step(ms + 9000, Action.SETCUE, "1", ++line));
			steps.add(new Step(ms + 15000, Action.HOTCUE, "1", ++line));
		}
		try (BufferEngine engine = Fixture.engine(dir)) {
			PreviewDeck deck = engine.openDeck();
			System.gc();
			long heapBefore = usedHeap();
			TraceReplay.Report report = TraceReplay.replay("soak", new Trace(steps), deck, engine,
					arg -> new TraceReplay.Track(Path.of(arg), 120), 60);
			assertTrue(report.withinBudget, "the tiers stayed within their budgets");
			assertTrue(report.peakBytes <= engine.health().budgetBytes());
			deck.close();
			System.gc();
			long grown = usedHeap() - heapBefore;
			assertTrue(grown < 64L << 20, "flat: the heap grew " + (grown >> 20) + " MiB over the hour");
			assertTrue(report.count(TraceReplay.Moment.STEADY) > 100_000, "an hour of callbacks was played");
		}
	}

	private static long usedHeap() {
		Runtime rt = Runtime.getRuntime();
		return rt.totalMemory() - rt.freeMemory();
	}
}
