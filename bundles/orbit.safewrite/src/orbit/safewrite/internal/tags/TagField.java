package orbit.safewrite.internal.tags;

/** The tag fields ORBIT writes, whatever each container calls them. */
public enum TagField {
	TITLE, ARTIST, ALBUM, BPM, KEY, COMMENT, ISRC
}
