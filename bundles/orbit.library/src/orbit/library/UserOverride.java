package orbit.library;

/**
 * What the user sets or clears on an entry. A value sets the user's own (which outranks the file's
 * tags and the providers); a clear removes it, so that the tags and the providers decide again;
 * neither leaves it as it is. {@code gold} true declares the entry Gold, false takes that back,
 * null leaves it.
 */
public record UserOverride(Double bpm, boolean clearBpm, MusicalKey key, boolean clearKey, Boolean gold) {

	public UserOverride {
		if (bpm != null && clearBpm) {
			throw new IllegalArgumentException("The BPM is either set or cleared, not both");
		}
		if (key != null && clearKey) {
			throw new IllegalArgumentException("The key is either set or cleared, not both");
		}
	}

	/** Sets what is not null; {@code gold} true declares the entry Gold. */
	public static UserOverride set(Double bpm, MusicalKey key, boolean gold) {
		return new UserOverride(bpm, false, key, false, gold ? Boolean.TRUE : null);
	}

	/** Whether it changes nothing. */
	public boolean none() {
		return bpm == null && !clearBpm && key == null && !clearKey && gold == null;
	}
}
