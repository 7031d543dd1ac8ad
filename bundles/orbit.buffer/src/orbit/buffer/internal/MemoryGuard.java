package orbit.buffer.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

import orbit.buffer.BufferHealth.Degradation;

/**
 * Watches the JVM's heap and says what the buffer should give up: L3 above 75 % of the heap in
 * use, L2 as well above 85 %, everything but the current chunk above 92 %. It reads the pool that
 * holds long-lived objects (the old generation, where large sample arrays go), since that is the
 * one whose filling means an OutOfMemoryError is near, as of its last collection (the pool's
 * collection usage, what its collection-usage threshold watches). Going back needs 5 points less, so the
 * level does not flap.
 */
public final class MemoryGuard {

	static final double NO_L3 = 0.75, NO_L2 = 0.85, CURRENT_ONLY = 0.92, HYSTERESIS = 0.05;

	private final MemoryPoolMXBean pool = oldGeneration();
	private Degradation level = Degradation.NONE;

	/** The level for the heap as it is now. */
	public synchronized Degradation check() {
		return check(usedFraction());
	}

	/** The level for a given share of the heap in use. */
	synchronized Degradation check(double used) {
		Degradation wanted = used >= CURRENT_ONLY ? Degradation.CURRENT_CHUNK_ONLY
				: used >= NO_L2 ? Degradation.NO_L2_L3 : used >= NO_L3 ? Degradation.NO_L3 : Degradation.NONE;
		if (wanted.ordinal() > level.ordinal()) {
			level = wanted;
		} else if (wanted.ordinal() < level.ordinal()) {
			// Step down only once clearly below the threshold of the current level.
			double threshold = switch (level) {
			case CURRENT_CHUNK_ONLY -> CURRENT_ONLY;
			case NO_L2_L3 -> NO_L2;
			case NO_L3 -> NO_L3;
			case NONE -> 0;
			};
			if (used < threshold - HYSTERESIS) {
				level = Degradation.values()[level.ordinal() - 1];
			}
		}
		return level;
	}

	public synchronized Degradation level() {
		return level;
	}

	/** The share of the heap's maximum in use, in the old generation when there is one. */
	public double usedFraction() {
		if (pool != null) {
			// After the last collection: what is live, not garbage waiting for the next one.
			MemoryUsage u = pool.isCollectionUsageThresholdSupported() && pool.getCollectionUsage() != null
					? pool.getCollectionUsage()
					: pool.getUsage();
			long max = u.getMax() > 0 ? u.getMax() : Runtime.getRuntime().maxMemory();
			return u.getUsed() / (double) max;
		}
		Runtime rt = Runtime.getRuntime();
		return (rt.totalMemory() - rt.freeMemory()) / (double) rt.maxMemory();
	}

	private static MemoryPoolMXBean oldGeneration() {
		MemoryPoolMXBean best = null;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() != MemoryType.HEAP || !p.isUsageThresholdSupported()) {
				continue;
			}
			String name = p.getName();
			if (name.contains("Old") || name.contains("Tenured")) {
				return p;
			}
			best = p;
		}
		return best;
	}
}
