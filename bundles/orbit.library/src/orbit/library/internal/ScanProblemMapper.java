package orbit.library.internal;

import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL for {@code ScanProblems}; every value is a bound parameter. */
public interface ScanProblemMapper {

	String COLUMNS = "FilePath AS filePath, Reason AS reason, FileSize AS fileSize, FileModifiedAt AS fileModifiedAt, "
			+ "FirstSeenAt AS firstSeenAt, LastSeenAt AS lastSeenAt";

	/** Records a problem; a file already recorded keeps its first sighting. */
	@Insert("INSERT INTO ScanProblems (FilePath, Reason, FileSize, FileModifiedAt, FirstSeenAt, LastSeenAt) VALUES "
			+ "(#{path}, #{reason}, #{size}, #{modified}, #{now}, #{now}) ON CONFLICT (FilePath) DO UPDATE SET "
			+ "Reason = excluded.Reason, FileSize = excluded.FileSize, FileModifiedAt = excluded.FileModifiedAt, "
			+ "LastSeenAt = excluded.LastSeenAt")
	int record(@Param("path") String path, @Param("reason") String reason, @Param("size") long size,
			@Param("modified") long modified, @Param("now") String now);

	@Delete("DELETE FROM ScanProblems WHERE FilePath = #{path}")
	int clear(@Param("path") String path);

	@Select("SELECT " + COLUMNS + " FROM ScanProblems WHERE substr(FilePath, 1, length(#{prefix})) = #{prefix}")
	List<ScanProblemRow> under(@Param("prefix") String prefix);

	@Select("SELECT " + COLUMNS + " FROM ScanProblems ORDER BY FilePath")
	List<ScanProblemRow> all();

	@Select("SELECT " + COLUMNS + " FROM ScanProblems WHERE FilePath = #{path}")
	ScanProblemRow at(@Param("path") String path);
}
