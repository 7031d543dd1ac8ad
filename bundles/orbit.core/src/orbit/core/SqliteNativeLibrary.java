package orbit.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept in the OSGi configuration area. sqlite-jdbc copies its native
 * library out of its jar into the temporary directory on every start (a megabyte written, then
 * loaded from a new file), and a process killed left its copy there for good. The first start
 * copies it once into {@code configuration/orbit.sqlite/VERSION-OS-ARCH/}, with its checksum;
 * later starts check it and point sqlite-jdbc at it ({@code org.sqlite.lib.path}). A copy that is
 * missing or damaged is copied again; one that cannot be kept or loaded (a read-only or noexec
 * mount) only costs time: sqlite-jdbc then copies to the temporary directory as it always does. A
 * new sqlite-jdbc (an update) gets a folder of its own.
 */
public final class SqliteNativeLibrary {

	private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
	private static boolean prepared;

	private SqliteNativeLibrary() {
	}

	/**
	 * Points sqlite-jdbc at the kept copy, making it when needed. Every bundle that opens an SQLite
	 * database calls it before its first connection: whichever is first loads the library.
	 */
	public static synchronized void useKeptCopy() {
		if (prepared) {
			return;
		}
		prepared = true;
		if (System.getProperty("org.sqlite.lib.path") != null) {
			return; // the user's own choice
		}
		Path area = configurationArea();
		if (area == null) {
			return;
		}
		String folder = LibraryLoaderUtil.getNativeLibResourcePath();
		String name = LibraryLoaderUtil.getNativeLibName();
		URL resource = SQLiteJDBCLoader.class.getResource(folder + "/" + name);
		if (resource == null) {
			return; // a platform sqlite-jdbc has no library for: it says so itself
		}
		Path dir = area.resolve("orbit.sqlite")
				.resolve(SQLiteJDBCLoader.getVersion() + folder.replace("/org/sqlite/native", "").replace('/', '-'));
		Path kept = dir.resolve(name);
		try {
			if (!intact(kept)) {
				Files.createDirectories(dir);
				Path copy = Files.createTempFile(dir, name, ".tmp");
				try (InputStream in = resource.openStream()) {
					Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
					Files.writeString(checksumOf(kept), checksum(copy));
					Files.move(copy, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				} finally {
					Files.deleteIfExists(copy);
				}
			}
			System.setProperty("org.sqlite.lib.path", dir.toString());
			System.setProperty("org.sqlite.lib.name", name);
		} catch (IOException | RuntimeException e) {
			LOG.info("SQLite's native library is copied to the temporary directory: {} cannot keep it ({})", dir, e.toString());
		}
	}

	/**
	 * Whether the kept copy is the one that was copied: its checksum, kept beside it, matches. A
	 * damaged library must not reach the JVM's loader, which would complain on the terminal.
	 */
	private static boolean intact(Path kept) throws IOException {
		Path sum = checksumOf(kept);
		return Files.isRegularFile(kept) && Files.isRegularFile(sum) && Files.readString(sum).equals(checksum(kept));
	}

	private static Path checksumOf(Path kept) {
		return kept.resolveSibling(kept.getFileName() + ".crc32c");
	}

	/** CRC-32C of a file: a millisecond for SQLite's megabyte, enough to tell damage from the copy. */
	private static String checksum(Path file) throws IOException {
		java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
		crc.update(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)));
		return Files.size(file) + ":" + Long.toHexString(crc.getValue());
	}

	/** The framework's configuration area, where a start keeps what the next start reuses; null outside OSGi. */
	private static Path configurationArea() {
		String area = System.getProperty("osgi.configuration.area");
		if (area == null || !area.startsWith("file:")) {
			return null;
		}
		try {
			return Path.of(URI.create(area.replace(" ", "%20")));
		} catch (IllegalArgumentException e) {
			return Path.of(area.substring("file:".length()));
		}
	}
}
