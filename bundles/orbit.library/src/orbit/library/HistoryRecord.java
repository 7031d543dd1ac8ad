package orbit.library;

import java.time.Instant;

/**
 * One metadata change of an entry, from {@code LibraryEntryHistory}.
 *
 * @param provider the provider an online change came from; null for other sources (and for online
 *                 changes recorded before providers were told apart)
 */
public record HistoryRecord(long entryId, String field, String oldValue, String newValue, MetadataSource source,
		String provider, Instant changedAt) {

	/** "file tags", "you", "deezer": who made the change. */
	public String origin() {
		return source == MetadataSource.ONLINE_PROVIDER && provider != null ? provider : source.describe();
	}
}
