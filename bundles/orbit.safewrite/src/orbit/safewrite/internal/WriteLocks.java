package orbit.safewrite.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.safewrite.SafeWriteException;
import orbit.safewrite.SafeWriteException.Reason;
import orbit.safewrite.Sha256;

/**
 * One writer per file across every ORBIT process: the command line, the workstation and a second
 * command line each run in their own JVM. A writer holds two locks: a lock per path inside this
 * JVM (the OS lock below is the JVM's, not a thread's, and a second one on the same file throws
 * {@code OverlappingFileLockException}), then an OS lock ({@link FileChannel#tryLock}) on a small
 * lock file named after the target's path, which the kernel drops when the holder dies, even by
 * SIGKILL.
 *
 * <p>The holder writes its pid, command and target into the lock file, so that a writer that waits
 * too long can say who holds the file. A lock file is deleted by its holder on release when no
 * writer of this JVM waits for it; a writer of another process that opened it just before may
 * then lock a file no longer at that name: it compares the file key of what it locked with the
 * name's, and starts again on the file now there.
 */
public final class WriteLocks {

	private static final Logger LOG = LoggerFactory.getLogger(WriteLocks.class);

	/** The longest pause between two tries of a lock another process holds. */
	private static final long MAX_PAUSE_MILLIS = 40;

