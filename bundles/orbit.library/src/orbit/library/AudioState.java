package orbit.library;

/** An entry's audio as checks found it, for filtering. */
public enum AudioState {
	/** A check found it intact. */
	INTACT,
	/** A check found it damaged. */
	DAMAGED,
	/** Not checked since the file last changed. */
	UNCHECKED
}
