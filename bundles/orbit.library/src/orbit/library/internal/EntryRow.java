package orbit.library.internal;



/** A row of {@code LibraryEntries} as MyBatis maps it; converted to the API's record at once. */
public class EntryRow {
	public long id;
	public String uniqueHash;
	public String filePath;
	public long fileSize;
	public String addedAt;
	public String title;
	public String artist;
	public String album;
	public String format;
	public int bitrate;
	public Integer durationSeconds;
	public Double bpm;
	public String musicalKey;
}
