package orbit.updates.tests;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.publisher.IPublisherAction;
import org.eclipse.equinox.p2.publisher.IPublisherInfo;
import org.eclipse.equinox.p2.publisher.Publisher;
import org.eclipse.equinox.p2.publisher.PublisherInfo;
import org.eclipse.equinox.p2.publisher.eclipse.BundlesAction;
import org.eclipse.equinox.p2.publisher.eclipse.FeaturesAction;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.artifact.IFileArtifactRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A p2 update site on disk on which one feature of an installation, and its bundle, are at a
 * newer version: the installed bundle jar with a new Bundle-Version and the installed feature.xml
 * with the new versions, published by p2's own publisher in the test runtime (a second or two,
 * where a second Tycho build of the site would take minutes).
 */
final class NewerSite {

	final Path site;
	final String feature;
	final String bundle;
	final String oldBundleVersion;
	final String newBundleVersion;
	final String oldFeatureVersion;
	final String newFeatureVersion;

	private NewerSite(Path site, String feature, String bundle, String oldBundleVersion, String newBundleVersion,
			String oldFeatureVersion, String newFeatureVersion) {
		this.site = site;
		this.feature = feature;
		this.bundle = bundle;
		this.oldBundleVersion = oldBundleVersion;
		this.newBundleVersion = newBundleVersion;
		this.oldFeatureVersion = oldFeatureVersion;
		this.newFeatureVersion = newFeatureVersion;
	}

	/**
	 * Publishes {@code bundle} and {@code feature} of {@code install} at the next micro version into
	 * {@code site}, signed with the key that signed the build, as ORBIT's own site is.
	 */
	static NewerSite publish(Path install, String feature, String bundle, Path work, Path site) throws Exception {
		return publish(install, feature, bundle, work, site, PgpSigning.ofBuild());
	}

	/** Like {@link #publish(Path, String, String, Path, Path)}, signed with {@code signing}; null: unsigned. */
	static NewerSite publish(Path install, String feature, String bundle, Path work, Path site, PgpSigning signing)
			throws Exception {
		return publish(install, feature, bundle, work, site, signing, 1);
	}

	/**
	 * Like {@link #publish(Path, String, String, Path, Path, PgpSigning)}, {@code step} micro versions
	 * newer: a version that no earlier update put into the installation's bundle pool, from which p2
	 * would take it without fetching (or checking) anything.
	 */
	static NewerSite publish(Path install, String feature, String bundle, Path work, Path site, PgpSigning signing,
			int step) throws Exception {
		Path oldJar = only(install.resolve("plugins"), bundle + "_", ".jar");
		Path oldFeature = only(install.resolve("features"), feature + "_", "");
		String oldBundleVersion = versionIn(oldJar.getFileName().toString(), bundle, ".jar");
		String oldFeatureVersion = versionIn(oldFeature.getFileName().toString(), feature, "");
		String newBundleVersion = nextMicro(oldBundleVersion, step);
		String newFeatureVersion = nextMicro(oldFeatureVersion, step);

		Path plugins = Files.createDirectories(work.resolve("plugins"));
		Path newJar = plugins.resolve(bundle + "_" + newBundleVersion + ".jar");
		rewriteVersion(oldJar, newJar, newBundleVersion);
		Path featureDir = Files.createDirectories(work.resolve("features").resolve(feature + "_" + newFeatureVersion));
		String xml = Files.readString(oldFeature.resolve("feature.xml"), StandardCharsets.UTF_8)
				.replace("version=\"" + oldFeatureVersion + "\"", "version=\"" + newFeatureVersion + "\"")
				.replace("version=\"" + oldBundleVersion + "\"", "version=\"" + newBundleVersion + "\"");
		Files.writeString(featureDir.resolve("feature.xml"), xml, StandardCharsets.UTF_8);

		IProvisioningAgent agent = agentProvider().createAgent(work.resolve("agent").toUri());
		try {
			IMetadataRepository metadata = agent.getService(IMetadataRepositoryManager.class).createRepository(
					site.toUri(), "ORBIT (newer " + feature + ")", IMetadataRepositoryManager.TYPE_SIMPLE_REPOSITORY,
					Map.of());
			IArtifactRepository artifacts = agent.getService(IArtifactRepositoryManager.class).createRepository(
					site.toUri(), "ORBIT (newer " + feature + ")", IArtifactRepositoryManager.TYPE_SIMPLE_REPOSITORY,
					Map.of());
			PublisherInfo info = new PublisherInfo();
			info.setMetadataRepository(metadata);
			info.setArtifactRepository(artifacts);
			info.setArtifactOptions(IPublisherInfo.A_PUBLISH | IPublisherInfo.A_INDEX | IPublisherInfo.A_OVERWRITE);
			IStatus status = new Publisher(info).publish(new IPublisherAction[] {
					new BundlesAction(new File[] { newJar.toFile() }), new FeaturesAction(new File[] { featureDir.toFile() }) },
					new NullProgressMonitor());
			if (status.getSeverity() == IStatus.ERROR) {
				throw new AssertionError("publishing the newer site failed: " + status);
			}
			if (signing != null) {
				signing.signAll((IFileArtifactRepository) artifacts);
			}
		} finally {
			agent.stop();
		}
		return new NewerSite(site, feature, bundle, oldBundleVersion, newBundleVersion, oldFeatureVersion,
				newFeatureVersion);
	}

