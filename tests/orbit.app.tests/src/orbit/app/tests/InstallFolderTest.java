package orbit.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import orbit.tests.support.ProductProcess;
import orbit.tests.support.ProductProcess.Run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The install folder is only read: the product runs from a root-owned copy as an unprivileged
 * user, keeps the OSGi configuration, instance and user areas in the data directory, and finds
 * that directory by the same rule inside the launcher script and inside the JVM.
 */
class InstallFolderTest {

	private static final String NOBODY = "65534";
	private static final Pattern DATA_DIRECTORY = Pattern.compile("data directory +(/\\S.*) \\((.+), writable\\)");

	/** Readable and traversable by every user (JUnit's temporary directories may be 700). */
	Path temp;

	@BeforeEach
	void makeTemp() throws IOException {
		temp = Files.createTempDirectory(Path.of("/tmp"), "orbit-install-");
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@AfterEach
	void removeTemp() throws IOException {
		try (Stream<Path> all = Files.walk(temp)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				if (!Files.isWritable(path.getParent())) {
					path.getParent().toFile().setWritable(true, true);
				}
				Files.deleteIfExists(path);
			}
		}
	}

	static boolean root() throws IOException, InterruptedException {
		return tool("id", "-u").strip().equals("0");
	}

	/** A copy of the materialized product owned by root: directories 755, files 644, the launcher 755. */
	Path rootOwnedInstall() throws IOException, InterruptedException {
		Path install = temp.resolve("opt/orbit");
		Files.createDirectories(install.getParent());
		tool("cp", "-R", ProductProcess.launcher().getParent().toString(), install.toString());
		tool("chown", "-R", "root:root", install.toString());
		tool("find", install.toString(), "-type", "d", "-exec", "chmod", "755", "{}", "+");
		tool("find", install.toString(), "-type", "f", "-exec", "chmod", "644", "{}", "+");
		tool("chmod", "755", install.resolve("orbit").toString(), temp.resolve("opt").toString());
		return install;
	}

	/** Every file and folder under {@code dir} with its kind, mode, size, modification time and SHA-256. */
	static List<String> listing(Path dir) throws IOException {
		List<String> lines = new ArrayList<>();
		try (Stream<Path> all = Files.walk(dir)) {
			for (Path path : all.sorted().toList()) {
				Map<String, Object> a = Files.readAttributes(path, "unix:mode,size,lastModifiedTime,uid",
						LinkOption.NOFOLLOW_LINKS);
				String hash = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? sha256(path) : "-";
				lines.add(dir.relativize(path) + " " + Integer.toOctalString((Integer) a.get("mode")) + " uid "
						+ a.get("uid") + " " + a.get("size") + " " + ((FileTime) a.get("lastModifiedTime")).toMillis()
						+ " " + hash);
			}
		}
		return lines;
	}

	static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Runs {@code launcher} as the unprivileged user {@value #NOBODY} with only the environment
	 * given (and PATH, JAVA_HOME), from the root directory.
	 */
	Run asNobody(Path launcher, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
				"--clear-groups", launcher.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile());
		builder.environment().clear();
		builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().putAll(environment);
		String name = "run-" + System.nanoTime();
		Path out = temp.resolve(name + ".out");
		Path err = temp.resolve(name + ".err");
		Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("the product did not finish in 120 s: " + command);
		}
		return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	/** A folder the unprivileged user owns. */
	Path nobodysFolder(String name) throws IOException, InterruptedException {
		Path dir = Files.createDirectories(temp.resolve(name));
		tool("chown", NOBODY + ":" + NOBODY, dir.toString());
		return dir;
	}

