package orbit.library;

/**
 * How a listing of entries is ordered. BPM and key order by the resolved value (user, then
 * file, then online); keys in Camelot order ({@code 1A 1B 2A …}); entries without a value last.
 */
public enum EntryOrder {
	ID, ARTIST, TITLE, ALBUM, BPM, KEY, DURATION, FORMAT, BITRATE, INTEGRITY, ADDED
}
