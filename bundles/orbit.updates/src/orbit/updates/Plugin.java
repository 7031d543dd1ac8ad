package orbit.updates;

/**
 * A plugin: a feature installed beside ORBIT's own, as a root of the installation's profile (so an
 * update of ORBIT's features keeps it), or one a site offers. Its id is without p2's
 * {@code .feature.group}; {@code provider} is the vendor its feature names, null when it names none.
 */
public record Plugin(String id, String name, String version, String provider) {
}
