package orbit.upgrade.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import orbit.upgrade.FileHolder;
import orbit.upgrade.FileHolder.Hold;
import orbit.upgrade.FileHolders;

/**
 * {@link FileHolders} from Linux's {@code /proc}, with a lock attempt as the last word. On Windows
 * an open without sharing answers for the processes that have the file open, and the lock attempt
 * for locks; elsewhere only the lock attempt answers: a POSIX lock held by another process shows as
 * "another process holds a lock on it".
 */
@Component
public class ProcFileHolders implements FileHolders {

	/**
	 * Windows' open without sharing (the JDK's {@code com.sun.nio.file.ExtendedOpenOption}), found
	 * at run time: elsewhere the JDK refuses these options, and the bundle imports no JDK-internal
	 * package.
	 */
	private static final Set<OpenOption> NO_SHARING = noSharing();

	private final Path proc;

	public ProcFileHolders() {
		this(Path.of("/proc"));
	}

	ProcFileHolders(Path proc) {
		this.proc = proc;
	}

	@Override
	public List<FileHolder> holders(Path file) throws IOException {
		Path real = file.toRealPath();
		Set<FileHolder> holders = new LinkedHashSet<>();
		long self = ProcessHandle.current().pid();
		if (Files.isDirectory(proc.resolve("self/fd"))) {
			Openers openers = openers(real, self);
			// A lock lives on an open file: only a process that has the file open can hold one, so
			// /proc/locks, slow to read on a busy system, is read only to say how openers hold it,
			// or when some process's descriptors could not be seen.
			if (!openers.found().isEmpty() || !openers.allSeen()) {
				holders.addAll(locks(real, self));
			}
			holders.addAll(openers.found());
		} else if (!NO_SHARING.isEmpty() && !openableAlone(real)) {
			holders.add(new FileHolder(-1, "another process", Hold.OPEN));
		}
		if (holders.stream().noneMatch(h -> h.hold() != Hold.OPEN) && !lockable(real)) {
			holders.add(new FileHolder(-1, "another process", Hold.LOCK));
		}
		return List.copyOf(holders);
	}

	/** The flock and POSIX locks on the file's device and inode; waiting lock requests ({@code ->}) hold nothing. */
	private List<FileHolder> locks(Path file, long self) throws IOException {
		String id = deviceAndInode(file);
		List<FileHolder> found = new ArrayList<>();
		for (String line : Files.readAllLines(proc.resolve("locks"))) {
			// "1: POSIX  ADVISORY  WRITE 4242 08:01:1311 0 EOF"; OFD locks show pid -1.
			String[] f = line.trim().split("\\s+");
			if (f.length < 6 || f[1].equals("->") || !f[5].equals(id)) {
				continue;
			}
			long pid = Long.parseLong(f[4]);
			if (pid == self) {
				continue;
			}
			Hold hold = switch (f[1]) {
			case "FLOCK" -> Hold.FLOCK;
			case "POSIX" -> Hold.POSIX_LOCK;
			default -> Hold.LOCK;
			};
			found.add(new FileHolder(pid, pid > 0 ? name(pid) : "another process", hold));
		}
		return found;
	}

	/** {@code /proc/locks} names a file by its device in hex, major:minor, and its inode. */
	private static String deviceAndInode(Path file) throws IOException {
		long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
		long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
		long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
		long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
		return String.format(Locale.ROOT, "%02x:%02x:%d", major, minor, ino);
	}

	/** The other processes with a descriptor on the file, and whether every process's descriptors could be read. */
	private record Openers(List<FileHolder> found, boolean allSeen) {
	}

	/** Every other process with a descriptor on the file; processes that vanish while looked at are passed over. */
	private Openers openers(Path file, long self) throws IOException {
		String target = file.toString();
		List<FileHolder> found = new ArrayList<>();
		boolean allSeen = true;
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
			for (Path process : processes) {
				long pid = Long.parseLong(process.getFileName().toString());
				if (pid == self) {
					continue;
				}
				switch (opens(process.resolve("fd"), target)) {
				case YES -> found.add(new FileHolder(pid, name(pid), Hold.OPEN));
				case HIDDEN -> allSeen = false;
				case NO -> {
					// neither open nor hidden
				}
				}
			}
		}
		return new Openers(found, allSeen);
	}

	private enum Opens {
		YES, NO, HIDDEN
	}

	private static Opens opens(Path fds, String target) {
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(fds)) {
			for (Path fd : descriptors) {
				try {
					if (Files.readSymbolicLink(fd).toString().equals(target)) {
						return Opens.YES;
					}
				} catch (IOException e) {
					// closed while we looked
				}
			}
			return Opens.NO;
		} catch (NoSuchFileException e) {
			return Opens.NO;
		} catch (IOException e) {
			// another user's: the lock attempt and /proc/locks still speak for it
			return Opens.HIDDEN;
		}
	}

	private static boolean isPid(String name) {
		return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
	}

	private String name(long pid) {
		try {
			return Files.readString(proc.resolve(pid + "/comm")).strip();
		} catch (NoSuchFileException e) {
			return "a process that has ended";
		} catch (IOException e) {
			return "process " + pid;
		}
	}

	/**
	 * Whether the file opens without sharing, on Windows: another process that has it open, with
	 * any sharing mode, makes the open fail with a sharing violation.
	 */
	private static boolean openableAlone(Path file) throws IOException {
		Set<OpenOption> options = new HashSet<>(NO_SHARING);
		options.add(StandardOpenOption.READ);
		try (FileChannel channel = FileChannel.open(file, options)) {
			return true;
		} catch (FileSystemException e) {
			if (!Files.exists(file)) {
				throw e;
			}
			return false;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Set<OpenOption> noSharing() {
		if (!System.getProperty("os.name", "").startsWith("Windows")) {
			return Set.of();
		}
		try {
			Class options = ClassLoader.getPlatformClassLoader().loadClass("com.sun.nio.file.ExtendedOpenOption");
			return Set.of((OpenOption) Enum.valueOf(options, "NOSHARE_READ"), (OpenOption) Enum.valueOf(options,
					"NOSHARE_WRITE"), (OpenOption) Enum.valueOf(options, "NOSHARE_DELETE"));
		} catch (ReflectiveOperationException | IllegalArgumentException e) {
			return Set.of();
		}
	}

	/**
	 * Whether an exclusive lock on the file can be taken (and is let go at once): a POSIX lock of
	 * another process refuses it. Read-only files are tried with a shared lock. (Closing the
	 * channel drops this process's POSIX locks on the file; ORBIT's own locks are on lock files.)
	 */
	private static boolean lockable(Path file) throws IOException {
		boolean writable = Files.isWritable(file);
		try (FileChannel channel = FileChannel.open(file, writable ? StandardOpenOption.WRITE : StandardOpenOption.READ)) {
			try (FileLock lock = channel.tryLock(0, Long.MAX_VALUE, !writable)) {
				return lock != null;
			} catch (OverlappingFileLockException e) {
				// held by this JVM: not another process's
				return true;
			}
		}
	}
}
