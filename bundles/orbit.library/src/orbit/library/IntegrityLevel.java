package orbit.library;

/**
 * How far a library entry's metadata can be trusted, in the seed's numbering (stored as the
 * code in {@code LibraryEntries.IntegrityLevel}).
 */
public enum IntegrityLevel {
	/** The entry exists but its file is not (yet) there. */
	PENDING(0),
	/** The file is present and its basic tags (title, artist) were read. */
	BRONZE(1),
	/** An online provider enriched it (BPM, key, duration). */
	SILVER(2),
	/** The user verified it, or every source agrees ({@link GoldRule}). */
	GOLD(3);

	private final int code;

	IntegrityLevel(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public static IntegrityLevel ofCode(int code) {
		for (IntegrityLevel level : values()) {
			if (level.code == code) {
				return level;
			}
		}
		throw new IllegalArgumentException("no integrity level has code " + code);
	}

	/** Parses a level name as a user types it ({@code gold}, {@code Silver}). */
	public static IntegrityLevel parse(String text) {
		for (IntegrityLevel level : values()) {
			if (level.name().equalsIgnoreCase(text.strip())) {
				return level;
			}
		}
		throw new orbit.core.ActionableException("Unknown integrity level '" + text + "'",
				"Use one of Pending, Bronze, Silver, Gold");
	}

	/**
	 * The level the progression rules give: Gold when the user verified it or the Gold rule
	 * holds; otherwise Silver once enriched online, Bronze once the file is there with its
	 * basic tags, else Pending.
	 */
	public static IntegrityLevel assess(boolean filePresent, boolean basicTags, boolean enrichedOnline,
			boolean userVerifiedGold, GoldRule.Evaluation gold) {
		if (userVerifiedGold || (filePresent && gold.gold())) {
			return GOLD;
		}
		if (filePresent && enrichedOnline) {
			return SILVER;
		}
		if (filePresent && basicTags) {
			return BRONZE;
		}
		return PENDING;
	}
}
