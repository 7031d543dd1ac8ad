package orbit.safewrite;

/** What the temp file holds when the {@link TempWriter} starts. */
public enum WriteMode {
	/** An exact copy of the original: the writer edits it (tag writes). */
	EDIT_COPY,
	/** Nothing: the writer produces the whole content (new files, downloads). */
	REPLACE
}
