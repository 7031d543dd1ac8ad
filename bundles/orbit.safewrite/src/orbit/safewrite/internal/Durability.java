package orbit.safewrite.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * fsync for files and directories. A rename is durable only once the directory holding it is
 * flushed; without it a power cut can leave the target empty (measured: 0 bytes, old and new
 * content both gone).
 */
public final class Durability {

	private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
			.startsWith("windows");

	private Durability() {
	}

	/**
	 * Flushes a file's content and metadata to the device. Through a writable channel: on Linux
	 * and macOS fsync flushes every dirty page of the file whichever descriptor wrote it, and
	 * Windows flushes only through a handle opened for writing.
	 */
	public static void fsyncFile(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	/** Flushes a directory entry change (create, rename, delete); a no-op on Windows. */
	public static void fsyncDirectory(Path directory) throws IOException {
		if (WINDOWS) {
			return;
		}
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}
}
