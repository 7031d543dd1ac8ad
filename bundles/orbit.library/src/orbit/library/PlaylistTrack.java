package orbit.library;

import java.time.Instant;

/**
 * One row of a playlist as the DJ sees it: what the playlist named, the library entry it found
 * (with the entry's resolved values), and the DJ's own marks on it.
 *
 * @param position     from 1, in the playlist's order
 * @param artist       as the playlist named it; null when it named none
 * @param title        as the playlist named it; null when it named none
 * @param album        as the playlist named it; null when it named none
 * @param state        whether the track is there to play
 * @param entry        the library entry the row found; null when none
 * @param rating       1 to 5 stars; null when not rated
 * @param liked        the DJ's heart
 * @param playCount    how often the preview deck played the track
 * @param lastPlayedAt when it last did; null when never
 */
public record PlaylistTrack(int position, String artist, String title, String album, State state, LibraryEntry entry,
		Integer rating, boolean liked, int playCount, Instant lastPlayedAt) {

	/** Whether a playlist row can be played. */
	public enum State {
		/** Its library entry's file is where the last scan found it. */
		FOUND("found"),
		/** Its library entry's file was not found by the last scan. */
		FILE_MISSING("file missing"),
		/** No library entry matches what the row names. */
		NOT_IN_LIBRARY("not in library"),
		/** The row names no track (an empty line of a CSV). */
		NO_TRACK("no track");

		private final String label;

		State(String label) {
			this.label = label;
		}

		/** A short phrase for a table cell. */
		public String label() {
			return label;
		}
	}

	/** "Artist - Title" from the entry when there is one, else from what the row named. */
	public String displayName() {
		String a = entry != null && entry.artist() != null ? entry.artist() : artist;
		String t = entry != null ? entry.displayTitle() : title;
		if (a == null || a.isBlank()) {
			return t == null ? "" : t;
		}
		return a + " - " + (t == null ? "" : t);
	}
}
