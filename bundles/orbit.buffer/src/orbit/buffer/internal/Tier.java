package orbit.buffer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One tier: chunks within a budget of bytes. When a chunk does not fit, the chunks of lowest
 * probability go first, the least recently used among equals, and never one more probable than
 * the newcomer. Thread-safe: every operation holds the tier's lock briefly and does no I/O.
 */
public final class Tier {

	private final String name;
	private final Map<ChunkKey, Chunk> chunks = new HashMap<>();
	private volatile long budget;
	private long used;
	private long clock;
	private long hits;
	private long evictions;
	private final EvictionLog evictionLog;

	public Tier(String name, long budgetBytes, EvictionLog evictionLog) {
		this.name = name;
		this.budget = budgetBytes;
		this.evictionLog = evictionLog;
	}

	public String name() {
		return name;
	}

	public long budget() {
		return budget;
	}

	/** Changes the budget, evicting what no longer fits; 0 empties the tier. */
	public synchronized void budget(long bytes) {
		budget = bytes;
		makeRoom(0, Double.POSITIVE_INFINITY);
	}

	/** The chunk, counted as a hit and marked used; null when absent. */
	public synchronized Chunk hit(ChunkKey key) {
		Chunk chunk = chunks.get(key);
		if (chunk != null) {
			chunk.lastUsed = ++clock;
			hits++;
		}
		return chunk;
	}

	/** The chunk without counting or marking it. */
	public synchronized Chunk peek(ChunkKey key) {
		return chunks.get(key);
	}

	public synchronized boolean contains(ChunkKey key) {
		return chunks.containsKey(key);
	}

	/**
	 * Adds a chunk (replacing one of the same key), evicting less probable ones to make room.
	 *
	 * @return false when it does not fit without evicting a more probable chunk
	 */
	public synchronized boolean put(Chunk chunk) {
		Chunk old = chunks.remove(chunk.key);
		if (old != null) {
			used -= old.bytes;
		}
		chunk.bytes = (long) chunk.samples.length * Float.BYTES;
		if (!makeRoom(chunk.bytes, chunk.probability)) {
			return false;
		}
		chunk.lastUsed = ++clock;
		chunks.put(chunk.key, chunk);
		used += chunk.bytes;
		return true;
	}

	/** Removes and returns a chunk, for a move to another tier. */
	public synchronized Chunk take(ChunkKey key) {
		Chunk chunk = chunks.remove(key);
		if (chunk != null) {
			used -= chunk.bytes;
		}
		return chunk;
	}

	/** Sets the probability of every chunk: those the plan names get theirs, the others 0. */
	public synchronized void reprioritise(Map<ChunkKey, Double> planned) {
		for (Chunk chunk : chunks.values()) {
			chunk.probability = planned.getOrDefault(chunk.key, 0.0);
		}
	}

	/** Drops the chunks that match; returns how many. */
	public synchronized int drop(Predicate<ChunkKey> which) {
		int dropped = 0;
		for (Iterator<Chunk> it = chunks.values().iterator(); it.hasNext();) {
			Chunk chunk = it.next();
			if (which.test(chunk.key)) {
				it.remove();
				used -= chunk.bytes;
				dropped++;
			}
		}
		return dropped;
	}

	private boolean makeRoom(long bytes, double probability) {
		if (bytes > budget) {
			return false;
		}
		while (used + bytes > budget) {
			Chunk victim = null;
			for (Chunk c : chunks.values()) {
				if (victim == null || c.probability < victim.probability
						|| c.probability == victim.probability && c.lastUsed < victim.lastUsed) {
					victim = c;
				}
			}
			if (victim == null || victim.probability > probability) {
				return false;
			}
			chunks.remove(victim.key);
			used -= victim.bytes;
			evictions++;
			evictionLog.evicted();
		}
		return true;
	}

	/**
	 * Checks the tier against itself: drops chunks that cannot be valid (no samples, a negative
	 * index, bytes that do not match the samples), clamps probabilities into [0, 1], and recounts
	 * the bytes used.
	 *
	 * @return what was wrong, one line each; empty when nothing was
	 */
	public synchronized List<String> validate() {
		List<String> issues = new ArrayList<>();
		long actual = 0;
		for (Iterator<Map.Entry<ChunkKey, Chunk>> it = chunks.entrySet().iterator(); it.hasNext();) {
			Map.Entry<ChunkKey, Chunk> e = it.next();
			Chunk c = e.getValue();
			String invalid = c == null ? "no chunk"
					: c.samples == null ? "no samples"
							: !e.getKey().equals(c.key) ? "filed under another key"
									: c.key.index() < 0 ? "negative index " + c.key.index()
											: c.bytes != (long) c.samples.length * Float.BYTES
													? "size " + c.bytes + " B for " + c.samples.length * 4L + " B of samples"
													: null;
			if (invalid != null) {
				issues.add(name + ": dropped a chunk: " + invalid);
				it.remove();
				continue;
			}
			if (!(c.probability >= 0 && c.probability <= 1)) {
				issues.add(name + ": probability " + c.probability + " clamped");
				c.probability = Double.isNaN(c.probability) ? 0 : Math.max(0, Math.min(1, c.probability));
			}
			actual += c.bytes;
		}
		if (actual != used) {
			issues.add(name + ": accounted " + used + " B, holds " + actual + " B; recounted");
			used = actual;
		}
		makeRoom(0, Double.POSITIVE_INFINITY);
		return issues;
	}

	public synchronized long used() {
		return used;
	}

	public synchronized int size() {
		return chunks.size();
	}

	public synchronized long hits() {
		return hits;
	}

	public synchronized long evictions() {
		return evictions;
	}

	public synchronized List<ChunkKey> keys() {
		return new ArrayList<>(chunks.keySet());
	}

	/** For tests of the integrity check: breaks the accounting as a bug would. */
	public synchronized void corruptAccounting(long wrongUsed) {
		used = wrongUsed;
	}

	/** For tests of the integrity check: files a chunk whose size is wrong. */
	public synchronized void corruptChunk(ChunkKey key, long wrongBytes, double wrongProbability) {
		Chunk c = chunks.get(key);
		if (c != null) {
			c.bytes = wrongBytes;
			c.probability = wrongProbability;
		}
	}

	/** Counts evictions across the tiers for the thrashing alert. */
	public interface EvictionLog {
		void evicted();
	}
}
