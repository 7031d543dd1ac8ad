package orbit.enrichment;

/**
 * A setting a provider needs from the user (an API client id, a secret), shown in the
 * preferences and kept by {@link ProviderCredentials}.
 *
 * @param secret shown masked and never logged
 */
public record Credential(String key, String label, boolean secret) {
}
