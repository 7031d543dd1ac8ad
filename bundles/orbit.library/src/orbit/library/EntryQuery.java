package orbit.library;

/**
 * Which entries a listing shows, and in what order.
 *
 * @param text  matched inside title, artist, album or file path, ignoring case and accents; null or blank: any
 * @param level only entries at this level; null: any
 * @param audio only entries whose audio checked so; null: any
 * @param quality only entries whose measured quality is of this kind; null: any
 * @param bpmFrom only entries whose resolved BPM is at least this; null: no lower bound
 * @param bpmTo   only entries whose resolved BPM is at most this; null: no upper bound
 * @param keys    only entries whose resolved key is one of these; null: any
 * @param format  only files of this format, one of {@link #FORMATS} in any case; null: any
 */
public record EntryQuery(String text, IntegrityLevel level, AudioState audio, EntryOrder order, boolean descending,
		AudioQuality.Kind quality, Double bpmFrom, Double bpmTo, java.util.Set<MusicalKey> keys, String format) {

	/** The formats a library holds, as {@link #format} names them (an {@code .aif} file is "aiff"). */
	public static final java.util.List<String> FORMATS = java.util.List.of("flac", "mp3", "m4a", "aac", "ogg", "opus", "wav",
			"aiff");

	public static final EntryQuery ALL = new EntryQuery(null, null, null, EntryOrder.ID, false);

	public EntryQuery(String text, IntegrityLevel level, AudioState audio, EntryOrder order, boolean descending,
			AudioQuality.Kind quality) {
		this(text, level, audio, order, descending, quality, null, null, null, null);
	}

	/** This query, keeping only resolved BPMs from {@code from} to {@code to} (either null: unbounded). */
	public EntryQuery withBpm(Double from, Double to) {
		return new EntryQuery(text, level, audio, order, descending, quality, from, to, keys, format);
	}

	/** This query, keeping only these resolved keys (null: any). */
	public EntryQuery withKeys(java.util.Collection<MusicalKey> only) {
		return new EntryQuery(text, level, audio, order, descending, quality, bpmFrom, bpmTo,
				only == null ? null : java.util.Set.copyOf(only), format);
	}

	/** This query, keeping only files of this format (null or blank: any). */
	public EntryQuery withFormat(String only) {
		return new EntryQuery(text, level, audio, order, descending, quality, bpmFrom, bpmTo, keys, only);
	}

	public EntryQuery(String text, IntegrityLevel level, EntryOrder order, boolean descending) {
		this(text, level, null, order, descending);
	}

	public EntryQuery(String text, IntegrityLevel level, AudioState audio, EntryOrder order, boolean descending) {
		this(text, level, audio, order, descending, null);
	}

	/** Whether the query keeps every entry. */
	public boolean all() {
		return text == null && level == null && audio == null && quality == null && bpmFrom == null && bpmTo == null
				&& keys == null
				&& format == null;
	}

	public EntryQuery {
		text = text == null || text.isBlank() ? null : text.strip();
		order = order == null ? EntryOrder.ID : order;
		format = format == null || format.isBlank() ? null : format.strip().toLowerCase(java.util.Locale.ROOT);
	}
}
