package orbit.buffer.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tells learning from noise, as a DJ's hands make it: a preset change within 500 ms of the last
 * one is not learned (debounce), position updates count at most every 100 ms (throttle), and ten
 * operations within one second are exploration, which is not learned either. Times are
 * milliseconds of any monotonic clock.
 */
public final class InteractionFilter {

	public static final long DEBOUNCE_MS = 500;
	public static final long THROTTLE_MS = 100;
	public static final int EXPLORATION_OPS = 10;
	public static final long EXPLORATION_WINDOW_MS = 1000;

	private final Deque<Long> recent = new ArrayDeque<>();
	private long lastPresetChange = Long.MIN_VALUE / 2;
	private long lastPosition = Long.MIN_VALUE / 2;
	private long explorations;
	private long debounced;

	/** Records a user operation (preset, seek, cue, jump, intensity, tempo). */
	public synchronized void operation(long nowMs) {
		recent.addLast(nowMs);
		while (recent.size() > EXPLORATION_OPS) {
			recent.removeFirst();
		}
		if (exploring(nowMs)) {
			explorations++;
		}
	}

	/** Whether the last ten operations came within one second. */
	public synchronized boolean exploring(long nowMs) {
		return recent.size() >= EXPLORATION_OPS && nowMs - recent.peekFirst() < EXPLORATION_WINDOW_MS;
	}

	/**
	 * Records a preset change (call {@link #operation} first) and says whether to learn it: not
	 * within 500 ms of the previous change, and not while exploring.
	 */
	public synchronized boolean learnPresetChange(long nowMs) {
		boolean tooSoon = nowMs - lastPresetChange < DEBOUNCE_MS;
		lastPresetChange = nowMs;
		if (tooSoon) {
			debounced++;
		}
		return !tooSoon && !exploring(nowMs);
	}

	/** Whether a position update is due (at most one per 100 ms). */
	public synchronized boolean positionUpdate(long nowMs) {
		if (nowMs - lastPosition < THROTTLE_MS) {
			return false;
		}
		lastPosition = nowMs;
		return true;
	}

	/** Operations that found the user exploring. */
	public synchronized long explorations() {
		return explorations;
	}

	/** Preset changes that came too soon after the previous one. */
	public synchronized long debounced() {
		return debounced;
	}
}
