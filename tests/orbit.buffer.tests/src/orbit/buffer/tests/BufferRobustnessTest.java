package orbit.buffer.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

import orbit.buffer.BufferHealth;
import orbit.buffer.BufferHealth.Degradation;
import orbit.buffer.FallbackSpan;
import orbit.buffer.Preset;
import orbit.buffer.PreviewDeck;
import orbit.buffer.internal.BufferConfig;
import orbit.buffer.internal.BufferEngine;
import orbit.buffer.internal.ChunkKey;
import orbit.buffer.internal.ChunkRenderer;
import orbit.buffer.internal.Tier;
import orbit.tests.support.Commands;

/** Seed 001's checklist, each point on real files, real threads and the real renderer. */
class BufferRobustnessTest {

	@TempDir
	Path dir;

	private static final int PERIOD = 1024;

	/** Plays {@code seconds} of audio at {@code speed} times real time. */
	private static void play(PreviewDeck deck, double seconds, double speed) throws InterruptedException {
		float[] out = new float[PERIOD * 2];
		long callbacks = Math.round(seconds * 44100 / PERIOD);
		long start = System.nanoTime();
		for (long i = 0; i < callbacks; i++) {
			deck.read(out, PERIOD);
			long due = start + (long) ((i + 1) * PERIOD / 44100.0 * 1e9 / speed);
			long wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
		}
	}

	@Test
	void damagedAudioErrorsWhereItIsDamagedAndTheRestPlays() throws Exception {
		// Encoded by flac itself, with its seek table (a point every 10 s), as real files are.
		Path source = Fixture.track(dir, "source", 30);
		Path wav = dir.resolve("damaged.wav");
		Commands.run("sox", source.toString(), wav.toString());
		Path flac = dir.resolve("damaged.flac");
		Commands.run("flac", "-s", "-f", "-o", flac.toString(), wav.toString());
		long size = Files.size(flac);
		byte[] noise = new byte[2000];
		new Random(3).nextBytes(noise);
		try (RandomAccessFile f = new RandomAccessFile(flac.toFile(), "rw")) {
			f.seek(size / 2);
			f.write(noise);
		}
		try (BufferEngine engine = Fixture.engine(dir)) {
			PreviewDeck deck = engine.openDeck();
			ServedCheck check = new ServedCheck(engine, deck);
			deck.load(flac, 120);
			Fixture.await("decoded", () -> deck.status().decodedFraction() >= 1);
			assertNotNull(deck.status().error(), "the damage is reported");
			assertTrue(deck.status().durationSeconds() > 25, "the rest of the track is there: " + deck.status());
			deck.preset(Preset.WARM);
			deck.seek(12);
			deck.play();
			// Twice real time: at four times, on a 2-core machine busy with a build, the renderer fell
			// behind and less than a second of processed audio was served.
			play(deck, 8, 2);
			assertTrue(deck.status().positionSeconds() > 19, "it played through the damage: " + deck.status());
			assertTrue(deck.fallbacks().stream().anyMatch(s -> s.reason().equals(FallbackSpan.DAMAGED)),
					deck.fallbacks() + " " + deck.status().error() + " damaged "
							+ BufferEngine.trackOf(deck).damaged().stream().map(java.util.Arrays::toString).toList());
			assertTrue(check.verifyCurrentLoad() > 44100, "processed audio served around the damage");
		}
		Path fake = dir.resolve("noise.flac");
		byte[] junk = new byte[100_000];
		new Random(4).nextBytes(junk);
		Files.write(fake, junk);
		try (BufferEngine engine = Fixture.engine(dir)) {
			PreviewDeck deck = engine.openDeck();
			deck.load(fake, 0);
			assertTrue(deck.status().error().contains("noise.flac"), deck.status().error());
			deck.play();
			float[] out = new float[PERIOD * 2];
			assertEquals(PERIOD, deck.read(out, PERIOD), "silence, not an exception");
			assertTrue(engine.health().errorCounts().containsKey("decode:open"), engine.health().errorCounts().toString());
		}
	}

