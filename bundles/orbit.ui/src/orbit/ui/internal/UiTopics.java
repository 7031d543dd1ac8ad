package orbit.ui.internal;

/** Events between the workstation's views (posted on the IEventBroker). */
public final class UiTopics {

	/** An entry's metadata changed (user override, tag write, enrichment); data: its id, or null for many. */
	public static final String ENTRY_CHANGED = "orbit/ui/entry/CHANGED";

	/** The library's contents changed (a scan): listings are read again. */
	public static final String LIBRARY_CHANGED = "orbit/ui/library/CHANGED";

	private UiTopics() {
	}
}
