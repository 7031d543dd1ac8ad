package orbit.safewrite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.core.ComponentConfiguration;
import orbit.core.DataDirectory;
import orbit.recovery.CrashRecoveryJournal;
import orbit.safewrite.MoveOutcome;
import orbit.safewrite.SafeWriteException;
import orbit.safewrite.SafeWriteException.Reason;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.Sha256;
import orbit.safewrite.TempVerifier;
import orbit.safewrite.TempWriter;
import orbit.safewrite.WriteMode;
import orbit.safewrite.WriteOutcome;

/**
 * The {@link SafeWriteService}: temp file beside the target, fsync, verify, rename, fsync the
 * directory, restore the timestamps. Every failure removes the temp file and leaves the target
 * as it was. Each write and move holds its files' {@link WriteLocks} throughout, so one file has
 * one writer at a time across every ORBIT process.
 */
@Component(service = SafeWriteService.class, configurationPid = AtomicFiles.PID)
@Designate(ocd = AtomicFiles.Config.class)
public class AtomicFiles implements SafeWriteService {

	public static final String PID = "orbit.safewrite";
	/** The lock files' folder in the data directory. */
	public static final String LOCKS = "locks";

	/** How writers of one file take turns. */
	@ObjectClassDefinition(name = "Safe writes", description = "How writers of one file take turns.")
	public @interface Config {
		@AttributeDefinition(description = "Milliseconds a writer waits for another writer of the same file, "
				+ "in this or another ORBIT process, before it gives up.")
		long lock$_$wait$_$ms() default 10_000;
	}

	/** Head room beyond the content itself (directory blocks, file system metadata). */
	static final long SPACE_MARGIN_BYTES = 1024 * 1024;

	private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
	private static final String TEMP_SUFFIX = ".tmp";

	private volatile WriteLocks locks;

	@Reference
	private CrashRecoveryJournal journal;

	@Reference
	private DataDirectory dataDirectory;

	/** Null outside DS: nobody is told of replacements. */
	@Reference
	private ReplacementListeners listeners;

	public AtomicFiles() {
	}

	/**
	 * SafeWrite outside DS (a separate process in the crash tests), its lock files in the
	 * {@value #LOCKS} folder of the data directory the launch names ({@code -Dorbit.home},
	 * {@code ORBIT_HOME}) or else of the temporary directory, waiting the default time.
	 */
	public AtomicFiles(CrashRecoveryJournal journal) {
		this(journal, defaultLocks(), Duration.ofMillis(ComponentConfiguration.defaults(Config.class).lock$_$wait$_$ms()));
	}

	/** SafeWrite outside DS with its lock files in {@code lockDirectory}. */
	public AtomicFiles(CrashRecoveryJournal journal, Path lockDirectory, Duration lockWait) {
		this.journal = journal;
		this.locks = new WriteLocks(() -> lockDirectory, lockWait);
	}

	@Activate
	@Modified
	void configure(Config config) {
		Config chosen = ComponentConfiguration.withLaunchProperties(config, PID);
		// Asked at each write: the command line sets the data directory after the services start.
		locks = new WriteLocks(() -> dataDirectory.path().resolve(LOCKS), Duration.ofMillis(Math.max(0, chosen.lock$_$wait$_$ms())));
	}

