package orbit.library;

/**
 * Which entries a listing shows, and in what order.
 *
 * @param text  matched inside title, artist, album or file path, ignoring case and accents; null or blank: any
 * @param level only entries at this level; null: any
 * @param audio only entries whose audio checked so; null: any
 * @param quality only entries whose measured quality is of this kind; null: any
 */
public record EntryQuery(String text, IntegrityLevel level, AudioState audio, EntryOrder order, boolean descending,
		AudioQuality.Kind quality) {

	public static final EntryQuery ALL = new EntryQuery(null, null, null, EntryOrder.ID, false);

	public EntryQuery(String text, IntegrityLevel level, EntryOrder order, boolean descending) {
		this(text, level, null, order, descending);
	}

	public EntryQuery(String text, IntegrityLevel level, AudioState audio, EntryOrder order, boolean descending) {
		this(text, level, audio, order, descending, null);
	}

	/** Whether the query keeps every entry. */
	public boolean all() {
		return text == null && level == null && audio == null && quality == null;
	}

	public EntryQuery {
		text = text == null || text.isBlank() ? null : text.strip();
		order = order == null ? EntryOrder.ID : order;
	}
}
