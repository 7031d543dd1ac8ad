package orbit.library;

/** How musical keys are shown to the user. */
public enum KeyNotation {
	/** Mixed In Key's wheel: {@code 8A} (A minor), {@code 8B} (C major). */
	CAMELOT,
	/** Traktor's Open Key: {@code 1m} (A minor), {@code 1d} (C major). */
	OPEN_KEY,
	/** Letter names: {@code Am}, {@code C}, {@code F#m}, {@code Bb}. */
	STANDARD
}
