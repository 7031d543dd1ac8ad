package orbit.safewrite.internal;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** One writer per file: a lock per absolute path, dropped when nobody holds or waits for it. */
final class PathLocks {

	private final ConcurrentHashMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

	/** Returns the held lock, or null when it could not be had within the timeout. */
	ReentrantLock acquire(Path path, long timeout, TimeUnit unit) throws InterruptedException {
		while (true) {
			ReentrantLock lock = locks.computeIfAbsent(path, p -> new ReentrantLock(true));
			if (!lock.tryLock(timeout, unit)) {
				return null;
			}
			// The lock may have been dropped from the map between lookup and tryLock.
			if (locks.get(path) == lock) {
				return lock;
			}
			lock.unlock();
		}
	}

	void release(Path path, ReentrantLock lock) {
		if (!lock.hasQueuedThreads() && lock.getHoldCount() == 1) {
			locks.remove(path, lock);
		}
		lock.unlock();
	}
}
