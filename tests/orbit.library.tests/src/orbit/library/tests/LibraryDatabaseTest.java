package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

	/**
	 * Opens racing on a new file (a command run while the workstation creates the library): each
	 * one waits its turn to switch to WAL and to create the schema, none fails, and the schema is
	 * created once. Repeated, since the race is one of timing.
	 */
	@Test
	void firstOpensAtOnceAllSucceed() throws Exception {
		int opens = 6;
		ExecutorService pool = Executors.newFixedThreadPool(opens);
		try {
			for (int round = 0; round < 10; round++) {
				Path file = dir.resolve("race-" + round + ".db");
				CyclicBarrier start = new CyclicBarrier(opens);
				List<Future<String>> results = new ArrayList<>();
				for (int i = 0; i < opens; i++) {
					results.add(pool.submit(() -> {
						start.await();
						try (LibraryDatabase db = LibraryDatabase.open(file)) {
							return db.pragma("journal_mode") + " " + db.pragma("user_version");
						}
					}));
				}
				String first = results.get(0).get();
				for (Future<String> result : results) {
					assertEquals(first, result.get(), "round " + round);
				}
				assertTrue(first.startsWith("wal "), first);
			}
		} finally {
			pool.shutdownNow();
		}
	}
}
