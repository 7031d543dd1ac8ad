package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * SQL for playlists; every value is a bound parameter. The stats are kept by triggers (V7). The
 * rows of an import are matched and written with the plain statements below, prepared once per
 * import: through the mapper, each of a 100,000-row import's lookups read the result's metadata
 * again and the import took minutes.
 */
public interface PlaylistMapper {

	String COLUMNS = "Id AS id, SourceTitle AS sourceTitle, SourceType AS sourceType, SourceUrl AS sourceUrl, "
			+ "CreatedAt AS createdAt, TotalTracks AS totalTracks, SuccessfulCount AS successfulCount, "
			+ "FailedCount AS failedCount, MissingCount AS missingCount";

	/** A new playlist is hidden (Importing) until its last row is in: see {@link #finishImport}. */
	@Insert("INSERT INTO PlaylistJobs (SourceTitle, SourceType, SourceUrl, CreatedAt, Importing) VALUES (#{sourceTitle}, "
			+ "#{sourceType}, #{sourceUrl}, #{createdAt}, 1)")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "Id")
	int insertPlaylist(PlaylistRow row);

	@Select("SELECT " + COLUMNS + " FROM PlaylistJobs WHERE Id = #{id}")
	PlaylistRow byId(@Param("id") long id);

	@Update("UPDATE PlaylistJobs SET Importing = 0 WHERE Id = #{id}")
	int finishImport(@Param("id") long id);

	@Delete("DELETE FROM PlaylistJobs WHERE Id = #{id}")
	int deletePlaylist(@Param("id") long id);

	/** Playlists an import left half done when it died; their rows go with them. */
	@Delete("DELETE FROM PlaylistJobs WHERE Importing = 1 AND CreatedAt < #{before}")
	int deleteAbandoned(@Param("before") String before);

	@Select("SELECT " + COLUMNS + " FROM PlaylistJobs WHERE Importing = 0 ORDER BY Id")
	List<PlaylistRow> all();

	@Select("SELECT " + COLUMNS + " FROM PlaylistJobs WHERE Id = #{id} AND Importing = 0")
	PlaylistRow visible(@Param("id") long id);

	/**
	 * A playlist's rows in order. A matched row finds its entry by the recording's hash, or, when
	 * a tag change gave the entry another hash, by the file it was matched to.
	 */
	@Select("SELECT t.Position AS position, t.Artist AS artist, t.Title AS title, t.Album AS album, t.Status AS status, "
			+ "t.Rating AS rating, t.IsLiked AS liked, t.PlayCount AS playCount, t.LastPlayedAt AS lastPlayedAt, "
			+ "CASE WHEN t.Status = 'Matched' THEN COALESCE((SELECT e.Id FROM LibraryEntries e WHERE e.UniqueHash = "
			+ "t.TrackUniqueHash), (SELECT e.Id FROM LibraryEntries e WHERE e.FilePath = t.ResolvedFilePath LIMIT 1)) END "
			+ "AS entryId FROM PlaylistTracks t WHERE t.PlaylistId = #{id} ORDER BY t.Position")
	List<PlaylistTrackRow> tracks(@Param("id") long id);

	@Update("UPDATE PlaylistTracks SET Rating = #{rating} WHERE PlaylistId = #{id} AND Position = #{position}")
	int rate(@Param("id") long id, @Param("position") int position, @Param("rating") Integer rating);

	@Update("UPDATE PlaylistTracks SET IsLiked = #{liked} WHERE PlaylistId = #{id} AND Position = #{position}")
	int like(@Param("id") long id, @Param("position") int position, @Param("liked") boolean liked);

	/** A play of an entry's track, in every row matched to its recording or to its file. */
	@Update("UPDATE PlaylistTracks SET PlayCount = PlayCount + 1, LastPlayedAt = #{at} WHERE Status = 'Matched' AND "
			+ "(TrackUniqueHash = (SELECT UniqueHash FROM LibraryEntries WHERE Id = #{entry}) OR ResolvedFilePath = "
			+ "(SELECT FilePath FROM LibraryEntries WHERE Id = #{entry}))")
	int countPlay(@Param("entry") long entryId, @Param("at") String at);

	@Select("SELECT Id FROM PlaylistJobs WHERE SourceTitle = #{name} AND Importing = 0 ORDER BY Id LIMIT 1")
	Long named(@Param("name") String name);

	/** A playlist the DJ makes in ORBIT: no file behind it. */
	@Insert("INSERT INTO PlaylistJobs (SourceTitle, SourceType, CreatedAt, Importing) VALUES (#{sourceTitle}, 'Manual', "
			+ "#{createdAt}, 0)")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "Id")
	int insertManual(PlaylistRow row);

	/** An entry appended as a matched row after the playlist's last; null when there is no such entry. */
	@Insert("INSERT INTO PlaylistTracks (PlaylistId, Position, TrackUniqueHash, Artist, Title, Album, Status, "
			+ "ResolvedFilePath, BPM, MusicalKey, SpotifyBPM, SpotifyKey) SELECT #{id}, (SELECT COALESCE(MAX(Position), 0) "
			+ "+ 1 FROM PlaylistTracks WHERE PlaylistId = #{id}), UniqueHash, Artist, Title, Album, 'Matched', FilePath, BPM, "
			+ "MusicalKey, SpotifyBPM, SpotifyKey FROM LibraryEntries WHERE Id = #{entry}")
	int append(@Param("id") long playlistId, @Param("entry") long entryId);

	/** The playlist an earlier import of the same file made, other than {@code id}. */
	@Select("SELECT Id FROM PlaylistJobs WHERE SourceUrl = #{url} AND Importing = 0 AND Id != #{id} ORDER BY Id LIMIT 1")
	Long earlierImport(@Param("url") String sourceUrl, @Param("id") long id);

	/**
	 * The DJ's marks on an earlier import's rows carried to the new rows of the same recording (a
	 * recording listed twice carries those of its first row).
	 */
	@Update("UPDATE PlaylistTracks SET Rating = o.Rating, IsLiked = o.IsLiked, PlayCount = o.PlayCount, "
			+ "LastPlayedAt = o.LastPlayedAt FROM (SELECT TrackUniqueHash AS Hash, Rating, IsLiked, PlayCount, LastPlayedAt, "
			+ "MIN(Position) FROM PlaylistTracks WHERE PlaylistId = #{from} GROUP BY TrackUniqueHash) AS o "
			+ "WHERE PlaylistTracks.PlaylistId = #{to} AND PlaylistTracks.TrackUniqueHash = o.Hash")
	int carryMarks(@Param("from") long from, @Param("to") long to);

	@Delete("DELETE FROM PlaylistTracks WHERE PlaylistId = #{id}")
	int deleteTracks(@Param("id") long id);

	/** The stats of both playlists follow by trigger. */
	@Update("UPDATE PlaylistTracks SET PlaylistId = #{to} WHERE PlaylistId = #{from}")
	int moveTracks(@Param("from") long from, @Param("to") long to);

	/**
	 * What a matched row keeps of its entry, in this order. Only these columns: a match is looked
	 * up once or twice per row, and reading every column of an entry cost more than the lookup.
	 */
	String MATCH_COLUMNS = "UniqueHash, FilePath, BPM, MusicalKey, SpotifyBPM, SpotifyKey";

	/** The entry that stands for the recording (a copy only when no standing one is left). */
	String MATCH_BY_HASH = "SELECT " + MATCH_COLUMNS + " FROM LibraryEntries WHERE UniqueHash = ? "
			+ "ORDER BY DuplicateOf IS NOT NULL, MissingSince IS NOT NULL, Id LIMIT 1";

	/**
	 * A row whose album differs or is absent still matches on artist and title, case-insensitively
	 * (through the index on lower(Artist), lower(Title)).
	 */
	String MATCH_BY_ARTIST_TITLE = "SELECT " + MATCH_COLUMNS + " FROM LibraryEntries WHERE lower(Artist) = lower(?) "
			+ "AND lower(Title) = lower(?) ORDER BY DuplicateOf IS NOT NULL, MissingSince IS NOT NULL, Id LIMIT 1";

	String MATCH_BY_PATH = "SELECT " + MATCH_COLUMNS + " FROM LibraryEntries WHERE FilePath = ?";

	/** One row of a playlist; the stats follow by trigger. */
	String INSERT_TRACK = "INSERT INTO PlaylistTracks (PlaylistId, Position, TrackUniqueHash, Artist, Title, Album, Status, "
			+ "ResolvedFilePath, BPM, MusicalKey, SpotifyBPM, SpotifyKey) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
}
