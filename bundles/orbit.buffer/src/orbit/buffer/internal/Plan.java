package orbit.buffer.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orbit.buffer.BufferHealth.Degradation;
import orbit.buffer.Preset;
import orbit.buffer.RenderSettings;

/**
 * What the tiers should hold for a deck now, with how likely each chunk is to be played next:
 * <ul>
 * <li>L1: the current and next chunk, for the current preset and the likeliest other;</li>
 * <li>L2, the branch scenarios: continue +2..+4; the three likeliest other presets at +0..+2, and
 * the others at the playhead; hot
 * cues, beat jumps of ±4, 8 and 16 beats, and after two minutes of play a seek of about 15 s;</li>
 * <li>L3: 5 to 10 chunks ahead.</li>
 * </ul>
 * Probabilities follow the seed: continuing is likely (0.6 at +2, less further on), a switch is as
 * likely as the learned transition, a jump target less so.
 */
public final class Plan {

	public static final int L1 = 0, L2 = 1, L3 = 2;
	/** The probabilities of the chunk under the playhead and of the one after it. */
	static final double PLAYHEAD = 1.0, NEXT = 0.95;

	/** A chunk the plan wants, in the tier it belongs to. */
	public record Planned(ChunkKey key, int tier, double probability) {

		/** Whether the deck plays this chunk now or next: what a miss is waiting for. */
		boolean urgent() {
			return tier == L1 && probability >= NEXT;
		}
	}

	private final Map<ChunkKey, Planned> wanted = new LinkedHashMap<>();
	private final long chunks;
	private final long generation;

	private Plan(long generation, long chunks) {
		this.generation = generation;
		this.chunks = chunks;
	}

	/** A plan that wants nothing. */
	public static Plan empty() {
		return new Plan(-1, 0);
	}

	/**
	 * @param position       the playhead in output frames of {@code settings}' tempo
	 * @param sourceFrames   the track's length
	 * @param likelyPresets  other presets, likeliest first, with their transition probabilities
	 * @param cues           hot cues in source frames (negative when unset)
	 * @param beatFrames     source frames per beat, 0 when the BPM is unknown
	 * @param playedSeconds  how long the deck has played without a jump
	 */
	public static Plan of(long generation, RenderSettings settings, long position, long sourceFrames,
			int chunkFrames, Map<Preset, Double> likelyPresets, long[] cues, double beatFrames, double playedSeconds,
			int sampleRate, Degradation degradation) {
		double ratio = settings.ratio();
		long outputFrames = (long) Math.ceil(sourceFrames / ratio);
		long count = (outputFrames + chunkFrames - 1) / chunkFrames;
		Plan plan = new Plan(generation, count);
		if (settings.identity() || count == 0) {
			return plan; // the source itself plays: nothing to render
		}
		long current = Math.max(0, Math.min(count - 1, position / chunkFrames));
		List<Map.Entry<Preset, Double>> others = new ArrayList<>(likelyPresets.entrySet());
		others.removeIf(e -> e.getKey() == settings.preset());
		others.sort(Map.Entry.<Preset, Double>comparingByValue().reversed());

		plan.add(settings, current, L1, PLAYHEAD);
		if (degradation == Degradation.CURRENT_CHUNK_ONLY) {
			return plan.sorted();
		}
		plan.add(settings, current + 1, L1, NEXT);
		if (!others.isEmpty()) {
			RenderSettings likeliest = settings.withPreset(others.get(0).getKey());
			double p = clamp(others.get(0).getValue());
			plan.add(likeliest, current, L1, p);
			plan.add(likeliest, current + 1, L1, p * 0.9);
		}
		if (degradation == Degradation.NO_L2_L3) {
			return plan.sorted();
		}
		for (int ahead = 2; ahead <= 4; ahead++) {
			plan.add(settings, current + ahead, L2, 0.6 / (ahead - 1));
		}
		// Beyond the seed: every other preset at the playhead too. A switch is the user's most common
		// move and one chunk per preset is cheap (0.5 MiB), so no switch has to wait for a render.
		for (int i = 3; i < others.size(); i++) {
			RenderSettings other = settings.withPreset(others.get(i).getKey());
			plan.add(other, current, L2, clamp(others.get(i).getValue()) * 0.5);
		}
		for (int i = 0; i < Math.min(3, others.size()); i++) {
			RenderSettings other = settings.withPreset(others.get(i).getKey());
			double p = clamp(others.get(i).getValue());
			for (int ahead = 0; ahead <= 2; ahead++) {
				plan.add(other, current + ahead, L2, p * (1 - 0.2 * ahead));
			}
		}
		for (long cue : cues) {
			if (cue >= 0) {
				long at = (long) (cue / ratio) / chunkFrames;
				plan.add(settings, at, L2, 0.3);
				plan.add(settings, at + 1, L2, 0.25);
			}
		}
		if (beatFrames > 0) {
			for (int beats : new int[] { 4, -4, 8, -8, 16, -16 }) {
				long target = position + (long) (beats * beatFrames / ratio);
				double p = Math.abs(beats) == 4 ? 0.2 : Math.abs(beats) == 8 ? 0.15 : 0.1;
				plan.add(settings, Math.floorDiv(target, chunkFrames), L2, p);
				plan.add(settings, Math.floorDiv(target, chunkFrames) + 1, L2, p * 0.8);
			}
		}
		if (playedSeconds >= 120) {
			long target = position + (long) (15.0 * sampleRate / ratio);
			plan.add(settings, target / chunkFrames, L2, 0.05);
			plan.add(settings, target / chunkFrames + 1, L2, 0.05);
		}
		if (degradation == Degradation.NO_L3) {
			return plan.sorted();
		}
		for (int ahead = 5; ahead <= 10; ahead++) {
			plan.add(settings, current + ahead, L3, 0.3 / (ahead - 4));
		}
		return plan.sorted();
	}

	private static double clamp(double p) {
		return Double.isFinite(p) ? Math.max(0, Math.min(1, p)) : 0;
	}

	/** The first claim of a chunk wins: the tiers are added best first. */
	private void add(RenderSettings settings, long index, int tier, double probability) {
		if (index < 0 || index >= chunks || settings.identity()) {
			return; // the deck plays unprocessed audio straight from the source
		}
		ChunkKey key = new ChunkKey(generation, settings, index);
		Planned existing = wanted.get(key);
		if (existing == null) {
			wanted.put(key, new Planned(key, tier, probability));
		} else if (existing.tier() == tier && probability > existing.probability()) {
			wanted.put(key, new Planned(key, tier, probability));
		}
	}

	private Plan sorted() {
		List<Planned> list = new ArrayList<>(wanted.values());
		list.sort(Comparator.comparingInt(Planned::tier).thenComparing(Planned::probability, Comparator.reverseOrder()));
		wanted.clear();
		list.forEach(p -> wanted.put(p.key(), p));
		return this;
	}

	/** The wanted chunks, in the order they should be rendered. */
	public List<Planned> chunks() {
		return Collections.unmodifiableList(new ArrayList<>(wanted.values()));
	}

	public Planned get(ChunkKey key) {
		return wanted.get(key);
	}

	public boolean contains(ChunkKey key) {
		return wanted.containsKey(key);
	}

	public Map<ChunkKey, Double> probabilities() {
		Map<ChunkKey, Double> map = new java.util.HashMap<>();
		wanted.values().forEach(p -> map.put(p.key(), p.probability()));
		return map;
	}

	public long generation() {
		return generation;
	}
}
