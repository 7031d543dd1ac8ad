package orbit.updates.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.repository.artifact.ArtifactKeyQuery;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IFileArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.spi.ArtifactDescriptor;

/**
 * A PGP signing key, and p2 artifact repositories signed with it the way the build signs its own
 * (tycho-gpg-plugin): an armored detached signature on each artifact ({@code pgp.signatures}) and
 * the signer's public key on the artifact and on the repository ({@code pgp.publicKeys}).
 */
final class PgpSigning {

	private static final String SIGNATURES = "pgp.signatures";
	private static final String KEYS = "pgp.publicKeys";

	private final PGPSecretKey secretKey;
	private final PGPPrivateKey privateKey;

	private PgpSigning(PGPSecretKey secretKey, PGPPrivateKey privateKey) {
		this.secretKey = secretKey;
		this.privateKey = privateKey;
	}

	/** The key the build signed the product and its site with (bin/test gives the build one). */
	static PgpSigning ofBuild() throws IOException, PGPException {
		String keys = System.getProperty("orbit.signing.keys", "");
		if (keys.isBlank() || keys.startsWith("${") || !Files.isRegularFile(Path.of(keys))) {
			throw new AssertionError("the build signs its artifacts: give it a key with -Dtycho.pgp.signer.bc.secretKeys "
					+ "(bin/test does), not " + keys);
		}
		char[] passphrase = System.getProperty("orbit.signing.passphrase", "").toCharArray();
		try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(Path.of(keys)))) {
			for (PGPSecretKeyRing ring : new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator())) {
				for (PGPSecretKey key : (Iterable<PGPSecretKey>) ring::getSecretKeys) {
					if (key.isSigningKey() && !key.isPrivateKeyEmpty()) {
						return new PgpSigning(key, key.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(
								new JcaPGPDigestCalculatorProviderBuilder().build()).build(passphrase)));
					}
				}
			}
		}
		throw new AssertionError("no signing key in " + keys);
	}

	/** A new key nobody trusts, named {@code userId}. */
	static PgpSigning throwaway(String userId) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048, new SecureRandom());
		PGPKeyPair pair = new JcaPGPKeyPair(PGPPublicKey.RSA_GENERAL, generator.generateKeyPair(), new Date());
		PGPSecretKey secret = new PGPSecretKey(PGPSignature.DEFAULT_CERTIFICATION, pair, userId,
				new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1), null, null,
				new JcaPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
				new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).build("x".toCharArray()));
		return new PgpSigning(secret, pair.getPrivateKey());
	}

	/** The signing key's fingerprint, upper-case hex, as ORBIT prints it. */
	String fingerprint() {
		return HexFormat.of().withUpperCase().formatHex(secretKey.getPublicKey().getFingerprint());
	}

	/** The armored public key. */
	String publicKey() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
			secretKey.getPublicKey().encode(armored);
		}
		return bytes.toString(StandardCharsets.US_ASCII);
	}

	/** An armored detached signature of {@code file}. */
	String sign(Path file) throws IOException, PGPException {
		PGPSignatureGenerator generator = new PGPSignatureGenerator(
				new JcaPGPContentSignerBuilder(secretKey.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
				secretKey.getPublicKey());
		generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[8192];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				generator.update(buffer, 0, n);
			}
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream armored = new ArmoredOutputStream(bytes)) {
			generator.generate().encode(armored);
		}
		return bytes.toString(StandardCharsets.US_ASCII);
	}

	/** Signs every artifact of {@code repository} and names the key on it; p2 saves the repository. */
	void signAll(IFileArtifactRepository repository) throws IOException, PGPException {
		String key = publicKey();
		for (IArtifactKey artifact : repository.query(ArtifactKeyQuery.ALL_KEYS, null)) {
			for (IArtifactDescriptor descriptor : repository.getArtifactDescriptors(artifact)) {
				ArtifactDescriptor signed = (ArtifactDescriptor) descriptor;
				signed.setProperty(SIGNATURES, sign(repository.getArtifactFile(descriptor).toPath()));
				signed.setProperty(KEYS, key);
			}
		}
		// Setting a property writes the repository, with the descriptors' new properties.
		repository.setProperty(KEYS, key);
	}
}
