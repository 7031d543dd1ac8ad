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
