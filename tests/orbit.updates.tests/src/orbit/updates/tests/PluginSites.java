package orbit.updates.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.publisher.IPublisherAction;
import org.eclipse.equinox.p2.publisher.IPublisherInfo;
import org.eclipse.equinox.p2.publisher.Publisher;
import org.eclipse.equinox.p2.publisher.PublisherInfo;
import org.eclipse.equinox.p2.publisher.eclipse.BundlesAction;
import org.eclipse.equinox.p2.publisher.eclipse.FeaturesAction;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;

/** Plugin sites: the example plugin built as its author builds it, and one whose plugin cannot resolve. */
final class PluginSites {

	static final String EXAMPLE_FEATURE = "org.example.orbit.getsongbpm.feature";
	static final String EXAMPLE_BUNDLE = "org.example.orbit.getsongbpm";
	static final String UNRESOLVABLE_FEATURE = "org.example.unresolvable.feature";
	static final String MISSING_PACKAGE = "org.example.nowhere";

	private PluginSites() {
	}

	/**
	 * A copy of {@code examples/getsongbpm-plugin} built in {@code work} with the Maven and the JDK
	 * that run this build, offline, against the ORBIT site this build made; its p2 site.
	 */
	static Path buildExample(Path work) throws IOException, InterruptedException {
		Path checkout = Path.of(property("orbit.checkout"));
		Path source = checkout.resolve("examples/getsongbpm-plugin");
		Path orbitSite = checkout.resolve("releng/orbit.site/target/repository");
		assertTrue(Files.isDirectory(orbitSite.resolve("plugins")), "ORBIT's site was built before the tests: " + orbitSite);
		Path copy = work.resolve("getsongbpm-plugin");
		try (Stream<Path> files = Files.walk(source)) {
			for (Path from : (Iterable<Path>) files.sorted(Comparator.naturalOrder())::iterator) {
				Path relative = source.relativize(from);
				if (built(relative)) {
					continue;
				}
				Path to = copy.resolve(relative.toString());
				if (Files.isDirectory(from)) {
					Files.createDirectories(to);
				} else {
					Files.copy(from, to);
				}
			}
		}
		String mvn = Path.of(property("orbit.maven.home"), "bin", "mvn").toString();
		List<String> command = new ArrayList<>(List.of(mvn, "-o", "-B", "-f", copy.resolve("pom.xml").toString(),
				"verify", "-Dorbit.site=" + orbitSite.toUri(), "-Dmaven.repo.local=" + property("orbit.maven.repo")));
		ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true)
				.redirectOutput(work.resolve("example-build.log").toFile());
		builder.environment().put("JAVA_HOME", property("orbit.java.home"));
		builder.environment().remove("MAVEN_OPTS");
		long started = System.nanoTime();
		Process maven = builder.start();
		boolean ended = maven.waitFor(6, TimeUnit.MINUTES);
		if (!ended) {
			maven.destroyForcibly();
		}
		String log = Files.readString(work.resolve("example-build.log"), StandardCharsets.UTF_8);
		assertTrue(ended && maven.exitValue() == 0, "the example plugin builds: " + command + "\n"
				+ log.substring(Math.max(0, log.length() - 6000)));
		System.out.printf("example plugin built in %.1f s%n", (System.nanoTime() - started) / 1e9);
		Path site = copy.resolve("site/target/repository");
		assertTrue(Files.isRegularFile(site.resolve("content.jar")) || Files.isRegularFile(site.resolve("content.xml.xz")),
				"the example's site: " + site);
		return site;
	}

	/**
	 * A site whose one feature holds a bundle that imports a package nothing provides, published by
	 * p2's publisher in the test runtime.
	 */
	static Path unresolvable(Path work, Path site) throws Exception {
		Path plugins = Files.createDirectories(work.resolve("plugins"));
		Manifest manifest = new Manifest();
		Attributes main = manifest.getMainAttributes();
		main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		main.putValue("Bundle-ManifestVersion", "2");
		main.putValue("Bundle-SymbolicName", "org.example.unresolvable");
		main.putValue("Bundle-Version", "1.0.0");
		main.putValue("Bundle-Vendor", "Example Plugins");
		main.putValue("Import-Package", "orbit.enrichment;version=\"[0.1.0,1.0.0)\"," + MISSING_PACKAGE);
		Path jar = plugins.resolve("org.example.unresolvable_1.0.0.jar");
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
			// only the manifest
		}
		Path feature = Files.createDirectories(work.resolve("features").resolve(UNRESOLVABLE_FEATURE + "_1.0.0"));
		Files.writeString(feature.resolve("feature.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<feature id=\"" + UNRESOLVABLE_FEATURE + "\" label=\"Unresolvable\" version=\"1.0.0\" provider-name=\"Example Plugins\">\n"
				+ "   <plugin id=\"org.example.unresolvable\" version=\"1.0.0\"/>\n</feature>\n", StandardCharsets.UTF_8);

		IProvisioningAgent agent = NewerSite.agentProvider().createAgent(work.resolve("agent").toUri());
		try {
			IMetadataRepository metadata = agent.getService(IMetadataRepositoryManager.class).createRepository(site.toUri(),
					"Unresolvable plugin", IMetadataRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
			IArtifactRepository artifacts = agent.getService(IArtifactRepositoryManager.class).createRepository(site.toUri(),
					"Unresolvable plugin", IArtifactRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
			PublisherInfo info = new PublisherInfo();
			info.setMetadataRepository(metadata);
			info.setArtifactRepository(artifacts);
			info.setArtifactOptions(IPublisherInfo.A_PUBLISH | IPublisherInfo.A_INDEX | IPublisherInfo.A_OVERWRITE);
			IStatus status = new Publisher(info).publish(new IPublisherAction[] { new BundlesAction(new File[] { jar.toFile() }),
					new FeaturesAction(new File[] { feature.toFile() }) }, new NullProgressMonitor());
			if (status.getSeverity() == IStatus.ERROR) {
				throw new AssertionError("publishing the unresolvable site failed: " + status);
			}
		} finally {
			agent.stop();
		}
		return site;
	}

	/** A build's output (a target folder) of a checkout the example was built in. */
	private static boolean built(Path relative) {
		for (Path part : relative) {
			if (part.toString().equals("target")) {
				return true;
			}
		}
		return false;
	}

	private static String property(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank() || value.startsWith("${")) {
			throw new AssertionError(name + " is set by the build (tests/orbit.updates.tests/build.properties)");
		}
		return value;
	}
}
