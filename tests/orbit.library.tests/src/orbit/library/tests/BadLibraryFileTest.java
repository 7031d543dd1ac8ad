package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.ActionableException;
import orbit.library.Library;
import orbit.tests.support.OsgiServices;

/** A library file ORBIT cannot use is reported in one line and never written to. */
class BadLibraryFileTest {

	@TempDir
	Path home;

	@Test
	void randomBytesAreReportedAsNotALibraryAndLeftUntouched() throws IOException {
		byte[] garbage = new byte[64 * 1024];
		new Random(42).nextBytes(garbage);
		Path db = Files.write(home.resolve("library.db"), garbage);
		ActionableException e = assertThrows(ActionableException.class,
				() -> OsgiServices.withHome(home, Library.class, Library::countTracks));
		assertTrue(e.getMessage().contains("is not a readable ORBIT library"), e.getMessage());
		assertTrue(e.getMessage().contains("move it aside"), "says what to do: " + e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
		assertArrayEquals(garbage, Files.readAllBytes(db), "the file is byte-identical");
		assertFalse(Files.exists(home.resolve("library.db-wal")));
	}

	@Test
	void aTruncatedLibraryIsReportedAndLeftUntouched() throws Exception {
		OsgiServices.withHome(home, Library.class, library -> library.addTracks(LibraryServiceTest.tracks(2000)));
		Path db = home.resolve("library.db");
		byte[] whole = Files.readAllBytes(db);
		byte[] header = java.util.Arrays.copyOf(whole, 100);
		// Keep a valid header but destroy the pages: SQLite sees a damaged database.
		byte[] damaged = java.util.Arrays.copyOf(header, whole.length);
		new Random(7).nextBytes(damaged);
		System.arraycopy(header, 0, damaged, 0, header.length);
		Files.write(db, damaged);
		ActionableException e = assertThrows(ActionableException.class,
				() -> OsgiServices.withHome(home, Library.class, Library::countTracks));
		assertTrue(e.getMessage().contains("library.db"), e.getMessage());
		assertArrayEquals(damaged, Files.readAllBytes(db));
	}

	@Test
	void aLibraryFromANewerOrbitIsRefused() throws SQLException, IOException {
		Path db = home.resolve("library.db");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE SchemaVersion (Version INTEGER PRIMARY KEY, Description TEXT NOT NULL, AppliedAt TEXT NOT NULL)");
			s.execute("INSERT INTO SchemaVersion VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
		}
		byte[] before = Files.readAllBytes(db);
		ActionableException e = assertThrows(ActionableException.class,
				() -> OsgiServices.withHome(home, Library.class, Library::countTracks));
		assertTrue(e.getMessage().contains("newer ORBIT"), e.getMessage());
		assertArrayEquals(before, Files.readAllBytes(db));
	}
}
