package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL for playlists; every value is a bound parameter. The stats are kept by triggers (V2). */
public interface PlaylistMapper {

	String COLUMNS = "Id AS id, SourceTitle AS sourceTitle, SourceType AS sourceType, SourceUrl AS sourceUrl, "
			+ "CreatedAt AS createdAt, TotalTracks AS totalTracks, SuccessfulCount AS successfulCount, "
			+ "FailedCount AS failedCount, MissingCount AS missingCount";

	@Insert("INSERT INTO PlaylistJobs (SourceTitle, SourceType, SourceUrl, CreatedAt) VALUES (#{sourceTitle}, "
			+ "#{sourceType}, #{sourceUrl}, #{createdAt})")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "Id")
	int insertPlaylist(PlaylistRow row);

	@Insert("INSERT INTO PlaylistTracks (PlaylistId, Position, TrackUniqueHash, Artist, Title, Album, Status, "
			+ "ResolvedFilePath, BPM, MusicalKey, SpotifyBPM, SpotifyKey) VALUES (#{playlistId}, #{position}, "
			+ "#{trackUniqueHash}, #{artist}, #{title}, #{album}, #{status}, #{resolvedFilePath}, #{bpm}, #{musicalKey}, "
			+ "#{spotifyBpm}, #{spotifyKey})")
	int insertTrack(PlaylistTrackRow row);

	@Select("SELECT " + COLUMNS + " FROM PlaylistJobs WHERE Id = #{id}")
	PlaylistRow byId(@Param("id") long id);

	@Select("SELECT " + COLUMNS + " FROM PlaylistJobs ORDER BY Id")
	List<PlaylistRow> all();

	/** The entry that stands for the recording (a copy only when no standing one is left). */
	@Select("SELECT " + LibraryEntryMapper.ALL_COLUMNS + " FROM LibraryEntries WHERE UniqueHash = #{hash} "
			+ "ORDER BY DuplicateOf IS NOT NULL, MissingSince IS NOT NULL, Id LIMIT 1")
	EntryRow entryByHash(@Param("hash") String hash);

	/** A row whose album differs or is absent still matches on artist and title, case-insensitively. */
	@Select("SELECT " + LibraryEntryMapper.ALL_COLUMNS + " FROM LibraryEntries WHERE lower(Artist) = lower(#{artist}) "
			+ "AND lower(Title) = lower(#{title}) ORDER BY DuplicateOf IS NOT NULL, MissingSince IS NOT NULL, Id LIMIT 1")
	EntryRow entryByArtistTitle(@Param("artist") String artist, @Param("title") String title);

	@Select("SELECT " + LibraryEntryMapper.ALL_COLUMNS + " FROM LibraryEntries WHERE FilePath = #{path}")
	EntryRow entryByPath(@Param("path") String path);
}
