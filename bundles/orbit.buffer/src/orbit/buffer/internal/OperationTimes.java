package orbit.buffer.internal;

import java.util.Arrays;

/**
 * The durations of the latest cache operations, for their 99th percentile. A ring of the last
 * 4096, so the figure follows what the buffer does now.
 */
public final class OperationTimes {

	private final long[] nanos = new long[4096];
	private int next;
	private int size;

	public synchronized void add(long durationNanos) {
		nanos[next] = durationNanos;
		next = (next + 1) % nanos.length;
		size = Math.min(size + 1, nanos.length);
	}

	/** The 99th percentile in microseconds; NaN before the first operation. */
	public synchronized double p99Micros() {
		if (size == 0) {
			return Double.NaN;
		}
		long[] copy = Arrays.copyOf(nanos, size);
		Arrays.sort(copy);
		return copy[Math.min(size - 1, (int) Math.ceil(size * 0.99) - 1)] / 1000.0;
	}
}
