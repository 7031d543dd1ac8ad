package orbit.updates;

/**
 * A PGP key that signed artifacts: its fingerprint (upper-case hex) and its first user id
 * ({@code Name <mail>}), null when it names none. For a certificate (a jar signed with
 * {@code jarsigner}) the fingerprint is the certificate's SHA-256 and the name its subject.
 */
public record Signer(String fingerprint, String name) {

	/** The name and the fingerprint, as a user reads them. */
	@Override
	public String toString() {
		return (name == null ? "an unnamed key" : name) + " (" + fingerprint + ")";
	}
}
