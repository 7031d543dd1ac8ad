package orbit.library.internal;

/** A {@code PlaylistTracks} row as MyBatis maps it, with the id of the entry it found. */
public class PlaylistTrackRow {
	public int position;
	public String artist;
	public String title;
	public String album;
	public String status;
	public Integer rating;
	public boolean liked;
	public int playCount;
	public String lastPlayedAt;
	public Long entryId;
}
