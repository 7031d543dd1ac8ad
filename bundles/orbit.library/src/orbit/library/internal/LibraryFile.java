package orbit.library.internal;

import java.nio.file.Path;

import orbit.core.DataDirectory;

/**
 * {@code library.db} in the data directory, as one component of the library uses it. The database
 * is opened on first use, not at activation, so that a problem with it reaches the caller as an
 * {@link orbit.core.ActionableException} instead of a component that silently failed. When the
 * data directory changes (a command line given another {@code --home}) it follows. Its component
 * closes it when deactivated, which checkpoints the WAL.
 */
final class LibraryFile implements AutoCloseable {

	static final String DATABASE_FILE = "library.db";

	private final DataDirectory dataDirectory;
	private LibraryDatabase database;

	LibraryFile(DataDirectory dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	synchronized LibraryDatabase database() {
		Path file = path();
		if (database != null && !database.file().equals(file)) {
			database.close();
			database = null;
		}
		if (database == null) {
			dataDirectory.ensureWritable();
			database = LibraryDatabase.open(file);
		}
		return database;
	}

	Path path() {
		return dataDirectory.resolve(DATABASE_FILE).toAbsolutePath().normalize();
	}

	@Override
	public synchronized void close() {
		if (database != null) {
			database.close();
			database = null;
		}
	}
}
