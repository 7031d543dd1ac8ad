package orbit.library;

import java.time.Instant;

/** One metadata change of an entry, from {@code LibraryEntryHistory}. */
public record HistoryRecord(long entryId, String field, String oldValue, String newValue, MetadataSource source,
		Instant changedAt) {
}
