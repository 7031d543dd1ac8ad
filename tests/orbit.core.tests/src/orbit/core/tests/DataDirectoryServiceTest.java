package orbit.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.ActionableException;
import orbit.core.DataDirectory;
import orbit.tests.support.OsgiServices;

class DataDirectoryServiceTest {

	@TempDir
	Path temp;

	@Test
	void serviceResolvesTheHomePropertyAndCreatesTheDirectory() {
		Path home = temp.resolve("nested/orbit-home");
		Path resolved = OsgiServices.withHome(home, DataDirectory.class, DataDirectory::ensureWritable);
		assertEquals(home, resolved);
		assertTrue(Files.isDirectory(home));
		try (var listing = Files.list(home)) {
			assertEquals(0, listing.count(), "the write probe is removed again");
		} catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void aHomeThatIsAFileIsAnActionableError() throws IOException {
		Path file = Files.writeString(temp.resolve("not-a-dir"), "precious");
		ActionableException e = assertThrows(ActionableException.class,
				() -> OsgiServices.withHome(file, DataDirectory.class, DataDirectory::ensureWritable));
		assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
		assertTrue(e.getMessage().contains("--home"), "says what to do: " + e.getMessage());
		assertEquals("precious", Files.readString(file), "nothing was overwritten");
	}

	@Test
	void aHomeBelowAFileIsAnActionableError() throws IOException {
		Path file = Files.writeString(temp.resolve("file"), "x");
		ActionableException e = assertThrows(ActionableException.class,
				() -> OsgiServices.withHome(file.resolve("orbit"), DataDirectory.class, DataDirectory::ensureWritable));
		assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), "one line");
	}
}
