package orbit.updates;

/** An installed feature: its id (without p2's {@code .feature.group}), its name and version. */
public record InstalledFeature(String id, String name, String version) {
}
