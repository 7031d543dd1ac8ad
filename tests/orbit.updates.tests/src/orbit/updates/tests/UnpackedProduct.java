package orbit.updates.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import orbit.tests.support.ProductProcess;
import orbit.tests.support.ProductProcess.Run;

/**
 * The product's archive unpacked into a folder, as a user installs it: a writable p2 installation
 * of its own, run through its own launcher with a data directory beside it.
 */
final class UnpackedProduct {

	final Path install;
	final Path launcher;
	final Path home;
	private final Path temp;

	private UnpackedProduct(Path install, Path home, Path temp) {
		this.install = install;
		this.launcher = install.resolve("orbit");
		this.home = home;
		this.temp = temp;
	}

	/** Unpacks the archive the build made beside the materialized product into {@code temp}/install. */
	static UnpackedProduct unpack(Path temp) throws IOException, InterruptedException {
		Path product = ProductProcess.launcher().getParent();
		Path archive = product.getParent().getParent().getParent().getParent().getParent()
				.resolve("orbit-linux.gtk.x86_64.tar.gz");
		assertTrue(Files.isRegularFile(archive), "the product archive was built: " + archive);
		Path unpacked = Files.createDirectories(temp.resolve("install"));
		Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString()).inheritIO()
				.start();
		assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "the archive unpacks");
		return new UnpackedProduct(unpacked.resolve("orbit"), Files.createDirectories(temp.resolve("home")), temp);
	}

	Run orbit(String... args) throws IOException, InterruptedException {
		return orbit(Map.of(), args);
	}

	Run orbit(Map<String, String> environment, String... args) throws IOException, InterruptedException {
		return ProductProcess.run(launcher, temp, home, environment, args);
	}

	/** What a change of the installation changes: the profile's states, bundles.info and the ORBIT bundles a start runs. */
	String state() throws IOException, InterruptedException {
		StringBuilder state = new StringBuilder();
		try (Stream<Path> profiles = Files
				.list(install.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/DefaultProfile.profile"))) {
			profiles.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".profile.gz")).sorted()
					.forEach(n -> state.append(n).append('\n'));
		}
		state.append(Files.readString(
				install.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"), StandardCharsets.UTF_8));
		Run bundles = orbit("version", "--bundles");
		assertEquals(0, bundles.exitCode(), bundles.all());
		state.append(bundles.out());
		return state.toString();
	}
}
