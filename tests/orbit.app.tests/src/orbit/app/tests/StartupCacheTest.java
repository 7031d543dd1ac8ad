package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import orbit.app.tests.ProductProcess.Run;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes the command line start fast is kept in the configuration area: the JVM's class data
 * sharing archive ({@code orbit.jsa}) and the framework's state. Deleted or damaged, they only cost
 * time: the product starts, answers as always, prints nothing about them and makes them again.
 */
class StartupCacheTest {

	@TempDir
	Path temp;

	@BeforeAll
	static void findProduct() {
		ProductProcess.launcher();
	}

	Path home() {
		return temp.resolve("home");
	}

	Path archive() {
		return home().resolve("configuration/orbit.jsa");
	}

	Run orbit(String... args) throws IOException, InterruptedException {
		return ProductProcess.run(temp, home(), Map.of(), args);
	}

	/** The command answers as it always does, and nothing else is printed. */
	void answers(Run version, Run doctor) {
		assertEquals(0, version.exitCode(), version.all());
		assertTrue(version.out().startsWith("ORBIT "), version.out());
		assertEquals("", version.err(), "nothing is said about the caches");
		assertEquals(0, doctor.exitCode(), doctor.all());
		assertTrue(doctor.out().contains("PRAGMA integrity_check: ok"), doctor.out());
		assertTrue(doctor.out().lines().anyMatch(l -> l.startsWith("Healthy")), doctor.out());
		assertEquals("", doctor.err(), "nothing is said about the caches");
	}

	/** Two runs: the first makes the caches, the second uses them. */
	void warmUp() throws Exception {
		answers(orbit("version"), orbit("doctor"));
		assertTrue(Files.size(archive()) > 1_000_000, "the first run that was alone made the archive");
		assertTrue(Files.isDirectory(home().resolve("configuration/org.eclipse.osgi")));
	}

	@Test
	void deletedCachesAreMadeAgain() throws Exception {
		warmUp();
		Files.delete(archive());
		deleteTree(home().resolve("configuration/org.eclipse.osgi"));
		deleteTree(home().resolve("configuration/org.eclipse.core.runtime"));

		answers(orbit("version"), orbit("doctor"));
		assertTrue(Files.size(archive()) > 1_000_000, "made again");
		assertTrue(Files.isDirectory(home().resolve("configuration/org.eclipse.osgi")), "the framework's state, again");
	}

	@Test
	void anArchiveOfGarbageIsNotUsedAndIsMadeAgain() throws Exception {
		warmUp();
		byte[] garbage = new byte[(int) Files.size(archive())];
		new Random(21).nextBytes(garbage);
		Files.write(archive(), garbage);

		answers(orbit("version"), orbit("doctor"));
		assertFalse(Arrays.equals(garbage, Files.readAllBytes(archive())), "replaced by a usable archive");
	}

	/**
	 * The dangerous damage: the header is intact, so the JVM would map the archive; its checksums
	 * (VerifySharedSpaces) refuse it rather than let the JVM crash on it.
	 */
	@Test
	void anArchiveDamagedBehindAnIntactHeaderIsNotUsed() throws Exception {
		warmUp();
		byte[] bytes = Files.readAllBytes(archive());
		Random random = new Random(22);
		for (int i = 0; i < 20_000; i++) {
			int at = 65_536 + random.nextInt(bytes.length - 65_536);
			bytes[at] = (byte) ~bytes[at];
		}
		Files.write(archive(), bytes);

		answers(orbit("version"), orbit("doctor"));
		assertFalse(Arrays.equals(bytes, Files.readAllBytes(archive())), "replaced by a usable archive");
	}

	@Test
	void aDamagedFrameworkStateIsRebuilt() throws Exception {
		warmUp();
		try (Stream<Path> files = Files.list(home().resolve("configuration/org.eclipse.osgi"))) {
			for (Path info : files.filter(p -> p.getFileName().toString().startsWith("framework.info")).toList()) {
				byte[] garbage = new byte[(int) Math.max(1024, Files.size(info))];
				new Random(23).nextBytes(garbage);
				Files.write(info, garbage);
			}
		}
		answers(orbit("version"), orbit("doctor"));
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> all = Files.walk(root)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
