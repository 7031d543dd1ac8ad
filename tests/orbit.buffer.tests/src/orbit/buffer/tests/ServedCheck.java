package orbit.buffer.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import orbit.buffer.PreviewDeck;
import orbit.buffer.RenderSettings;
import orbit.buffer.internal.BufferEngine;
import orbit.buffer.internal.ChunkKey;
import orbit.buffer.internal.DecodedTrack;

/**
 * Records the processed audio a deck serves and checks it against direct renders of the same
 * chunks: the cache never serves stale audio, the wrong preset or the wrong track.
 */
final class ServedCheck {

	private record Stretch(long generation, RenderSettings settings, long position, float[] samples) {
	}

	private final BufferEngine engine;
	private final PreviewDeck deck;
	private final List<Stretch> served = new ArrayList<>();
	long processedFrames, otherFrames;

	ServedCheck(BufferEngine engine, PreviewDeck deck) {
		this.engine = engine;
		this.deck = deck;
		deck.onServed((samples, offset, frames, settings, position, fallback) -> {
			boolean processed = fallback == null;
			DecodedTrack track = BufferEngine.trackOf(deck);
			if (!processed || track == null) {
				otherFrames += frames;
				return;
			}
			processedFrames += frames;
			int ch = track.channels();
			served.add(new Stretch(track.generation(), settings, position,
					Arrays.copyOfRange(samples, offset * ch, (offset + frames) * ch)));
		});
	}

	/** Checks what was served of the deck's current load; returns the frames checked. */
	long verifyCurrentLoad() throws Exception {
		DecodedTrack track = BufferEngine.trackOf(deck);
		int chunk = engine.config().chunkFrames();
		int ch = track.channels();
		Map<ChunkKey, float[]> renders = new HashMap<>();
		long checked = 0;
		for (Stretch s : served) {
			if (s.generation != track.generation()) {
				continue;
			}
			int frames = s.samples.length / ch;
			float[] expected;
			if (s.settings.identity()) {
				expected = new float[frames * ch];
				track.read(s.position, expected, frames);
			} else {
				ChunkKey key = new ChunkKey(s.generation, s.settings, s.position / chunk);
				float[] render = renders.get(key);
				if (render == null) {
					render = engine.directRender(key);
					renders.put(key, render);
				}
				int from = (int) (s.position % chunk) * ch;
				expected = Arrays.copyOfRange(render, from, from + frames * ch);
			}
			assertArrayEquals(expected, s.samples, s.settings + " at " + s.position);
			checked += frames;
		}
		return checked;
	}

	void clear() {
		served.clear();
	}
}
