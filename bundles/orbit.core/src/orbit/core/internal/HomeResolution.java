package orbit.core.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import orbit.core.DataDirectory;

/** The data-directory rule of {@link DataDirectory}, as a pure function. */
public final class HomeResolution {

	/** A resolved directory and where the setting came from. */
	public record Home(Path path, String origin) {
	}

	private HomeResolution() {
	}

	public static Home resolve(Properties system, Map<String, String> environment) {
		String property = system.getProperty(DataDirectory.HOME_PROPERTY);
		if (property != null && !property.isBlank()) {
			return new Home(absolute(property, system), "--home");
		}
		String env = environment.get(DataDirectory.HOME_ENVIRONMENT);
		if (env != null && !env.isBlank()) {
			return new Home(absolute(env, system), "$" + DataDirectory.HOME_ENVIRONMENT);
		}
		return new Home(platformDefault(system, environment), "platform default");
	}

	static Path platformDefault(Properties system, Map<String, String> environment) {
		String os = system.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		Path userHome = Path.of(system.getProperty("user.home", "."));
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

	private static Path absolute(String value, Properties system) {
		String expanded = value.equals("~") || value.startsWith("~/")
				? system.getProperty("user.home", ".") + value.substring(1)
				: value;
		return Path.of(expanded).toAbsolutePath().normalize();
	}
}
