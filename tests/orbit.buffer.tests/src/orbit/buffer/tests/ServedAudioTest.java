package orbit.buffer.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.buffer.FallbackSpan;
import orbit.buffer.Preset;
import orbit.buffer.PreviewDeck;
import orbit.buffer.RenderSettings;
import orbit.buffer.internal.BufferConfig;
import orbit.buffer.internal.BufferEngine;
import orbit.buffer.internal.ChunkKey;
import orbit.buffer.internal.DecodedTrack;

/**
 * What the deck serves is exactly the direct render of its settings at its position, wherever
 * it does not report a fallback: random traces of play, seeks, preset, intensity and tempo
 * changes, hot cues and beat jumps, on a real FLAC, with the real renderer.
 */
class ServedAudioTest {

	@TempDir
	Path dir;

	@Test
	void processedAudioEqualsDirectRendersOutsideTheReportedSpans() throws Exception {
		Path flac = Fixture.track(dir, "groove", 45);
		for (long seed = 1; seed <= 3; seed++) {
			replayRandomTrace(flac, seed);
		}
	}

	private void replayRandomTrace(Path flac, long seed) throws Exception {
		try (BufferEngine engine = Fixture.engine(BufferConfig.defaults(null), orbit.buffer.internal.ChunkRenderer.DSP)) {
			PreviewDeck deck = engine.openDeck();
			List<Stretch> served = new ArrayList<>();
			deck.onServed((samples, offset, frames, settings, position, fallback) -> {
			boolean processed = fallback == null;
				int ch = deck.status().channels();
				float[] copy = new float[frames * ch];
				System.arraycopy(samples, offset * ch, copy, 0, frames * ch);
				served.add(new Stretch(settings, position, copy, processed));
			});
			deck.load(flac, 120);
			deck.play();
			Random random = new Random(seed);
			float[] out = new float[1024 * 2];
			for (int callback = 0; callback < 900; callback++) {
				if (random.nextInt(40) == 0) {
					switch (random.nextInt(7)) {
					case 0 -> deck.seek(random.nextDouble() * 40);
					case 1 -> deck.preset(Preset.values()[random.nextInt(Preset.values().length)]);
					case 2 -> deck.intensity(random.nextInt(5) / 4.0);
					case 3 -> deck.tempo(random.nextInt(5) * 4 - 8);
					case 4 -> deck.setCue(1 + random.nextInt(4));
					case 5 -> deck.hotCue(1 + random.nextInt(4));
					default -> deck.beatJump(new int[] { -16, -8, -4, 4, 8, 16 }[random.nextInt(6)]);
					}
				}
				deck.read(out, 1024);
				if (!deck.status().playing()) {
					deck.seek(0);
					deck.play();
				}
				Thread.sleep(random.nextInt(3)); // the workers get some time, not always enough
			}
			long generation = BufferEngine.trackOf(deck).generation();
			DecodedTrack track = BufferEngine.trackOf(deck);
			Map<ChunkKey, float[]> renders = new HashMap<>();
			int chunk = engine.config().chunkFrames();
			long processedFrames = 0, otherFrames = 0;
			for (Stretch s : served) {
				int ch = track.channels();
				int frames = s.samples.length / ch;
				if (!s.processed) {
					otherFrames += frames;
					continue;
				}
				processedFrames += frames;
				if (s.settings.identity()) {
					float[] source = new float[frames * ch];
					track.read(s.position, source, frames);
					assertArrayEquals(source, s.samples, "source at " + s.position + " " + s.settings);
					continue;
				}
				ChunkKey key = new ChunkKey(generation, s.settings, s.position / chunk);
				float[] render = renders.get(key);
				if (render == null) {
					render = engine.directRender(key);
					renders.put(key, render);
				}
				int from = (int) (s.position % chunk) * ch;
				float[] expected = java.util.Arrays.copyOfRange(render, from, from + frames * ch);
				assertArrayEquals(expected, s.samples, "seed " + seed + ": " + s.settings + " at " + s.position);
			}
			List<FallbackSpan> spans = deck.fallbacks();
			// The trace runs about ten times faster than real time, so the workers fall behind at times:
			// both kinds of audio must have been served for the comparison to mean something.
			assertTrue(processedFrames > 50_000, "processed frames served: " + processedFrames + " of " + (processedFrames + otherFrames));
			assertTrue(!spans.isEmpty() && otherFrames > 0, "the trace made fallbacks: " + spans.size());
		}
	}

	private record Stretch(RenderSettings settings, long position, float[] samples, boolean processed) {
	}
}
