package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import orbit.tests.support.Commands;
import orbit.tests.support.ProductProcess;
import orbit.tests.support.ProductProcess.Run;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes the command line start fast is kept in the configuration area: the framework's state
 * (the resolved bundles) and SQLite's native library. Deleted or damaged, it only costs time: the product starts, answers as
 * always, prints nothing about it and makes it again. No class data sharing archive is kept there:
 * the JVM's ahead-of-time cache is made by the build, beside the launcher, and only read.
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

	/**
	 * The JVM's ahead-of-time cache the build made beside the launcher ({@code orbit.aot}, JDK 25 and
	 * newer) serves the bundles' classes; damaged in its middle (which, unchecked, crashes the JVM), cut
	 * short or deleted, it only costs time. Each on a copy of the installation.
	 */
	@Test
	void aDamagedTruncatedOrDeletedAotCacheOnlyCostsTime() throws Exception {
		Path install = temp.resolve("install");
		Commands.run("cp", "-a", ProductProcess.launcher().getParent().toString(), install.toString());
		Path launcher = install.resolve("orbit");
		Path cache = install.resolve("orbit.aot");
		if (Runtime.version().feature() < 25) {
			assertFalse(Files.exists(cache), "no cache for a JDK without ahead-of-time caches");
			return;
		}
		assertTrue(Files.isRegularFile(cache), "the build made the JVM's ahead-of-time cache");
		answers(orbit(launcher, "version"), orbit(launcher, "doctor"));
		Path classes = temp.resolve("classes.log");
		Run listed = ProductProcess.run(launcher, temp, home(),
				Map.of("ORBIT_JAVA_OPTIONS", "-Xlog:class+load:file=" + classes), "tracks");
		assertEquals(0, listed.exitCode(), listed.all());
		List<String> loaded = Files.readAllLines(classes);
		for (String type : List.of("orbit.library.internal.LibraryDatabase ",
				"org.eclipse.osgi.internal.framework.EquinoxContainer ", "org.eclipse.equinox.launcher.Main ",
				"org.apache.felix.scr.impl.Activator ")) {
			// The JVM caches no class of a signed jar: the build takes the installation's jar signatures off.
			assertTrue(loaded.stream().anyMatch(l -> l.contains(" " + type + "source: shared objects file")),
					type + "comes from the cache");
		}
		// The cache was trained in the build's installation: a copy elsewhere still runs its own bundles
		// (the classes the cache does not hold are read from the copy's jars, none from the build's).
		String original = "file:" + ProductProcess.launcher().getParent().toAbsolutePath() + "/";
		assertFalse(loaded.stream().anyMatch(l -> l.contains("source: " + original)), "nothing read from " + original);
		assertTrue(loaded.stream().anyMatch(l -> l.contains("source: file:" + install.toAbsolutePath() + "/plugins/")),
				"bundle classes read from the copy's jars");
		assertFalse(loaded.stream().anyMatch(l -> l.contains(" org.apache.aries.spifly.")),
				"no service-loader weaver for a command: SLF4J finds its provider through orbit.logging");

		assertEquals("false", verifiesCache(launcher), "the cache as the build left it is used unchecked");

		long size = Files.size(cache);
		byte[] garbage = new byte[64 * 1024];
		new Random(31).nextBytes(garbage);
		try (FileChannel file = FileChannel.open(cache, StandardOpenOption.WRITE)) {
			file.write(ByteBuffer.wrap(garbage), size / 2);
		}
		assertEquals("true", verifiesCache(launcher), "a cache written into is checked whole");
		answers(orbit(launcher, "version"), orbit(launcher, "doctor"));

		try (FileChannel file = FileChannel.open(cache, StandardOpenOption.WRITE)) {
			file.truncate(size / 3);
		}
		assertEquals("true", verifiesCache(launcher), "a cache cut short is checked whole");
		answers(orbit(launcher, "version"), orbit(launcher, "doctor"));

		Files.delete(cache);
		answers(orbit(launcher, "version"), orbit(launcher, "doctor"));
	}

	/** Whether the launcher has the JVM check the whole cache before it uses it, as the JVM says. */
	String verifiesCache(Path launcher) throws IOException, InterruptedException {
		Run run = ProductProcess.run(launcher, temp, home(), Map.of("ORBIT_JAVA_OPTIONS", "-XX:+PrintFlagsFinal"),
				"version");
		assertEquals(0, run.exitCode(), run.all());
		return run.out().lines().filter(l -> l.matches("\\s*bool VerifySharedSpaces\\s.*")).findFirst()
				.map(l -> l.replaceAll(".*= (\\w+).*", "$1")).orElseThrow(() -> new AssertionError(run.out()));
	}

	Run orbit(Path launcher, String... args) throws IOException, InterruptedException {
		return ProductProcess.run(launcher, temp, home(), Map.of(), args);
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
