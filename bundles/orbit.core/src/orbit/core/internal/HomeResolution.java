package orbit.core.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import orbit.core.DataDirectory;

/**
 * The data-directory rule of {@link DataDirectory}, as a pure function.
 *
 * <p>The launcher scripts (orbit.platform.feature's {@code rootfiles/linux/orbit} and
 * {@code rootfiles/macos/orbit}) apply the same rule in sh before the JVM starts, because the
 * OSGi configuration area lives in the data directory and the framework needs it before any
 * bundle runs. Change both together: orbit.app.tests' {@code InstallFolderTest} checks that the
 * launcher and this class pick the same directory for {@code --home}, {@code ORBIT_HOME},
 * {@code XDG_DATA_HOME} and {@code HOME}.
 */
public final class HomeResolution {

	/** A resolved directory and where the setting came from. */
	public record Home(Path path, String origin) {
	}

	private HomeResolution() {
	}

	public static Home resolve(Properties system, Map<String, String> environment) {
		String property = system.getProperty(DataDirectory.HOME_PROPERTY);
		if (property != null && !property.isBlank()) {
			return new Home(absolute(property, system, environment), "--home");
		}
		String env = environment.get(DataDirectory.HOME_ENVIRONMENT);
		if (env != null && !env.isBlank()) {
			return new Home(absolute(env, system, environment), "$" + DataDirectory.HOME_ENVIRONMENT);
		}
		return new Home(platformDefault(system, environment), "platform default");
	}

	static Path platformDefault(Properties system, Map<String, String> environment) {
		String os = system.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		Path userHome = Path.of(userHome(system, environment));
		if (os.startsWith("windows")) {
			String appData = environment.get("APPDATA");
			return (appData != null ? Path.of(appData) : userHome.resolve("AppData").resolve("Roaming"))
					.resolve("ORBIT").toAbsolutePath().normalize();
		}
		if (os.startsWith("mac")) {
			return userHome.resolve("Library").resolve("Application Support").resolve("ORBIT").toAbsolutePath()
					.normalize();
		}
		String xdg = environment.get("XDG_DATA_HOME");
		// The XDG spec says a relative value is invalid and must be ignored.
		Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
				: userHome.resolve(".local").resolve("share");
		return base.resolve("orbit").toAbsolutePath().normalize();
	}

	/**
	 * The user's home: {@code $HOME} when it is an absolute path (as the shell and the XDG spec
	 * have it; the JVM's {@code user.home} comes from the password database and ignores it), else
	 * {@code user.home}. On Windows, {@code user.home} alone.
	 */
	static String userHome(Properties system, Map<String, String> environment) {
		String home = environment.get("HOME");
		boolean windows = system.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
		if (!windows && home != null && home.startsWith("/")) {
			return home;
		}
		return system.getProperty("user.home", ".");
	}

	private static Path absolute(String value, Properties system, Map<String, String> environment) {
		String expanded = value.equals("~") || value.startsWith("~/")
				? userHome(system, environment) + value.substring(1)
				: value;
		return Path.of(expanded).toAbsolutePath().normalize();
	}
}
