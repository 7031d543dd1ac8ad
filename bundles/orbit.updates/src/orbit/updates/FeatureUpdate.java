package orbit.updates;

/** A feature a site offers newer than the installed one. */
public record FeatureUpdate(String id, String name, String installed, String available) {
}
