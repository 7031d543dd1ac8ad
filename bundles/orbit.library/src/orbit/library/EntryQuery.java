package orbit.library;

/**
 * Which entries a listing shows, and in what order.
 *
 * @param text  matched inside title, artist or album, ignoring case; null or blank: any
 * @param level only entries at this level; null: any
 */
public record EntryQuery(String text, IntegrityLevel level, EntryOrder order, boolean descending) {

	public static final EntryQuery ALL = new EntryQuery(null, null, EntryOrder.ID, false);

	public EntryQuery {
		text = text == null || text.isBlank() ? null : text.strip();
		order = order == null ? EntryOrder.ID : order;
	}
}
