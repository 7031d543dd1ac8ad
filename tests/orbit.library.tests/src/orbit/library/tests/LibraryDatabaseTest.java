package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.internal.LibraryDatabase;

/** The connection settings every library connection gets. */
class LibraryDatabaseTest {

	@TempDir
	Path dir;

	@Test
	void everyConnectionIsWalFullSyncWithForeignKeysAndABoundedJournal() {
		Path file = dir.resolve("library.db");
		try (LibraryDatabase db = LibraryDatabase.open(file)) {
			assertEquals("wal", db.pragma("journal_mode"));
			assertEquals("1000", db.pragma("wal_autocheckpoint"));
			assertEquals(Long.toString(32L * 1024 * 1024), db.pragma("journal_size_limit"));
			assertEquals("1", db.pragma("foreign_keys"));
			assertEquals("2", db.pragma("synchronous"), "FULL");
			assertTrue(db.integrityProblems().isEmpty());
		}
		assertTrue(Files.exists(file));
		assertFalse(Files.exists(dir.resolve("library.db-wal")), "checkpointed and removed at close");
		assertFalse(Files.exists(dir.resolve("library.db-shm")));
	}
}