	@Test
	void runsFromARootOwnedInstallAsAnUnprivilegedUserAndNeverWritesToIt() throws Exception {
		assumeTrue(root(), "running the product as another user needs root (the tests run as root in CI)");
		Path install = rootOwnedInstall();
		Path launcher = install.resolve("orbit");
		List<String> before = listing(install);

		Path home = nobodysFolder("home-of-nobody");
		Path music = nobodysFolder("music");
		Path wav = temp.resolve("tone.wav");
		tool("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav.toString(), "synth", "1", "sine", "440");
		tool("flac", "--silent", "-T", "ARTIST=Tester", "-T", "TITLE=Tone", "-o", music.resolve("tone.flac").toString(),
				wav.toString());
		tool("chown", "-R", NOBODY + ":" + NOBODY, music.toString());
		Map<String, String> existing = Map.of("HOME", home.toString());
		Path data = home.resolve(".local/share/orbit");

		Run version = asNobody(launcher, existing, "version");
		assertEquals(0, version.exitCode(), version.all());
		assertTrue(version.out().startsWith("ORBIT "), version.out());
		Run doctor = asNobody(launcher, existing, "doctor");
		assertEquals(0, doctor.exitCode(), doctor.all());
		assertTrue(doctor.out().contains(data + " (platform default, writable)"), doctor.out());
		Run scan = asNobody(launcher, existing, "scan", music.toString());
		assertEquals(0, scan.exitCode(), scan.all());
		assertTrue(scan.out().contains("1 added"), scan.out());
		Run tracks = asNobody(launcher, existing, "tracks");
		assertEquals(0, tracks.exitCode(), tracks.all());
		assertTrue(tracks.out().contains("Tone"), "the scanned file is in the library: " + tracks.out());
		assertTrue(Files.exists(data.resolve("library.db")));
		assertTrue(Files.isDirectory(data.resolve("configuration/org.eclipse.osgi")),
				"the framework's configuration area is in the data directory");
		assertEquals(NOBODY, tool("stat", "-c", "%u", data.resolve("configuration").toString()).strip());

		// A home that does not exist and cannot be made (its parent is root's): one sentence, exit 2.
		Map<String, String> missing = Map.of("HOME", install.resolve("no-such-home").toString());
		for (String command : List.of("version", "doctor")) {
			Run run = asNobody(launcher, missing, command);
			assertEquals(2, run.exitCode(), command + ": " + run.all());
			assertEquals("", run.out(), command);
			assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
			assertTrue(run.err().startsWith("orbit: Data directory " + install.resolve("no-such-home/.local/share/orbit")
					+ " is not writable (permission denied). "), run.err());
			assertFalse(run.err().contains("<"), "no HTML page: " + run.err());
		}
		assertFalse(Files.exists(install.resolve("no-such-home")));

		assertEquals(before, listing(install), "the install folder is unchanged, byte for byte");
		try (Stream<Path> all = Files.walk(install)) {
			assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith("framework.info")
					|| p.getFileName().toString().equals(".metadata")).toList());
		}
	}

	@Test
	void theLauncherAndTheJvmPickTheSameDataDirectory() throws Exception {
		Path userHome = Files.createDirectories(temp.resolve("user"));
		Path given = temp.resolve("given");
		Path fromEnvironment = temp.resolve("from-environment");
		Path xdg = temp.resolve("xdg");
		// ProductProcess sets ORBIT_HOME: a blank value counts as unset for the launcher and the JVM.
		List<Case> cases = List.of(
				new Case(Map.of("HOME", userHome.toString()), List.of("--home", given.toString()), given, "--home"),
				new Case(Map.of("HOME", userHome.toString()), List.of("--home=" + given.resolve("b")), given.resolve("b"),
						"--home"),
				new Case(Map.of("HOME", userHome.toString(), "ORBIT_HOME", fromEnvironment.toString()), List.of(),
						fromEnvironment, "$ORBIT_HOME"),
				new Case(Map.of("HOME", userHome.toString(), "ORBIT_HOME", "~/tilde"), List.of(), userHome.resolve("tilde"),
						"$ORBIT_HOME"),
				new Case(Map.of("HOME", userHome.toString(), "ORBIT_HOME", " ", "XDG_DATA_HOME", xdg.toString()), List.of(),
						xdg.resolve("orbit"), "platform default"),
				new Case(Map.of("HOME", userHome.toString(), "ORBIT_HOME", "", "XDG_DATA_HOME", "relative"), List.of(),
						userHome.resolve(".local/share/orbit"), "platform default"));
		for (Case c : cases) {
			List<String> args = new ArrayList<>(c.args());
			args.add("doctor");
			Run run = ProductProcess.run(temp, temp.resolve("unused"), c.environment(), args.toArray(String[]::new));
			assertEquals(0, run.exitCode(), c + ": " + run.all());
			Matcher m = DATA_DIRECTORY.matcher(run.out());
			assertTrue(m.find(), run.out());
			assertEquals(c.expected().toString(), m.group(1), c + ": the JVM's data directory");
			assertEquals(c.origin(), m.group(2), c.toString());
			assertTrue(Files.exists(c.expected().resolve("library.db")), c + ": the library");
			try (Stream<Path> info = Files.list(c.expected().resolve("configuration/org.eclipse.osgi"))) {
				assertTrue(info.anyMatch(p -> p.getFileName().toString().startsWith("framework.info")),
						c + ": the launcher's configuration area is in the same directory");
			}
			assertTrue(Files.isDirectory(c.expected().resolve("logs")), c + ": the log");
		}
		assertFalse(Files.exists(temp.resolve("unused")));
		try (Stream<Path> all = Files.walk(ProductProcess.launcher().getParent())) {
			assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith("framework.info")).toList(),
					"the install folder holds no framework state");
		}
	}

	record Case(Map<String, String> environment, List<String> args, Path expected, String origin) {
	}

	@Test
	void aDataDirectoryThatIsAFileIsOneSentenceAndExitTwo() throws Exception {
		Path file = Files.writeString(temp.resolve("not-a-folder"), "precious");
		Run run = ProductProcess.run(temp, file, Map.of(), "version");
		assertEquals(2, run.exitCode(), run.all());
		assertEquals("orbit: Data directory " + file + " is a file, not a directory. Choose another with --home DIR or ORBIT_HOME",
				run.err().strip());
		assertEquals("precious", Files.readString(file));
	}

	@Test
	void theNextStartRemovesWhatAKilledRunLeftInTheConfigurationArea() throws Exception {
		String display = System.getenv("DISPLAY");
		assumeTrue(display != null && !display.isBlank(), "the workstation needs a display (Xvfb)");
		Path home = temp.resolve("home");
		Path config = home.resolve("configuration");
		Process workstation = ProductProcess.start(temp, home, Map.of("DISPLAY", display), "workstation");
		List<Path> instanceFiles;
		try {
			instanceFiles = awaitTemporaryFiles(config, workstation);
			// the workbench has taken its instance area (in the data directory) before it is killed
			for (int i = 0; i < 600 && !Files.isDirectory(home.resolve("workbench/.metadata")); i++) {
				Thread.sleep(100);
			}
			// A framework save cut short by the kill leaves its temporary copy beside framework.info.
			Path osgi = config.resolve("org.eclipse.osgi");
			Path cutShort = osgi.resolve("framework.info8234567123.tmp");
			Files.write(cutShort, new byte[512]);

			// While the workstation runs, another start leaves its files alone.
			Run meanwhile = ProductProcess.run(temp, home, Map.of(), "version");
			assertEquals(0, meanwhile.exitCode(), meanwhile.all());
			for (Path file : instanceFiles) {
				assertTrue(Files.exists(file), "a running instance keeps " + file);
			}
			assertTrue(Files.exists(cutShort));
		} finally {
			workstation.destroyForcibly(); // SIGKILL: no shutdown hook, no deleteOnExit
			workstation.waitFor(30, TimeUnit.SECONDS);
		}
		assertNotEquals(0, workstation.exitValue());
		List<Path> stale = temporaryFiles(config);
		assertTrue(stale.containsAll(instanceFiles), "the kill left them: " + stale);

		Run next = ProductProcess.run(temp, home, Map.of(), "doctor");
		assertEquals(0, next.exitCode(), next.all());
		assertEquals(List.of(), temporaryFiles(config), "the next start removed them");
		try (Stream<Path> info = Files.list(config.resolve("org.eclipse.osgi"))) {
			assertTrue(info.anyMatch(p -> p.getFileName().toString().startsWith("framework.info.")),
					"the framework's own state is kept");
		}
		assertTrue(Files.isDirectory(home.resolve("workbench/.metadata")), "the workstation's instance area");
		try (Stream<Path> all = Files.walk(ProductProcess.launcher().getParent())) {
			assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith("framework.info")
					|| p.getFileName().toString().equals(".metadata") || p.getFileName().toString().equals("workspace"))
					.toList(), "the workstation wrote nothing into the install folder");
		}
	}

	/** Waits (a minute at most) until the running product has opened its state files. */
	static List<Path> awaitTemporaryFiles(Path config, Process process) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			assertTrue(process.isAlive(), "the workstation is running");
			List<Path> files = Files.isDirectory(config) ? temporaryFiles(config) : List.of();
			if (files.stream().anyMatch(p -> p.toString().contains("org.eclipse.core.runtime"))) {
				return files;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("the workstation opened no state files in " + config + " within 60 s");
	}

	/** Files the framework keeps only while it runs, or leaves behind when killed. */
	static List<Path> temporaryFiles(Path config) throws IOException {
		try (Stream<Path> all = Files.walk(config)) {
			return all.filter(Files::isRegularFile).filter(p -> {
				String name = p.getFileName().toString();
				return name.endsWith(".tmp") || name.startsWith(".tmp") && name.endsWith(".instance");
			}).sorted().toList();
		}
	}

	static String tool(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
		assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
		return output;
	}
}