	private static Path defaultLocks() {
		String home = System.getProperty(DataDirectory.HOME_PROPERTY, System.getenv(DataDirectory.HOME_ENVIRONMENT));
		Path base = home == null || home.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "orbit") : Path.of(home);
		return base.toAbsolutePath().resolve(LOCKS);
	}

	/** The temp name of {@code target}: {@code name.ext.<uuid>.tmp} in the same directory. */
	public static Path tempFor(Path target) {
		return target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
	}

	/** Whether {@code file} is a temp file of {@code target} left by an interrupted write. */
	public static boolean isTempOf(Path file, Path target) {
		String name = file.getFileName().toString();
		String prefix = target.getFileName() + ".";
		if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) {
			return false;
		}
		String uuid = name.substring(prefix.length(), name.length() - TEMP_SUFFIX.length());
		try {
			UUID.fromString(uuid);
			return uuid.length() == 36;
		} catch (IllegalArgumentException e) {
			return false;
		}
	}

	@Override
	public WriteOutcome writeAtomic(String operationType, Path target, WriteMode mode, TempWriter writer,
			TempVerifier verifier) {
		Path absolute = target.toAbsolutePath().normalize();
		try (WriteLocks.Held held = locks.acquire(absolute)) {
			return write(operationType, absolute, mode, writer, verifier);
		}
	}

	private WriteOutcome write(String operationType, Path target, WriteMode mode, TempWriter writer,
			TempVerifier verifier) {
		Path directory = target.getParent();
		BasicFileAttributes original = attributesOrNull(target);
		if (mode == WriteMode.EDIT_COPY && original == null) {
			throw new SafeWriteException(Reason.SOURCE_MISSING, target + " does not exist",
					"Nothing to edit: check the path or rescan the library", null);
		}
		long expected = original == null ? 0 : original.size();
		boolean lowSpace = checkSpace(directory, target, expected);
		Path temp = tempFor(target);
		WriteIntent intent = new WriteIntent(WriteIntent.WRITE, target.toString(), temp.toString(), WriteIntent.WRITING,
				original != null, original == null ? 0 : original.lastModifiedTime().toMillis(),
				original == null ? 0 : original.creationTime().toMillis(), null, null, expected);
		// The intent is on disk before the first byte of the temp file.
		String checkpoint = journal.log(operationType, target, intent.json(), 0);
		long bytes;
		try {
			if (mode == WriteMode.EDIT_COPY) {
				copyDurably(target, temp, null);
			} else {
				Files.createFile(temp);
			}
			writer.write(temp);
			if (!Files.isRegularFile(temp)) {
				throw new IOException("the writer left no file at " + temp);
			}
			Durability.fsyncFile(temp);
			try {
				verifier.verify(temp);
			} catch (IOException | RuntimeException e) {
				if (interrupted(e)) {
					throw e;
				}
				throw new SafeWriteException(Reason.VERIFICATION_FAILED,
						"The new content of " + target + " failed verification (" + e.getMessage() + ")",
						"Nothing was replaced: the original is untouched", e);
			}
			if (original != null && !Files.exists(target)) {
				throw new SafeWriteException(Reason.TARGET_VANISHED,
						target + " was deleted or moved while its new content was written",
						"Nothing was written; rescan the library to find it again", null);
			}
			bytes = Files.size(temp);
			// From here recovery rolls forward: the temp is durable and verified.
			journal.update(checkpoint, intent.inPhase(WriteIntent.VERIFIED).json());
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			Durability.fsyncDirectory(directory);
			if (original != null) {
				restoreTimes(target, original.lastModifiedTime(), original.creationTime());
			}
		} catch (SafeWriteException e) {
			abort(temp, checkpoint);
			throw e;
		} catch (IOException | RuntimeException e) {
			abort(temp, checkpoint);
			throw explain(e, target, directory);
		}
		// The new content is in place: from here the operation can only finish, never undo.
		tellListeners(operationType, target);
		journal.complete(checkpoint);
		return new WriteOutcome(target, bytes, original != null, lowSpace);
	}

	/**
	 * Tells the {@link orbit.safewrite.ReplacementListener}s inside the operation. When one fails
	 * the checkpoint stays in the journal, so that recovery tells them again at the next start.
	 */
	private void tellListeners(String operationType, Path target) {
		if (listeners == null) {
			return;
		}
		try {
			listeners.replaced(operationType, target);
		} catch (Exception e) {
			throw new SafeWriteException(Reason.NOT_RECORDED,
					target + " was written, but recording the change failed (" + e.getMessage() + ")",
					"The file is safe; 'orbit recover' (or the next start) records it again", e);
		}
	}

	/** A write that failed before its swap: the temp goes, the target is as it was, the intent is done. */
	private void abort(Path temp, String checkpoint) {
		deleteQuietly(temp);
		try {
			journal.complete(checkpoint);
		} catch (RuntimeException e) {
			LOG.warn("Could not complete the journal entry of an aborted write: {}", e.getMessage());
		}
	}

	@Override
	public MoveOutcome moveAtomic(Path source, Path target) {
		Path from = source.toAbsolutePath().normalize();
		Path to = target.toAbsolutePath().normalize();
		if (!Files.isRegularFile(from)) {
			throw new SafeWriteException(Reason.SOURCE_MISSING, from + " does not exist or is not a file",
					"Nothing was moved", null);
		}
		if (Files.exists(to)) {
			throw new SafeWriteException(Reason.TARGET_EXISTS, to + " already exists",
					"Nothing was moved: choose another name or remove the existing file first", null);
		}
		// Both files are locked in one order everywhere, so that two opposite moves cannot hold one each.
		Path first = from.compareTo(to) <= 0 ? from : to;
		Path second = first == from ? to : from;
		try (WriteLocks.Held firstHeld = locks.acquire(first); WriteLocks.Held secondHeld = locks.acquire(second)) {
			// Another writer may have made the target while this one waited.
			if (Files.exists(to)) {
				throw new SafeWriteException(Reason.TARGET_EXISTS, to + " already exists",
						"Nothing was moved: choose another name or remove the existing file first", null);
			}
			return move(from, to);
		}
	}

	private MoveOutcome move(Path from, Path to) {
		long size;
		try {
			size = Files.size(from);
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
			Durability.fsyncDirectory(to.getParent());
			Durability.fsyncDirectory(from.getParent());
			return new MoveOutcome(from, to, size, false);
		} catch (AtomicMoveNotSupportedException crossVolume) {
			return moveAcrossVolumes(from, to);
		} catch (IOException e) {
			throw explain(e, to, to.getParent());
		}
	}

	/** Copy, fsync, verify, rename, fsync, and only then delete the source. */
	private MoveOutcome moveAcrossVolumes(Path from, Path to) {
		Path temp = tempFor(to);
		String checkpoint = null;
		try {
			long size = Files.size(from);
			checkSpace(to.getParent(), to, size);
			WriteIntent intent = new WriteIntent(WriteIntent.MOVE, to.toString(), temp.toString(), WriteIntent.WRITING, false,
					0, 0, from.toString(), null, size);
			checkpoint = journal.log(CROSS_VOLUME_MOVE, to, intent.json(), 0);
			String sourceHash = copyDurably(from, temp, Sha256.digest());
			long copied = Files.size(temp);
			String copyHash = Sha256.of(temp);
			if (copied != size || !copyHash.equals(sourceHash)) {
				throw new SafeWriteException(Reason.VERIFICATION_FAILED,
						"The copy of " + from + " on the target volume differs from the source (" + copied + " of "
								+ size + " bytes, hash " + (copyHash.equals(sourceHash) ? "equal" : "different") + ")",
						"Nothing was moved: the source is untouched; check the target disk", null);
			}
			WriteIntent verified = new WriteIntent(WriteIntent.MOVE, to.toString(), temp.toString(), WriteIntent.VERIFIED,
					false, 0, 0, from.toString(), sourceHash, size);
			journal.update(checkpoint, verified.json());
			Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE);
			Durability.fsyncDirectory(to.getParent());
			journal.update(checkpoint, verified.inPhase(WriteIntent.RENAMED).json());
			Files.delete(from);
			Durability.fsyncDirectory(from.getParent());
			journal.complete(checkpoint);
			return new MoveOutcome(from, to, size, true);
		} catch (SafeWriteException e) {
			abortMove(temp, checkpoint);
			throw e;
		} catch (IOException | RuntimeException e) {
			abortMove(temp, checkpoint);
			throw explain(e, to, to.getParent());
		}
	}

	private void abortMove(Path temp, String checkpoint) {
		if (checkpoint == null) {
			deleteQuietly(temp);
		} else {
			abort(temp, checkpoint);
		}
	}

	/** Copies {@code from} to a new file {@code to}, fsyncs it; returns the hash when given a digest. */
	private static String copyDurably(Path from, Path to, MessageDigest digest) throws IOException {
		try (InputStream in = Files.newInputStream(from);
				FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			byte[] buffer = new byte[1 << 20];
			java.nio.ByteBuffer wrapper = java.nio.ByteBuffer.wrap(buffer);
			for (int n; (n = in.read(buffer)) > 0;) {
				if (digest != null) {
					digest.update(buffer, 0, n);
				}
				wrapper.clear().limit(n);
				while (wrapper.hasRemaining()) {
					out.write(wrapper);
				}
			}
			out.force(true);
		}
		return digest == null ? null : Sha256.hex(digest);
	}

	/** Refuses a write that cannot fit; returns whether space is low after it. */
	private static boolean checkSpace(Path directory, Path target, long bytes) {
		try {
			FileStore store = Files.getFileStore(directory);
			long usable = store.getUsableSpace();
			if (usable < bytes + SPACE_MARGIN_BYTES) {
				throw new SafeWriteException(Reason.DISK_FULL,
						"The disk holding " + target + " is full (" + megabytes(usable) + " free, "
								+ megabytes(bytes + SPACE_MARGIN_BYTES) + " needed)",
						"Free some space and try again; the original is untouched", null);
			}
			boolean low = usable - bytes < LOW_SPACE_BYTES;
			if (low) {
				LOG.warn("Low disk space for {}: {} free", target, megabytes(usable));
			}
			return low;
		} catch (NoSuchFileException e) {
			throw new SafeWriteException(Reason.SOURCE_MISSING, "The directory " + directory + " does not exist",
					"Nothing was written", e);
		} catch (IOException e) {
			// Free space unknown (some network file systems): the write itself will tell.
			return false;
		}
	}

	private static SafeWriteException explain(Exception e, Path target, Path directory) {
		String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : message;
		if (interrupted(e)) {
			Thread.currentThread().interrupt();
			return new SafeWriteException(Reason.INTERRUPTED, "The write of " + target
					+ " was interrupted before it replaced the file, so the original is untouched", null, e);
		}
		if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
			return new SafeWriteException(Reason.DISK_FULL, "The disk holding " + target + " is full",
					"Free some space and try again; the original is untouched", e);
		}
		if (e instanceof AccessDeniedException || reason.contains("Read-only file system")
				|| reason.contains("Permission denied")) {
			return new SafeWriteException(Reason.NOT_WRITABLE,
					"Cannot write in " + directory + " (" + reason.toLowerCase(Locale.ROOT) + ")",
					"Check that the disk is mounted writable and the folder's permissions; the original is untouched", e);
		}
		if (e instanceof NoSuchFileException) {
			return new SafeWriteException(Reason.TARGET_VANISHED, target + " or its folder disappeared during the write ("
					+ message + ")", "Nothing was written; rescan the library", e);
		}
		return new SafeWriteException(Reason.IO, "Writing " + target + " failed (" + message + ")",
				"The original is untouched", e);
	}

	/**
	 * Whether the thread was interrupted: a channel closed by it, or a file copy it cancelled
	 * (which the JDK reports as the socket error "Software caused connection abort").
	 */
	private static boolean interrupted(Throwable e) {
		if (Thread.currentThread().isInterrupted()) {
			return true;
		}
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClosedByInterruptException || cause instanceof InterruptedIOException
					|| cause instanceof InterruptedException || cause.getMessage() != null
							&& cause.getMessage().contains("Software caused connection abort")) {
				return true;
			}
		}
		return false;
	}

	private static BasicFileAttributes attributesOrNull(Path file) {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class);
		} catch (IOException e) {
			return null;
		}
	}

	/** Library sort orders in DJ software key on these; a tag write must not move the track. */
	static void restoreTimes(Path target, FileTime modified, FileTime created) {
		BasicFileAttributeView view = Files.getFileAttributeView(target, BasicFileAttributeView.class);
		try {
			// Creation time is kept only where the file system records one (not on most Linux ones).
			view.setTimes(modified, null, created);
		} catch (IOException e) {
			try {
				view.setTimes(modified, null, null);
			} catch (IOException again) {
				LOG.warn("Could not restore the modification time of {}: {}", target, again.getMessage());
			}
		}
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

	static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		} catch (IOException e) {
			LOG.warn("Could not remove the temp file {}: {}", file, e.getMessage());
		}
	}
}
