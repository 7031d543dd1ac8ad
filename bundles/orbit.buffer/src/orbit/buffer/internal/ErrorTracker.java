package orbit.buffer.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.buffer.BufferHealth.BufferError;

/** The last 100 errors, and how many of each component and type there have been. */
public final class ErrorTracker {

	static final int KEPT = 100;
	private static final Logger LOG = LoggerFactory.getLogger(ErrorTracker.class);

	private final Deque<BufferError> recent = new ArrayDeque<>();
	private final Map<String, Long> counts = new TreeMap<>();

	public synchronized void record(String component, String type, String message) {
		recent.addLast(new BufferError(Instant.now(), component, type, message));
		while (recent.size() > KEPT) {
			recent.removeFirst();
		}
		counts.merge(component + ":" + type, 1L, Long::sum);
		LOG.warn("[{}] {}: {}", component, type, message);
	}

	public synchronized List<BufferError> recent() {
		return new ArrayList<>(recent);
	}

	public synchronized Map<String, Long> counts() {
		return new TreeMap<>(counts);
	}
}
