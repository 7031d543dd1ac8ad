package orbit.enrichment;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The providers' credentials, encrypted at rest in Equinox secure storage inside the data
 * directory. Values are never logged.
 */
@ProviderType
public interface ProviderCredentials {

	Optional<String> get(String providerId, String key);

	/** Stores a value; null or blank removes it. */
	void put(String providerId, String key, String value);
}
