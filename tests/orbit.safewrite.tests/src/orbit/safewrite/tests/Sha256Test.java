package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.safewrite.Sha256;
import orbit.tests.support.Commands;

/** The one SHA-256 of SafeWrite's moves and the downloads' checksums reads as sha256sum does. */
class Sha256Test {

	@TempDir
	Path dir;

	@Test
	void aFileHashesAsSha256sumHashesIt() throws Exception {
		byte[] content = new byte[3 * (1 << 20) + 17];
		new Random(7).nextBytes(content);
		Path file = Files.write(dir.resolve("track.flac"), content);
		Path empty = Files.createFile(dir.resolve("empty"));
		assertEquals(Commands.run("sha256sum", file.toString()).split(" ")[0], Sha256.of(file));
		assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(empty));
	}
}
