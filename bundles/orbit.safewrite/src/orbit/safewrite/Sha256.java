package orbit.safewrite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as ORBIT writes it (lowercase hex): the hash a cross-volume move checks its copy with,
 * and the one a download checks against the checksum its source published.
 */
public final class Sha256 {

	private Sha256() {
	}

	/** The hash of a file's content. */
	public static String of(Path file) throws IOException {
		MessageDigest digest = digest();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[1 << 20];
			for (int n; (n = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, n);
			}
		}
		return hex(digest);
	}

	/** A new digest, for hashing bytes while they are copied. */
	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform provides SHA-256", e);
		}
	}

	/** The hash of what {@code digest} took in (which resets it). */
	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}
}