	/** How this process names itself in the lock files it holds, e.g. {@code orbit tag}. */
	static final String COMMAND = command(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()));

	private final Supplier<Path> directory;
	private final Duration wait;
	/**
	 * The in-JVM locks, one map for every instance: the OS locks belong to the JVM, so two instances
	 * (a reconfigured service, a second one in tests) must not open one lock file at once, since
	 * closing either channel would drop the other's lock.
	 */
	private static final ConcurrentHashMap<Path, Local> LOCALS = new ConcurrentHashMap<>();

	/**
	 * @param directory where the lock files are (asked at each lock: the data directory may be set
	 *                  by the command line after the services start)
	 * @param wait      how long a writer waits for another writer of the same file before it gives up
	 */
	public WriteLocks(Supplier<Path> directory, Duration wait) {
		this.directory = directory;
		this.wait = wait;
	}

	/** The lock file that guards {@code target} (absolute and normalised). */
	public static Path lockFile(Path directory, Path target) {
		return directory.resolve(Sha256.hex(digestOf(target.toString())) + ".lock");
	}

	private static java.security.MessageDigest digestOf(String text) {
		java.security.MessageDigest digest = Sha256.digest();
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		return digest;
	}

	/**
	 * Waits for every other writer of {@code target} (absolute and normalised) to finish, within
	 * the wait, and holds it until the returned lock is closed. The thread that holds it may lock
	 * it again (a nested write of the same file).
	 *
	 * @throws SafeWriteException BUSY when another writer still holds it after the wait, or the
	 *                            thread was interrupted while waiting; nothing was written
	 */
	public Held acquire(Path target) {
		long deadline = System.nanoTime() + wait.toNanos();
		Local local = lockLocal(target);
		if (local.lock.getHoldCount() > 1) {
			return new Held(target, local, null);
		}
		try {
			Os os = lockOs(target, deadline);
			local.holder = os.holder;
			return new Held(target, local, os);
		} catch (RuntimeException | Error e) {
			unlockLocal(target, local);
			throw e;
		}
	}

	/** The in-JVM lock of {@code target}, dropped from the map when nobody holds or waits for it. */
	private Local lockLocal(Path target) {
		try {
			while (true) {
				Local local = LOCALS.computeIfAbsent(target, p -> new Local());
				if (!local.lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
					throw busy(target, local.holder);
				}
				// The lock may have been dropped from the map between lookup and tryLock.
				if (LOCALS.get(target) == local) {
					return local;
				}
				local.lock.unlock();
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw interrupted(target, e);
		}
	}

	private void unlockLocal(Path target, Local local) {
		if (!local.lock.hasQueuedThreads() && local.lock.getHoldCount() == 1) {
			local.holder = null;
			LOCALS.remove(target, local);
		}
		local.lock.unlock();
	}

	private Os lockOs(Path target, long deadline) {
		Path dir = directory.get();
		Path lockFile;
		try {
			Files.createDirectories(dir);
			// The real path, as /proc names the files this process has open.
			lockFile = lockFile(dir.toRealPath(), target);
		} catch (IOException e) {
			throw new SafeWriteException(Reason.NOT_WRITABLE, "Cannot create the lock directory " + dir + " ("
					+ e.getMessage() + ")", "Check the data directory's permissions; nothing was written", e);
		}
		Holder me = new Holder(ProcessHandle.current().pid(), COMMAND, target.toString(), UUID.randomUUID().toString());
		byte[] mine = me.bytes();
		Holder other = null;
		boolean waited = false;
		long start = System.nanoTime();
		long pause = 2;
		while (true) {
			FileChannel channel = null;
			try {
				Object keyBefore = fileKey(lockFile);
				channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
						StandardOpenOption.WRITE);
				FileLock lock = channel.tryLock();
				if (lock != null) {
					// Its last holder may have deleted it between our open and our lock: then the name
					// is another file's, and the lock guards nothing.
					if (!stillNamed(lockFile, keyBefore)) {
						channel.close();
						continue;
					}
					channel.truncate(0);
					channel.write(ByteBuffer.wrap(mine), 0);
					if (waited) {
						LOG.info("Waited {} ms for {} to finish writing {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
								other == null ? "another ORBIT process" : "ORBIT process " + other.pid() + " (" + other.command() + ")",
								target);
					}
					return new Os(lockFile, channel, lock, me);
				}
				waited = true;
				other = Holder.parse(read(channel)).orElse(other);
				channel.close();
			} catch (ClosedByInterruptException e) {
				// The thread stays interrupted; the channel, and so any lock on it, is closed.
				throw interrupted(target, e);
			} catch (IOException e) {
				closeQuietly(channel);
				throw new SafeWriteException(Reason.IO, "Cannot lock " + target + " for writing (" + lockFile + ": "
						+ e.getMessage() + ")", "Check the data directory's permissions; nothing was written", e);
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw busy(target, other);
			}
			try {
				Thread.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw interrupted(target, e);
			}
			pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
		}
	}

	private SafeWriteException busy(Path target, Holder holder) {
		String who = holder == null ? "another ORBIT process"
				: "ORBIT process " + holder.pid() + " (" + holder.command() + ")";
		return new SafeWriteException(Reason.BUSY, target + " is being written by " + who + " for more than "
				+ seconds(wait) + "; try again when it has finished", null, null);
	}

	private static SafeWriteException interrupted(Path target, Exception e) {
		return new SafeWriteException(Reason.BUSY, "The write of " + target
				+ " was interrupted while it waited for another writer; nothing was written", null, e);
	}

	private static String seconds(Duration wait) {
		long millis = wait.toMillis();
		return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	/**
	 * Whether the lock file this process has just locked is still the file {@code lockFile} names:
	 * the file key of the open file (through /proc, which names a deleted one "... (deleted)")
	 * against the name's. Never by opening the name: closing any channel of a file drops every
	 * lock the process holds on it. Where there is no /proc, the name must still have the file key
	 * it had just before the open; an open file's key cannot be another's meanwhile.
	 */
	static boolean stillNamed(Path lockFile, Object keyBefore) throws IOException {
		Object named = fileKey(lockFile);
		if (named == null) {
			return false;
		}
		Path descriptors = Path.of("/proc/self/fd");
		if (Files.isDirectory(descriptors)) {
			String name = lockFile.toString();
			try (DirectoryStream<Path> open = Files.newDirectoryStream(descriptors)) {
				for (Path descriptor : open) {
					String link;
					try {
						link = Files.readSymbolicLink(descriptor).toString();
					} catch (IOException | UnsupportedOperationException e) {
						continue;
					}
					if (link.equals(name) || link.equals(name + " (deleted)")) {
						return named.equals(fileKey(descriptor));
					}
				}
			}
		}
		return named.equals(keyBefore);
	}

	private static Object fileKey(Path file) throws IOException {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		} catch (NoSuchFileException e) {
			return null;
		}
	}

	private static String read(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(8192);
		while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
			// a holder's record is a few hundred bytes
		}
		return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			} catch (IOException ignored) {
				// closing releases the lock all the same
			}
		}
	}

	/**
	 * How an ORBIT process is named to a waiting writer: {@code orbit COMMAND} for the command line,
	 * {@code orbit workstation} for the window, else the Java main class.
	 */
	public static String command(List<String> arguments) {
		int application = arguments.indexOf("-application");
		if (application >= 0 && application + 1 < arguments.size() && arguments.get(application + 1).equals("orbit.app.cli")) {
			for (int i = application + 2; i < arguments.size(); i++) {
				String argument = arguments.get(i);
				if (argument.equals("--home")) {
					i++;
				} else if (!argument.startsWith("-")) {
					return "orbit " + argument;
				}
			}
			return "orbit";
		}
		if (arguments.stream().anyMatch(a -> a.contains("org.eclipse.equinox.launcher"))) {
			return "orbit workstation";
		}
		String main = System.getProperty("sun.java.command", "java").split(" ", 2)[0];
		return "java " + main.substring(main.lastIndexOf('.') + 1);
	}

	/** Who holds a lock file, as written in it. */
	record Holder(long pid, String command, String target, String token) {

		byte[] bytes() {
			return ("pid=" + pid + "\ncommand=" + command.replace('\n', ' ') + "\ntarget=" + target.replace('\n', ' ')
					+ "\ntoken=" + token + "\n").getBytes(StandardCharsets.UTF_8);
		}

		/** The holder a lock file names; empty while it is being written or when it is not one. */
		static Optional<Holder> parse(String text) {
			long pid = -1;
			String command = null;
			String target = null;
			String token = null;
			for (String line : text.split("\n")) {
				int equals = line.indexOf('=');
				if (equals < 0) {
					continue;
				}
				String value = line.substring(equals + 1);
				switch (line.substring(0, equals)) {
				case "pid" -> pid = parsePid(value);
				case "command" -> command = value;
				case "target" -> target = value;
				case "token" -> token = value;
				default -> {
					// a later version's field
				}
				}
			}
			return pid < 0 || command == null || token == null ? Optional.empty()
					: Optional.of(new Holder(pid, command, target, token));
		}

		private static long parsePid(String text) {
			try {
				return Long.parseLong(text.strip());
			} catch (NumberFormatException e) {
				return -1;
			}
		}
	}

	/** The in-JVM side: who waits, and who holds (for a waiter's message). */
	private static final class Local {
		final ReentrantLock lock = new ReentrantLock(true);
		volatile Holder holder;
	}

	/** The OS side, held by the thread that holds the in-JVM lock. */
	private record Os(Path lockFile, FileChannel channel, FileLock lock, Holder holder) {
	}

	/** A held lock on one file; closing it lets the next writer in. */
	public final class Held implements AutoCloseable {

		private final Path target;
		private final Local local;
		private final Os os;
		private boolean closed;

		Held(Path target, Local local, Os os) {
			this.target = target;
			this.local = local;
			this.os = os;
		}

		/** The lock file held, or null for a nested hold of the same file. */
		public Path lockFile() {
			return os == null ? null : os.lockFile();
		}

		@Override
		public void close() {
			if (closed) {
				return;
			}
			closed = true;
			try {
				if (os != null) {
					releaseOs();
				}
			} finally {
				unlockLocal(target, local);
			}
		}

		private void releaseOs() {
			try {
				// Deleted only while held: a writer that opened it meanwhile sees the name gone and starts again.
				if (!local.lock.hasQueuedThreads()) {
					Files.deleteIfExists(os.lockFile());
				} else {
					os.channel().truncate(0);
				}
			} catch (IOException e) {
				// A lock file that stays is harmless: the next holder writes itself into it.
			} finally {
				closeQuietly(os.channel());
			}
		}
	}
}
