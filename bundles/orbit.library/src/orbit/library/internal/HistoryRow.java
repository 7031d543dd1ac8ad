package orbit.library.internal;

import java.time.Instant;

import orbit.library.HistoryRecord;
import orbit.library.MetadataSource;

/** A {@code LibraryEntryHistory} row as MyBatis maps it. */
public class HistoryRow {
	public long entryId;
	public String field;
	public String oldValue;
	public String newValue;
	public String source;
	public String provider;
	public String changedAt;

	HistoryRecord toRecord() {
		return new HistoryRecord(entryId, field, oldValue, newValue, MetadataSource.ofStored(source), provider,
				Instant.parse(changedAt));
	}
}
