package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL for {@code LibraryEntries}; every value is a bound parameter. */
public interface LibraryEntryMapper {

	String COLUMNS = "Id AS id, UniqueHash AS uniqueHash, FilePath AS filePath, FileSize AS fileSize, "
			+ "AddedAt AS addedAt, Title AS title, Artist AS artist, Album AS album, Format AS format, "
			+ "Bitrate AS bitrate, DurationSeconds AS durationSeconds, BPM AS bpm, MusicalKey AS musicalKey";

	@Select("SELECT COUNT(*) FROM LibraryEntries")
	long count();

	@Select("SELECT " + COLUMNS + " FROM LibraryEntries ORDER BY Id LIMIT #{limit} OFFSET #{offset}")
	List<EntryRow> page(@Param("offset") long offset, @Param("limit") int limit);

	@Select("SELECT " + COLUMNS + " FROM LibraryEntries WHERE Id = #{id}")
	EntryRow byId(@Param("id") long id);

	@Insert("INSERT OR IGNORE INTO LibraryEntries (UniqueHash, FilePath, FileSize, AddedAt, Title, Artist, Album, "
			+ "Format, Bitrate, DurationSeconds, BPM, MusicalKey) VALUES (#{uniqueHash}, #{filePath}, #{fileSize}, "
			+ "#{addedAt}, #{title}, #{artist}, #{album}, #{format}, #{bitrate}, #{durationSeconds}, #{bpm}, "
			+ "#{musicalKey})")
	int insert(EntryRow row);
}
