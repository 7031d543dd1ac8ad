package orbit.core.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;

import orbit.core.ActionableException;
import orbit.core.DataDirectory;

/**
 * The data directory of this process. It is resolved on every call (a property and an
 * environment look-up), so a command line that sets {@code --home} is followed at once.
 */
@Component(service = DataDirectory.class)
public class SystemDataDirectory implements DataDirectory {

	private static HomeResolution.Home home() {
		return HomeResolution.resolve(System.getProperties(), System.getenv());
	}

	@Override
	public Path path() {
		return home().path();
	}

	@Override
	public String origin() {
		return home().origin();
	}

	@Override
	public Path ensureWritable() {
		return ensureWritable(path());
	}

	/** Creates {@code dir} if needed and proves it writable by creating and deleting a file. */
	public static Path ensureWritable(Path dir) {
		if (Files.exists(dir) && !Files.isDirectory(dir)) {
			throw new ActionableException("Data directory " + dir + " is a file, not a directory",
					"Choose another with --home DIR or ORBIT_HOME");
		}
		try {
			Files.createDirectories(dir);
			Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
			Files.delete(probe);
			return dir;
		} catch (IOException | SecurityException e) {
			throw new ActionableException("Data directory " + dir + " is not writable (" + reason(e) + ")",
					"Fix its permissions or choose another with --home DIR or ORBIT_HOME", e);
		}
	}

	private static String reason(Exception e) {
		if (e instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof FileSystemException fse && fse.getReason() != null) {
			return fse.getReason();
		}
		return e.getClass().getSimpleName();
	}
}
