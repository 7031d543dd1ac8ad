package orbit.library;

/** Where a metadata value came from; the order of dual-truth resolution is user, file, online. */
public enum MetadataSource {
	/** A user override (shown with a pin in the UI). */
	USER("User", "you"),
	/** The file's own tags. */
	FILE_TAGS("FileTags", "file tags"),
	/** An online provider; which one is recorded beside it (the history's Provider, a resolved value's provider). */
	ONLINE_PROVIDER("OnlineProvider", "online"),
	/** A replacement file from an upgrade. */
	UPGRADE("Upgrade", "upgrade"),
	/** No source has a value. */
	NONE("None", "none");

	private final String stored;
	private final String description;

	MetadataSource(String stored, String description) {
		this.stored = stored;
		this.description = description;
	}

	/** As a DJ reads it: "you", "file tags", "online". */
	public String describe() {
		return description;
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
