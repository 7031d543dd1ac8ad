package orbit.updates.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import orbit.core.ActionableException;

/**
 * One ORBIT at a time reads or changes the installation's p2 profile. p2 writes a profile state
 * whenever it loads the profile of an installation that was moved (a "roaming" profile) and at
 * every change, and a state being written cannot be told from one cut off by a kill except by who
 * holds this lock: the operating system lets go of it when its process ends, however it ends.
 * Holding it, an operation may set aside any unreadable state at once (see
 * {@link InterruptedChange#recover(boolean)}).
 *
 * <p>The lock is a file in the p2 data area. Where that file cannot be made (an install folder
 * only read, a full disk) the operation goes on unlocked, as it did before: nothing can write a
 * profile state there either, and what p2 says about it is what the user reads.
 */
final class ProfileLock {

	/** How long an operation waits for another ORBIT's before it says so. */
	private static final long WAIT_MILLIS = 30_000;

	/** This process's operations one at a time; the file lock is taken by the outermost only. */
	private static final ReentrantLock IN_PROCESS = new ReentrantLock();

	/** Whether the running operation holds the file lock (read under {@link #IN_PROCESS}). */
	private static boolean exclusive;

	private ProfileLock() {
	}

	/** Runs {@code operation} holding the lock of the p2 data area {@code area} (null: none). */
	static <T> T holding(Path area, Supplier<T> operation) {
		IN_PROCESS.lock();
		try {
			if (IN_PROCESS.getHoldCount() > 1) {
				return operation.get();
			}
			FileChannel channel = open(area);
			try {
				exclusive = acquire(channel, area) != null;
				return operation.get();
			} finally {
				exclusive = false;
				close(channel);
			}
		} finally {
			IN_PROCESS.unlock();
		}
	}

	/** Whether the operation running on this thread holds the file lock: no other ORBIT writes a profile state. */
	static boolean exclusive() {
		return IN_PROCESS.isHeldByCurrentThread() && exclusive;
	}

	private static FileChannel open(Path area) {
		if (area == null) {
			return null;
		}
		try {
			Path folder = Files.createDirectories(area.resolve("orbit.updates"));
			return FileChannel.open(folder.resolve("profile.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		} catch (IOException | UnsupportedOperationException | SecurityException e) {
			return null;
		}
	}

	/** Closing the channel lets go of its lock. */
	private static void close(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			} catch (IOException e) {
				// The operating system lets go of the lock when the process ends.
			}
		}
	}

	private static FileLock acquire(FileChannel channel, Path area) {
		if (channel == null) {
			return null;
		}
		long until = System.nanoTime() + WAIT_MILLIS * 1_000_000;
		try {
			while (true) {
				FileLock lock = channel.tryLock();
				if (lock != null) {
					return lock;
				}
				if (System.nanoTime() > until) {
					throw new ActionableException(
							"Another ORBIT has been reading or changing this installation's updates for " + WAIT_MILLIS / 1000
									+ " s (" + area + ")",
							"Let it finish (an update or a plugin install) and run this again");
				}
				Thread.sleep(100);
			}
		} catch (IOException | OverlappingFileLockException e) {
			return null;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ActionableException("Stopped while waiting for another ORBIT's update to finish",
					"Run it again; the installation is unchanged", e);
		}
	}
}
