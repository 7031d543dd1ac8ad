package orbit.library;

/**
 * An entry's online values, each the answer of the first provider in the provider order that has
 * one, with that provider's id (null with the value when no provider has one).
 */
public record OnlineValues(Double bpm, String bpmProvider, String musicalKey, String keyProvider,
		Integer durationSeconds, String durationProvider) {

	public static final OnlineValues NONE = new OnlineValues(null, null, null, null, null, null);

	public boolean any() {
		return bpm != null || musicalKey != null || durationSeconds != null;
	}
}
