package orbit.updates;

/**
 * One unit of the installation that changed: a feature or a bundle, with its version before
 * ({@code null}: added) and after ({@code null}: removed).
 */
public record Change(Kind kind, String id, String from, String to) {

	/** What changed. */
	public enum Kind {
		FEATURE, BUNDLE
	}
}
