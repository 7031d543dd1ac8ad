package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import orbit.tests.support.ProductProcess;
import orbit.tests.support.ProductProcess.Run;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes the command line start fast is kept in the configuration area: the framework's state
 * (the resolved bundles) and SQLite's native library. Deleted or damaged, it only costs time: the product starts, answers as
 * always, prints nothing about it and makes it again. No class data sharing archive is kept there.
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
		assertTrue(Files.isDirectory(home().resolve("configuration/org.eclipse.osgi")));
		assertFalse(Files.exists(home().resolve("configuration/orbit.jsa")), "no class data sharing archive");
	}

	@Test
	void deletedCachesAreMadeAgain() throws Exception {
		warmUp();
		deleteTree(home().resolve("configuration/org.eclipse.osgi"));
		deleteTree(home().resolve("configuration/org.eclipse.core.runtime"));

		answers(orbit("version"), orbit("doctor"));
		assertTrue(Files.isDirectory(home().resolve("configuration/org.eclipse.osgi")), "the framework's state, again");
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

	/**
	 * SQLite's native library is kept in the configuration area (else sqlite-jdbc copies it into the
	 * temporary directory at every start, and a killed process leaves its copy there). Garbage of the
	 * same size in its place, or a copy deleted, only costs time: it is copied again, and the JVM
	 * never sees the garbage (its loader would complain on the terminal).
	 */
	@Test
	void aDamagedOrDeletedSqliteLibraryOnlyCostsTime() throws Exception {
		warmUp();
		Path kept;
		try (Stream<Path> files = Files.walk(home().resolve("configuration/orbit.sqlite"))) {
			kept = files.filter(p -> p.getFileName().toString().startsWith("libsqlitejdbc")).findFirst()
					.orElseThrow(() -> new AssertionError("SQLite's library is kept in the configuration area"));
		}
		long modified = Files.getLastModifiedTime(kept).toMillis();
		answers(orbit("version"), orbit("doctor"));
		assertEquals(modified, Files.getLastModifiedTime(kept).toMillis(), "the kept copy is used, not copied again");

		byte[] garbage = new byte[(int) Files.size(kept)];
		new Random(29).nextBytes(garbage);
		Files.write(kept, garbage);
		answers(orbit("version"), orbit("doctor"));
		assertTrue(Files.getLastModifiedTime(kept).toMillis() >= modified, "copied again");

		Files.delete(kept);
		answers(orbit("version"), orbit("doctor"));
		assertTrue(Files.isRegularFile(kept), "copied again");
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
