package orbit.enrichment.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.DataDirectory;
import orbit.enrichment.ProviderCredentials;

/**
 * Credentials in an Equinox secure storage file of the data directory ({@value #STORAGE}), one
 * node per provider, every value encrypted. The master password is a random key made on first use
 * and kept beside it, readable by the owner only ({@value #MASTER_KEY}): the data directory moves
 * with its secrets, the command line needs no keyring, and no prompt interrupts a set.
 */
@Component(service = ProviderCredentials.class)
public class SecureProviderCredentials implements ProviderCredentials {

	static final String STORAGE = "secure_storage";
	static final String MASTER_KEY = "secure_storage.key";
	private static final String ROOT = "orbit/enrichment/";

	@Reference
	private DataDirectory dataDirectory;

	private ISecurePreferences storage;
	private Path storageFile;

	public SecureProviderCredentials() {
	}

	public SecureProviderCredentials(DataDirectory dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	@Override
	public synchronized Optional<String> get(String providerId, String key) {
		Path file = dataDirectory.resolve(STORAGE);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			ISecurePreferences root = storage();
			String node = ROOT + providerId;
			if (!root.nodeExists(node)) {
				return Optional.empty();
			}
			return Optional.ofNullable(root.node(node).get(key, null)).filter(v -> !v.isBlank());
		} catch (StorageException | IOException e) {
			throw new ActionableException("The stored credentials cannot be read: " + e.getMessage(),
					"Enter them again in the preferences (the file is " + file + ")", e);
		}
	}

	@Override
	public synchronized void put(String providerId, String key, String value) {
		try {
			ISecurePreferences node = storage().node(ROOT + providerId);
			if (value == null || value.isBlank()) {
				node.remove(key);
			} else {
				node.put(key, value.strip(), true);
			}
			storage().flush();
		} catch (StorageException | IOException e) {
			throw new ActionableException("The credentials could not be stored: " + e.getMessage(),
					"Check that " + dataDirectory.path() + " is writable", e);
		}
	}

	private ISecurePreferences storage() throws IOException {
		Path file = dataDirectory.resolve(STORAGE);
		if (storage == null || !file.equals(storageFile)) {
			Path directory = dataDirectory.ensureWritable();
			storageFile = file;
			char[] master = masterKey(directory.resolve(MASTER_KEY));
			storage = SecurePreferencesFactory.open(directory.resolve(STORAGE).toUri().toURL(),
					Map.of(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(master), IProviderHints.PROMPT_USER, false));
			if (storage == null) {
				throw new IOException("Equinox secure storage is not available");
			}
		}
		return storage;
	}

	private static char[] masterKey(Path file) throws IOException {
		if (!Files.exists(file)) {
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			try {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			} catch (UnsupportedOperationException notPosix) {
				Files.createFile(file);
			} catch (FileAlreadyExistsException raced) {
				return Files.readString(file).strip().toCharArray();
			}
			Files.writeString(file, HexFormat.of().formatHex(key), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
		}
		return Files.readString(file).strip().toCharArray();
	}
}
