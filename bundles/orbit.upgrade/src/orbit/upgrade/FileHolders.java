package orbit.upgrade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Which other processes hold a file now. On Linux: every process that has it open
 * ({@code /proc/PID/fd}), every flock and POSIX lock on it ({@code /proc/locks}), and a lock
 * attempt for what those cannot show (a process in another PID namespace). Processes of other
 * users are seen only as far as the system lets this one read them. A service.
 */
@ProviderType
public interface FileHolders {

	/**
	 * The holders of a file other than this process, each once per way it holds the file; empty
	 * when nothing holds it.
	 *
	 * @throws IOException when the file cannot be read (missing, no permission)
	 */
	List<FileHolder> holders(Path file) throws IOException;
}
