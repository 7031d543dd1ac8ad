package orbit.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import orbit.core.ActionableException;
import orbit.core.ErrorSentences;
import orbit.tests.support.Commands;

/** Every failure reads as what happened and what to do, without Java's class names. */
class ErrorSentencesTest {

	private static final Path HOME = Path.of("/srv/orbit-home");

	@TempDir
	Path temp;

	@Test
	void anActionableExceptionIsShownAsWritten() {
		ActionableException written = new ActionableException("The library is locked", "Close the other ORBIT");
		RuntimeException wrapped = new RuntimeException(new IllegalStateException(written));
		assertSame(written, ErrorSentences.actionable(wrapped, HOME));
		assertEquals("The library is locked. Close the other ORBIT", ErrorSentences.sentence(wrapped, HOME));
	}

	@Test
	void aFullDiskIsNamedInEveryWording() {
		Throwable[] wordings = {
				new SQLiteException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)",
						SQLiteErrorCode.SQLITE_FULL),
				new IOException("No space left on device"),
				new FileSystemException("/srv/orbit-home/library.db-wal", null, "No space left on device"),
				new UncheckedIOException(new IOException("write failed: ENOSPC")),
				new IOException("There is not enough space on the disk"),
				// An ActionableException in general words still reads as a full disk.
				new ActionableException("Cannot use the library (database or disk is full)", "Run 'orbit doctor'") };
		for (Throwable wording : wordings) {
			String sentence = ErrorSentences.sentence(new RuntimeException("scan failed", wording), HOME);
			assertTrue(sentence.startsWith("The disk holding /srv/orbit-home") && sentence.contains(" is full. Free some space"),
					wording + " -> " + sentence);
			assertNoClassNames(sentence);
		}
	}

	/** A commit after SQLite rolled back for want of space says only "no transaction is active". */
	@Test
	void aCommitWithNoTransactionLeftOnAFullDiskIsAFullDisk() throws Exception {
		SQLiteException lost = new SQLiteException(
				"[SQLITE_ERROR] SQL error or missing database (cannot commit - no transaction is active)",
				SQLiteErrorCode.SQLITE_ERROR);
		assertFalse(ErrorSentences.sentence(lost, temp).contains("full"), "a disk with room is not called full");
		Path full = Files.createDirectories(temp.resolve("full"));
		try {
			Commands.run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", full.toString());
		} catch (IOException e) {
			Assumptions.abort("mounting a tmpfs is not permitted here (it needs root): " + e.getMessage());
		}
		try {
			try (var out = Files.newOutputStream(full.resolve("filler"))) {
				out.write(new byte[512 * 1024]);
			} catch (IOException e) {
				// The disk is full now: what the test wants.
			}
			assertEquals("The disk holding " + full + " is full. Free some space and retry",
					ErrorSentences.sentence(new RuntimeException("Error committing transaction", lost), full));
		} finally {
			Commands.run("umount", "-l", full.toString());
		}
	}

	@Test
	void aReadOnlyFolderIsNamed() {
		String sqlite = ErrorSentences.sentence(new SQLiteException(
				"[SQLITE_READONLY] Attempt to write a readonly database (attempt to write a readonly database)",
				SQLiteErrorCode.SQLITE_READONLY), HOME);
		assertEquals("ORBIT may not write in /srv/orbit-home (it is read-only or not yours). Make it writable, or choose "
				+ "another --home DIR", sqlite);
		String mount = ErrorSentences.sentence(
				new FileSystemException("/media/usb/orbit/library.db", null, "Read-only file system"), HOME);
		assertTrue(mount.startsWith("ORBIT may not write in /media/usb/orbit "), mount);
		String denied = ErrorSentences.sentence(new AccessDeniedException("/media/usb/orbit"), HOME);
		assertTrue(denied.startsWith("ORBIT may not write in /media/usb/orbit "), denied);
	}

	@Test
	void aDamagedDatabaseFromRealSqliteNamesTheFile() throws Exception {
		Path notADatabase = temp.resolve("journal.db");
		Files.writeString(notADatabase, "this is no SQLite file, only text that fills the header ".repeat(80));
		SQLException real = assertThrows(SQLException.class, () -> {
			try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + notADatabase);
					Statement s = c.createStatement()) {
				s.executeQuery("SELECT COUNT(*) FROM sqlite_master").close();
			}
		});
		// Where ORBIT knows the file, it is named; SQLite's own words name none.
		FileSystemException named = new FileSystemException(notADatabase.toString(), null, "cannot open");
		named.initCause(real);
		String sentence = ErrorSentences.sentence(named, HOME);
		assertTrue(sentence.startsWith(notADatabase + " is damaged or is not an ORBIT database."), sentence);
		String withoutFile = ErrorSentences.sentence(real, HOME);
		assertTrue(withoutFile.startsWith("A database in /srv/orbit-home is damaged"), withoutFile);
	}

	@Test
	void aMalformedCsvFromCommonsCsvNamesTheLine() {
		String csv = "Artist,Title\nA,One\nB,\"Two\" and more\n";
		Exception real = assertThrows(Exception.class, () -> {
			try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(csv))) {
				for (CSVRecord record : parser) {
					record.size();
				}
			}
		});
		String sentence = ErrorSentences.sentence(real, Path.of("/music/set.csv"));
		assertTrue(sentence.startsWith("/music/set.csv is not valid CSV at line 3 ("), sentence);
		assertNoClassNames(sentence);
	}

	@Test
	void anInterruptionSaysWhatIsKept() {
		String sentence = ErrorSentences.sentence(new UncheckedIOException(new InterruptedIOException()), HOME);
		assertEquals("The work was interrupted before it finished. What was committed before is kept; run it again to "
				+ "finish", sentence);
	}

	@Test
	void anythingElseIsItsMessageWithoutClassNames() {
		String sentence = ErrorSentences.sentence(new IllegalStateException(
				"java.lang.IllegalArgumentException: the provider order names no provider"), HOME);
		assertEquals("The provider order names no provider " + ErrorSentences.VERBOSE_HINT, sentence);
		String empty = ErrorSentences.sentence(new NullPointerException(), HOME);
		assertFalse(empty.contains("NullPointerException"), empty);
		assertTrue(empty.endsWith(ErrorSentences.VERBOSE_HINT), empty);
		String sqlite = ErrorSentences.sentence(new SQLiteException("[SQLITE_ERROR] SQL error or missing database (no such "
				+ "table: Foo)", SQLiteErrorCode.SQLITE_ERROR), HOME);
		assertFalse(sqlite.contains("SQLITE_"), sqlite);
	}

	private static void assertNoClassNames(String sentence) {
		assertFalse(sentence.contains("Exception"), sentence);
		assertFalse(sentence.matches(".*\\b(java|org)\\.[a-z]+\\..*"), sentence);
	}
}
