package orbit.core;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The directory where ORBIT keeps its library database, journal, logs and workbench state.
 *
 * <p>First match wins: the system property
 * {@value #HOME_PROPERTY} (set by the launcher from {@code --home DIR}), the environment
 * variable {@value #HOME_ENVIRONMENT}, then the platform's user data directory
 * ({@code $XDG_DATA_HOME/orbit} or {@code ~/.local/share/orbit} on Linux,
 * {@code ~/Library/Application Support/ORBIT} on macOS, {@code %APPDATA%\ORBIT} on Windows;
 * {@code ~} is {@code $HOME}). The launcher applies the same rule before the JVM starts and keeps
 * the OSGi configuration area in {@code configuration/} here, so the install folder is only read.
 */
@ProviderType
public interface DataDirectory {

	String HOME_PROPERTY = "orbit.home";
	String HOME_ENVIRONMENT = "ORBIT_HOME";

	/** The directory, without touching the file system. */
	Path path();

	/**
	 * The directory, created if missing and checked to be writable.
	 *
	 * @throws ActionableException when it cannot be created or written
	 */
	Path ensureWritable();

	/** Where the directory setting came from, for the health report. */
	String origin();

	/** A file or directory inside the data directory. */
	default Path resolve(String name) {
		return path().resolve(name);
	}
}