	@Test
	void spammingIsNotLearnedAndNothingBreaks() throws Exception {
		Path flac = Fixture.track(dir, "spam", 90);
		try (BufferEngine engine = Fixture.engine(dir)) {
			PreviewDeck deck = engine.openDeck();
			long[] now = { 0 };
			BufferEngine.clock(deck, () -> now[0]);
			ServedCheck check = new ServedCheck(engine, deck);
			deck.load(flac, 124);
			deck.play();
			Random random = new Random(11);
			float[] out = new float[PERIOD * 2];
			// 60 s of trace time, 15 operations a second, played 6 times faster than real time.
			long start = System.nanoTime();
			for (long callback = 0; now[0] < 60_000; callback++) {
				now[0] = callback * PERIOD * 1000 / 44100;
				if (callback % 3 == 0) {
					switch (random.nextInt(4)) {
					case 0 -> deck.preset(Preset.values()[random.nextInt(6)]);
					case 1 -> deck.seek(random.nextDouble() * 80);
					case 2 -> deck.beatJump(random.nextBoolean() ? 4 : -4);
					default -> deck.intensity(random.nextDouble());
					}
				}
				deck.read(out, PERIOD);
				if (!deck.status().playing()) {
					deck.seek(0);
					deck.play();
				}
				long wait = start + now[0] * 1_000_000L / 6 - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000);
				}
			}
			assertTrue(BufferEngine.filterOf(deck).explorations() > 500, "the spam is seen as exploration");
			assertTrue(engine.learnedSwitches() <= 2, "exploration is not learned: " + engine.learnedSwitches());
			BufferHealth h = engine.health();
			assertTrue(h.usedBytes() <= h.budgetBytes(), "within budget");
			assertTrue(check.verifyCurrentLoad() > 0);
			assertEquals(0, h.renderErrors());
		}
	}

	@Test
	void aDeletedOrRewrittenFileDropsItsChunks() throws Exception {
		Path flac = Fixture.track(dir, "changing", 40);
		try (BufferEngine engine = Fixture.engine(dir)) {
			PreviewDeck deck = engine.openDeck();
			ServedCheck check = new ServedCheck(engine, deck);
			deck.load(flac, 120);
			deck.preset(Preset.BRIGHT);
			deck.play();
			play(deck, 3, 2);
			long first = BufferEngine.trackOf(deck).generation();
			Fixture.await("chunks of the first load", () -> chunksOf(engine, first) > 0);

			// Rewritten: other audio, atomically, as SafeWrite or an upgrade does it.
			Path other = dir.resolve("other.flac");
			Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", other.toString(), "synth", "40", "sine", "880");
			Files.move(other, flac, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			Fixture.await("reloaded", () -> BufferEngine.trackOf(deck).generation() != first);
			// The deck drops the old load's chunks right after it switched to the new one.
			Fixture.await("no chunk of the old content is left", () -> chunksOf(engine, first) == 0);
			check.clear();
			play(deck, 4, 2);
			assertTrue(check.verifyCurrentLoad() > 44100, "the new content is served, processed");
			assertTrue(engine.health().errorCounts().containsKey("library:replaced"));

			// Deleted: its chunks go, and it plays on from memory.
			long second = BufferEngine.trackOf(deck).generation();
			Fixture.await("chunks of the second load", () -> chunksOf(engine, second) > 0);
			Files.delete(flac);
			Fixture.await("dropped", () -> deck.status().error() != null && deck.status().error().contains("deleted"));
			assertTrue(engine.health().errorCounts().containsKey("library:deleted"));
			double at = deck.status().positionSeconds();
			play(deck, 1, 2);
			assertTrue(deck.status().positionSeconds() > at, "it plays on from memory");
		}
	}

	@Test
	void aDeadOrStuckWorkerIsReplaced() throws Exception {
		Path flac = Fixture.track(dir, "workers", 30);
		AtomicInteger calls = new AtomicInteger();
		ChunkRenderer faulty = (source, settings, profile, start, frames) -> {
			int n = calls.incrementAndGet();
			if (n == 2) {
				throw new OutOfMemoryError("injected: the worker thread dies");
			}
			if (n == 4) {
				Thread.sleep(60_000); // stuck; the monitor interrupts it at the bound
			}
			return ChunkRenderer.DSP.render(source, settings, profile, start, frames);
		};
		BufferConfig config = BufferConfig.defaults(null).withWorkers(1).withRenderBound(Duration.ofSeconds(1));
		try (BufferEngine engine = Fixture.engine(config, faulty)) {
			PreviewDeck deck = engine.openDeck();
			deck.load(flac, 120);
			deck.preset(Preset.GENTLE);
			deck.play();
			// the faults land on the render worker or on the playhead's, whichever takes those renders
			Thread[] before = { engine.workers().thread(0), engine.workers().thread(1) };
			play(deck, 6, 1);
			Fixture.await("restarted twice",
					() -> engine.health().workers().stream().mapToInt(w -> w.restarts()).sum() >= 2);
			BufferHealth h = engine.health();
			assertTrue(engine.workers().thread(0) != before[0] || engine.workers().thread(1) != before[1],
					"a new thread took a dead one's place");
			assertTrue(h.errorCounts().containsKey("worker:died"), h.errorCounts().toString());
			assertTrue(h.errorCounts().containsKey("render:timeout"), h.errorCounts().toString());
			long rendered = h.renders();
			play(deck, 3, 1);
			assertTrue(engine.health().renders() > rendered, "the new worker renders");
			assertTrue(engine.health().workers().stream().noneMatch(w -> w.state().equals("dead")),
					engine.health().workers().toString());
		}
	}

	@Test
	void brokenAccountingIsRepaired() throws Exception {
		Path flac = Fixture.track(dir, "accounting", 30);
		try (BufferEngine engine = Fixture.engine(dir)) {
			PreviewDeck deck = engine.openDeck();
			deck.load(flac, 120);
			deck.preset(Preset.PUNCHY);
			deck.play();
			play(deck, 3, 2);
			Tier l2 = engine.tier(1);
			Fixture.await("L2 holds chunks", () -> l2.size() >= 2);
			engine.tier(0).corruptAccounting(123);
			ChunkKey victim = l2.keys().get(0);
			l2.corruptChunk(victim, 7, 3.5);
			List<String> issues = engine.validate();
			assertTrue(issues.stream().anyMatch(i -> i.startsWith("L1: accounted 123 B")), issues.toString());
			assertTrue(issues.stream().anyMatch(i -> i.startsWith("L2: dropped a chunk: size 7 B")), issues.toString());
			assertFalse(l2.contains(victim));
			for (int i = 0; i < 3; i++) {
				Tier tier = engine.tier(i);
				assertEquals(tier.keys().stream().mapToLong(k -> tier.peek(k).bytes()).sum(), tier.used());
			}
			assertTrue(engine.validate().isEmpty(), "repaired");
			assertTrue(engine.health().errorCounts().get("integrity:repaired") >= 2);
		}
	}

	@Test
	@ResourceLock(SoakTest.HEAP) // it fills the heap that the soak measures
	void aSqueezedHeapTurnsTiersOffInSteps() throws Exception {
		Path flac = Fixture.track(dir, "squeeze", 30);
		try (BufferEngine engine = Fixture.engine(dir)) {
			PreviewDeck deck = engine.openDeck();
			deck.load(flac, 120);
			deck.preset(Preset.WARM);
			deck.play();
			play(deck, 3, 2);
			Fixture.await("L3 holds chunks", () -> engine.tier(2).size() > 0);
			List<byte[]> ballast = new ArrayList<>();
			List<Degradation> seen = new ArrayList<>();
			Runtime rt = Runtime.getRuntime();
			try {
				while (engine.checkMemory() != Degradation.CURRENT_CHUNK_ONLY) {
					ballast.add(new byte[8 << 20]);
					if (ballast.size() % 4 == 0) {
						System.gc(); // the guard reads the old generation as of its last collection
					}
					Degradation level = engine.checkMemory();
					if (seen.isEmpty() || seen.get(seen.size() - 1) != level) {
						seen.add(level);
					}
					if (level.ordinal() >= Degradation.NO_L3.ordinal()) {
						assertEquals(0, engine.tier(2).budget());
					}
					if (level.ordinal() >= Degradation.NO_L2_L3.ordinal()) {
						assertEquals(0, engine.tier(1).budget());
						assertEquals(0, engine.tier(1).size());
					}
					assertTrue(ballast.size() * 8L << 20 < rt.maxMemory(), "the guard never stepped in");
				}
				play(deck, 1, 2);
				assertTrue(engine.tier(0).size() <= 1, "only the current chunk is kept");
			} finally {
				ballast.clear();
			}
			assertEquals(List.of(Degradation.NONE, Degradation.NO_L3, Degradation.NO_L2_L3, Degradation.CURRENT_CHUNK_ONLY),
					seen.subList(seen.indexOf(Degradation.NONE), seen.size()), "in steps: " + seen);
			System.gc();
			for (int i = 0; i < 3; i++) {
				engine.checkMemory();
			}
			assertEquals(Degradation.NONE, engine.checkMemory(), "back once the pressure passes");
			assertTrue(engine.tier(2).budget() > 0);
		}
	}

	@Test
	void chaosLeavesAWorkingBuffer() throws Exception {
		Path flac = Fixture.track(dir, "chaos", 40);
		Path spare = dir.resolve("spare.flac");
		Files.copy(flac, spare);
		Random random = new Random(17);
		AtomicInteger renders = new AtomicInteger();
		java.util.concurrent.atomic.AtomicBoolean faults = new java.util.concurrent.atomic.AtomicBoolean(true);
		ChunkRenderer flaky = (source, settings, profile, start, frames) -> {
			if (faults.get() && renders.incrementAndGet() % 23 == 0) {
				throw new IllegalStateException("injected render fault");
			}
			return ChunkRenderer.DSP.render(source, settings, profile, start, frames);
		};
		try (BufferEngine engine = Fixture.engine(BufferConfig.defaults(null), flaky)) {
			PreviewDeck deck = engine.openDeck();
			deck.load(flac, 120);
			deck.play();
			float[] out = new float[PERIOD * 2];
			for (int i = 0; i < 3000; i++) {
				switch (random.nextInt(60)) {
				case 0 -> deck.preset(Preset.values()[random.nextInt(6)]);
				case 1 -> deck.seek(random.nextDouble() * 45);
				case 2 -> deck.tempo(random.nextInt(17) - 8);
				case 3 -> engine.tier(random.nextInt(3)).corruptAccounting(random.nextInt(1 << 20));
				case 4 -> engine.validate();
				case 5 -> engine.fileChanged(flac);
				case 6 -> deck.load(random.nextBoolean() ? flac : spare, 120);
				case 7 -> engine.tier(random.nextInt(3)).budget(random.nextInt(3) * (4L << 20));
				default -> {
				}
				}
				deck.read(out, PERIOD);
				for (float x : out) {
					assertTrue(Float.isFinite(x) && Math.abs(x) <= 2f, "finite, bounded audio");
				}
				if (!deck.status().playing()) {
					deck.play();
				}
				if (i % 10 == 0) {
					Thread.sleep(5);
				}
			}
			engine.validate();
			assertTrue(engine.validate().isEmpty(), "consistent after the chaos");
			for (int i = 0; i < 3; i++) {
				engine.tier(i).budget(i == 0 ? 4L << 20 : i == 1 ? 24L << 20 : 8L << 20);
			}
			faults.set(false); // the direct renders below go through the same renderer
			ServedCheck check = new ServedCheck(engine, deck);
			deck.seek(5);
			deck.preset(Preset.BRIGHT);
			play(deck, 4, 2);
			assertTrue(check.verifyCurrentLoad() > 44100, "it still serves exact processed audio");
			assertNotNull(engine.health());
		}
	}

	private static long chunksOf(BufferEngine engine, long generation) {
		long n = 0;
		for (int i = 0; i < 3; i++) {
			n += engine.tier(i).keys().stream().filter(k -> k.generation() == generation).count();
		}
		return n;
	}

}
