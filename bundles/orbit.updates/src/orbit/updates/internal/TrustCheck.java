package orbit.updates.internal;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.repository.artifact.spi.IArtifactUIServices;

import orbit.updates.Signer;
import orbit.updates.Trust;
import orbit.updates.UntrustedContent;

/**
 * p2's trust prompt for one operation, answered by ORBIT: p2's engine checks the signatures of
 * every artifact it fetched (a PGP signature is verified against the file while it is fetched; a
 * wrong one fails the fetch) and hands over what no trusted key vouches for. Keys that signed the
 * installation itself are trusted here; whatever is left (unsigned artifacts, unknown signers) goes
 * to the operation's {@link Trust}. A refusal is kept, so that the operation can say what it refused.
 */
final class TrustCheck extends UIServices implements IArtifactUIServices {

	/** The artifact property in which p2 keeps the armored keys that signed an artifact. */
	static final String PGP_KEYS = "pgp.publicKeys";

	private final URI site;
	private final Set<String> trusted;
	private final Trust trust;
	private volatile UntrustedContent refused;

	/**
	 * @param trusted fingerprints (upper-case hex) of the keys trusted without asking
	 */
	TrustCheck(URI site, Set<String> trusted, Trust trust) {
		this.site = site;
		this.trusted = trusted;
		this.trust = trust;
	}

	/** What the user refused, or null. */
	UntrustedContent refused() {
		return refused;
	}

	@Override
	public TrustInfo getTrustInfo(Map<List<Certificate>, Set<IArtifactKey>> untrustedCertificateChains,
			Map<PGPPublicKey, Set<IArtifactKey>> untrustedPGPKeys, Set<IArtifactKey> unsignedArtifacts,
			Map<IArtifactKey, File> artifactFiles) {
		List<PGPPublicKey> known = new ArrayList<>();
		Map<Signer, List<String>> unknown = new LinkedHashMap<>();
		for (Map.Entry<PGPPublicKey, Set<IArtifactKey>> signed : untrustedPGPKeys.entrySet()) {
			if (trusted.contains(fingerprint(signed.getKey()))) {
				known.add(signed.getKey());
			} else {
				unknown.computeIfAbsent(signer(signed.getKey()), k -> new ArrayList<>()).addAll(names(signed.getValue()));
			}
		}
		for (Map.Entry<List<Certificate>, Set<IArtifactKey>> signed : untrustedCertificateChains.entrySet()) {
			unknown.computeIfAbsent(signer(signed.getKey()), k -> new ArrayList<>()).addAll(names(signed.getValue()));
		}
		List<String> unsigned = names(unsignedArtifacts);
		if (unknown.isEmpty() && unsigned.isEmpty()) {
			return new TrustInfo(List.of(), known, false, false);
		}
		UntrustedContent content = new UntrustedContent(site, unsigned, unknown);
		Trust.Answer answer = trust == null ? Trust.Answer.REFUSE : trust.ask(content);
		if (answer == null || answer == Trust.Answer.REFUSE) {
			refused = content;
			return new TrustInfo(List.of(), known, false, false);
		}
		List<Certificate> certificates = new ArrayList<>();
		untrustedCertificateChains.keySet().forEach(chain -> certificates.add(chain.get(0)));
		return new TrustInfo(certificates, untrustedPGPKeys.keySet(), answer == Trust.Answer.TRUST_ALWAYS, true);
	}

	@Override
	public TrustInfo getTrustInfo(Certificate[][] untrustedChain, String[] unsignedDetail) {
		// Only called by a p2 older than the one ORBIT ships (it calls the method above).
		refused = new UntrustedContent(site, unsignedDetail == null ? List.of() : List.of(unsignedDetail), Map.of());
		return new TrustInfo(List.of(), List.of(), false, false);
	}

	@Override
	public AuthenticationInfo getUsernamePassword(String location) {
		return null;
	}

	@Override
	public AuthenticationInfo getUsernamePassword(String location, AuthenticationInfo previousInfo) {
		return null;
	}

	private static List<String> names(Collection<IArtifactKey> keys) {
		return keys.stream().map(k -> k.getId() + " " + k.getVersion()).sorted().toList();
	}

	static Signer signer(PGPPublicKey key) {
		Iterator<String> ids = key.getUserIDs();
		return new Signer(fingerprint(key), ids.hasNext() ? ids.next() : null);
	}

	private static Signer signer(List<Certificate> chain) {
		Certificate first = chain.get(0);
		String name = first instanceof X509Certificate x509 ? x509.getSubjectX500Principal().getName() : first.getType();
		try {
			return new Signer(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(first.getEncoded())),
					name);
		} catch (NoSuchAlgorithmException | CertificateEncodingException e) {
			return new Signer("?", name);
		}
	}

	static String fingerprint(PGPPublicKey key) {
		return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
	}

	/**
	 * The keys in armored text as p2 keeps it in a repository's properties (where an XML writer
	 * may have turned its line breaks into spaces); master keys and subkeys alike. Text that is no
	 * key gives none.
	 */
	static List<PGPPublicKey> keys(String armored) {
		if (armored == null || armored.isBlank()) {
			return List.of();
		}
		String text = armored.contains("\n") || armored.contains("\r") ? armored
				: armored.replace(' ', '\n').replace("-----BEGIN\nPGP\nPUBLIC\nKEY\nBLOCK-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----")
						.replace("-----END\nPGP\nPUBLIC\nKEY\nBLOCK-----", "-----END PGP PUBLIC KEY BLOCK-----");
		List<PGPPublicKey> keys = new ArrayList<>();
		try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
			for (PGPPublicKeyRing ring : new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator())) {
				ring.getPublicKeys().forEachRemaining(keys::add);
			}
		} catch (IOException | PGPException | RuntimeException e) {
			// not a key: nothing to trust
		}
		return keys;
	}
}