	/** The site's artifact of the newer bundle. */
	Path bundleJar() {
		return site.resolve("plugins").resolve(bundle + "_" + newBundleVersion + ".jar");
	}

	/** A copy of the site in {@code target}. */
	Path copyTo(Path target) throws IOException {
		try (Stream<Path> all = Files.walk(site)) {
			for (Path from : (Iterable<Path>) all.sorted(Comparator.naturalOrder())::iterator) {
				Path to = target.resolve(site.relativize(from).toString());
				if (Files.isDirectory(from)) {
					Files.createDirectories(to);
				} else {
					Files.copy(from, to);
				}
			}
		}
		return target;
	}

	static IProvisioningAgentProvider agentProvider() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(NewerSite.class).getBundleContext();
		// p2's core registers the provider from its component once it is started.
		for (Bundle bundle : context.getBundles()) {
			if ("org.eclipse.equinox.p2.core".equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.ACTIVE) {
				bundle.start(Bundle.START_TRANSIENT);
			}
		}
		ServiceTracker<IProvisioningAgentProvider, IProvisioningAgentProvider> tracker = new ServiceTracker<>(context,
				IProvisioningAgentProvider.class, null);
		tracker.open();
		IProvisioningAgentProvider provider = tracker.waitForService(10_000);
		if (provider == null) {
			throw new AssertionError("no p2 agent provider in the test runtime");
		}
		return provider;
	}

	private static Path only(Path folder, String prefix, String suffix) throws IOException {
		try (Stream<Path> all = Files.list(folder)) {
			return all.filter(p -> {
				String name = p.getFileName().toString();
				return name.startsWith(prefix) && name.endsWith(suffix)
						&& Character.isDigit(name.charAt(prefix.length()));
			}).reduce((a, b) -> {
				throw new AssertionError("two of " + prefix + " in " + folder);
			}).orElseThrow(() -> new AssertionError("no " + prefix + " in " + folder));
		}
	}

	private static String versionIn(String name, String id, String suffix) {
		return name.substring(id.length() + 1, name.length() - suffix.length());
	}

	/** 0.1.0.Q -> 0.1.{step}.Q */
	static String nextMicro(String version, int step) {
		String[] parts = version.split("\\.", 4);
		return parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + step) + (parts.length > 3 ? "." + parts[3] : "");
	}

	/**
	 * Copies the installation's {@code bundle} jar and {@code feature} folder, as installed, into
	 * {@code target} (plugins/, features/): what later sites are made from once updates and failed
	 * ones have left other versions beside them in the installation.
	 */
	static Path keepOriginals(Path install, String feature, String bundle, Path target) throws IOException {
		Path jar = only(install.resolve("plugins"), bundle + "_", ".jar");
		Path folder = only(install.resolve("features"), feature + "_", "");
		Files.createDirectories(target.resolve("plugins"));
		Files.copy(jar, target.resolve("plugins").resolve(jar.getFileName().toString()));
		Path features = Files.createDirectories(target.resolve("features").resolve(folder.getFileName().toString()));
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				Files.copy(file, features.resolve(file.getFileName().toString()));
			}
		}
		return target;
	}

	private static void rewriteVersion(Path from, Path to, String version) throws IOException {
		try (JarInputStream in = new JarInputStream(Files.newInputStream(from))) {
			Manifest manifest = in.getManifest();
			manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
			try (OutputStream file = Files.newOutputStream(to); JarOutputStream out = new JarOutputStream(file, manifest)) {
				for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
					out.putNextEntry(new JarEntry(entry.getName()));
					transfer(in, out);
					out.closeEntry();
				}
			}
		}
	}

	private static void transfer(InputStream in, OutputStream out) throws IOException {
		in.transferTo(out);
	}
}
