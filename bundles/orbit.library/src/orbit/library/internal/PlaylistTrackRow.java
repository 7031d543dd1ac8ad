package orbit.library.internal;

/** A {@code PlaylistTracks} row as written by an import. */
public class PlaylistTrackRow {
	public long playlistId;
	public int position;
	public String trackUniqueHash;
	public String artist;
	public String title;
	public String album;
	public String status;
	public String resolvedFilePath;
	public Double bpm;
	public String musicalKey;
	public Double spotifyBpm;
	public String spotifyKey;
}
