import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Drops the jar signatures (META-INF/*.SF and their signature blocks) from the bundles of a
 * materialized installation, and corrects their sizes in the installation's artifacts.xml.
 * <p>
 * The JVM's ahead-of-time cache holds no class of a signed jar, and the JDK checks a signed
 * launcher jar at every start: in the installation the signatures only cost time. They mean
 * something where p2 installs bundles from a repository, and the update site keeps the signed
 * jars; a start never checks them.
 * Every entry but the signature files is copied as it was, in its order, with its method.
 * <p>
 * Run by the build as a source file: {@code java UnsignJars.java INSTALLATION}.
 */
public final class UnsignJars {

	private static final String MANIFEST = "META-INF/MANIFEST.MF";

	private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)|META-INF/SIG-[^/]+");

	public static void main(String[] args) throws IOException {
		Path install = Path.of(args[0]);
		List<Path> unsigned = new ArrayList<>();
		try (Stream<Path> jars = Files.list(install.resolve("plugins"))) {
			for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
				if (unsign(jar)) {
					unsigned.add(jar);
				}
			}
		}
		Path artifacts = install.resolve("artifacts.xml");
		if (Files.exists(artifacts)) {
			String xml = Files.readString(artifacts, StandardCharsets.UTF_8);
			for (Path jar : unsigned) {
				xml = withSize(xml, jar);
			}
			Path next = artifacts.resolveSibling("artifacts.xml.tmp");
			Files.writeString(next, xml, StandardCharsets.UTF_8);
			Files.move(next, artifacts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		System.out.println("unsign-jars: " + unsigned.size() + " bundle jar(s) of " + install + " without their signatures");
	}

	/** Rewrites {@code jar} without its signature files; false when it has none. */
	private static boolean unsign(Path jar) throws IOException {
		Path next = jar.resolveSibling(jar.getFileName() + ".tmp");
		boolean signed = false;
		try (ZipFile in = new ZipFile(jar.toFile())) {
			signed = in.stream().anyMatch(e -> isSignature(e.getName()));
			if (!signed) {
				return false;
			}
			try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(next))) {
				for (ZipEntry entry : in.stream().toList()) {
					if (isSignature(entry.getName())) {
						continue;
					}
					ZipEntry copy = new ZipEntry(entry);
					if (copy.getMethod() == ZipEntry.DEFLATED) {
						// The deflated size depends on the compressor: the new stream sets it.
						copy.setCompressedSize(-1);
					}
					if (entry.getName().equalsIgnoreCase(MANIFEST)) {
						byte[] manifest;
						try (InputStream data = in.getInputStream(entry)) {
							manifest = withoutDigests(data.readAllBytes());
						}
						copy = new ZipEntry(entry.getName());
						copy.setTime(entry.getTime());
						out.putNextEntry(copy);
						out.write(manifest);
					} else {
						out.putNextEntry(copy);
						try (InputStream data = in.getInputStream(entry)) {
							data.transferTo(out);
						}
					}
					out.closeEntry();
				}
			}
		} catch (IOException | RuntimeException e) {
			Files.deleteIfExists(next);
			throw new IOException(jar + ": " + e.getMessage(), e);
		}
		Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return true;
	}

	/**
	 * The manifest without its per-entry sections that only hold the signed digests (the
	 * framework's is 116 KB of them): its main section, byte for byte, and any other section.
	 */
	static byte[] withoutDigests(byte[] manifest) {
		String text = new String(manifest, StandardCharsets.UTF_8);
		String[] sections = text.split("(?<=\\r?\\n)(?=\\r?\\n)");
		StringBuilder kept = new StringBuilder(sections[0]);
		for (int i = 1; i < sections.length; i++) {
			String section = sections[i];
			boolean digestsOnly = section.lines().filter(line -> !line.isEmpty())
					.allMatch(line -> line.startsWith(" ") || line.startsWith("Name:") || line.contains("-Digest:"));
			if (!digestsOnly) {
				kept.append(section);
			}
		}
		if (!kept.toString().endsWith("\n")) {
			kept.append("\r\n");
		}
		return kept.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static boolean isSignature(String name) {
		return SIGNATURE.matcher(name.toUpperCase(Locale.ROOT)).matches();
	}

	/** The artifact descriptor of {@code jar} ({@code id_version.jar}) with its new size. */
	private static String withSize(String xml, Path jar) throws IOException {
		String name = jar.getFileName().toString();
		int split = name.lastIndexOf('_');
		String id = name.substring(0, split);
		String version = name.substring(split + 1, name.length() - ".jar".length());
		Matcher artifact = Pattern.compile("<artifact classifier='osgi.bundle' id='" + Pattern.quote(id)
				+ "' version='" + Pattern.quote(version) + "'>.*?</artifact>", Pattern.DOTALL).matcher(xml);
		if (!artifact.find()) {
			return xml;
		}
		String size = Long.toString(Files.size(jar));
		String descriptor = artifact.group()
				.replaceAll("(name='(?:download|artifact)\\.size' value=')\\d+'", "$1" + size + "'");
		return xml.substring(0, artifact.start()) + descriptor + xml.substring(artifact.end());
	}
}
