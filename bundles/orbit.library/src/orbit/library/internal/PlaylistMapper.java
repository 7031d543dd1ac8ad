package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for playlists; every value is a bound parameter. The stats are kept by triggers (V2). */
public interface PlaylistMapper {

	String COLUMNS = "Id AS id, SourceTitle AS sourceTitle, SourceType AS sourceType, SourceUrl AS sourceUrl, "
			+ "CreatedAt AS createdAt, TotalTracks AS totalTracks, SuccessfulCount AS successfulCount, "
			+ "FailedCount AS failedCount, MissingCount AS missingCount";

	/** A new playlist is hidden (Importing) until its last row is in: see {@link #finishImport}. */
	@Insert("INSERT INTO PlaylistJobs (SourceTitle, SourceType, SourceUrl, CreatedAt, Importing) VALUES (#{sourceTitle}, "
			+ "#{sourceType}, #{sourceUrl}, #{createdAt}, 1)")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "Id")
	int insertPlaylist(PlaylistRow row);

	@Insert("INSERT INTO PlaylistTracks (PlaylistId, Position, TrackUniqueHash, Artist, Title, Album, Status, "
			+ "ResolvedFilePath, BPM, MusicalKey, SpotifyBPM, SpotifyKey) VALUES (#{playlistId}, #{position}, "
			+ "#{trackUniqueHash}, #{artist}, #{title}, #{album}, #{status}, #{resolvedFilePath}, #{bpm}, #{musicalKey}, "
			+ "#{spotifyBpm}, #{spotifyKey})")
	int insertTrack(PlaylistTrackRow row);

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

	/** The entry that stands for the recording (a copy only when no standing one is left). */
	@Select("SELECT " + LibraryEntryMapper.ALL_COLUMNS + " FROM LibraryEntries WHERE UniqueHash = #{hash} "
			+ "ORDER BY DuplicateOf IS NOT NULL, MissingSince IS NOT NULL, Id LIMIT 1")
	EntryRow entryByHash(@Param("hash") String hash);

	/**
	 * A row whose album differs or is absent still matches on artist and title, case-insensitively
	 * (through the index on lower(Artist), lower(Title)).
	 */
	@Select("SELECT " + LibraryEntryMapper.ALL_COLUMNS + " FROM LibraryEntries WHERE lower(Artist) = lower(#{artist}) "
			+ "AND lower(Title) = lower(#{title}) ORDER BY DuplicateOf IS NOT NULL, MissingSince IS NOT NULL, Id LIMIT 1")
	EntryRow entryByArtistTitle(@Param("artist") String artist, @Param("title") String title);

	@Select("SELECT " + LibraryEntryMapper.ALL_COLUMNS + " FROM LibraryEntries WHERE FilePath = #{path}")
	EntryRow entryByPath(@Param("path") String path);
}
