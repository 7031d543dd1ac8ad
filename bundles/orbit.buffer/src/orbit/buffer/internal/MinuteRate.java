package orbit.buffer.internal;

/**
 * The share of hits among lookups over the last minute, counted per second in a ring of 60, so
 * that counting a lookup on the audio thread allocates nothing and takes constant time.
 */
final class MinuteRate {

	private static final int SECONDS = 60;

	private final long base = System.nanoTime();
	/** The second (from 1, since {@link #base}) each slot counts; 0 for a slot never used. */
	private final long[] second = new long[SECONDS];
	private final long[] lookups = new long[SECONDS];
	private final long[] hits = new long[SECONDS];

	synchronized void add(boolean hit) {
		long now = now();
		int slot = (int) (now % SECONDS);
		if (second[slot] != now) {
			second[slot] = now;
			lookups[slot] = 0;
			hits[slot] = 0;
		}
		lookups[slot]++;
		if (hit) {
			hits[slot]++;
		}
	}

	/** The share of hits over the last minute; NaN with fewer than {@code minimum} lookups. */
	synchronized double rate(int minimum) {
		long now = now();
		long all = 0, hit = 0;
		for (int slot = 0; slot < SECONDS; slot++) {
			if (second[slot] > 0 && now - second[slot] < SECONDS) {
				all += lookups[slot];
				hit += hits[slot];
			}
		}
		return all < minimum ? Double.NaN : hit / (double) all;
	}

	private long now() {
		return (System.nanoTime() - base) / 1_000_000_000L + 1;
	}
}
