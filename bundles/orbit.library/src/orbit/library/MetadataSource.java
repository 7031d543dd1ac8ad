package orbit.library;

/** Where a metadata value came from; the order of dual-truth resolution is user, file, online. */
public enum MetadataSource {
	/** A user override (shown with a pin in the UI). */
	USER("User"),
	/** The file's own tags. */
	FILE_TAGS("FileTags"),
	/** An online provider (the seed's Spotify columns). */
	ONLINE_PROVIDER("OnlineProvider"),
	/** A replacement file from an upgrade. */
	UPGRADE("Upgrade"),
	/** No source has a value. */
	NONE("None");

	private final String stored;

	MetadataSource(String stored) {
		this.stored = stored;
	}

	/** The value stored in {@code LibraryEntryHistory.Source}. */
	public String stored() {
		return stored;
	}

	public static MetadataSource ofStored(String stored) {
		for (MetadataSource source : values()) {
			if (source.stored.equals(stored)) {
				return source;
			}
		}
		throw new IllegalArgumentException("unknown metadata source " + stored);
	}
}
