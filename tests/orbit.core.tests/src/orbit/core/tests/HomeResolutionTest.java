package orbit.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import orbit.core.internal.HomeResolution;
import orbit.core.internal.HomeResolution.Home;

class HomeResolutionTest {

	private static Properties linux(String userHome) {
		Properties p = new Properties();
		p.setProperty("os.name", "Linux");
		p.setProperty("user.home", userHome);
		return p;
	}

	@Test
	void homePropertyWinsOverEnvironment() {
		Properties system = linux("/home/dj");
		system.setProperty("orbit.home", "/music/orbit");
		Home home = HomeResolution.resolve(system, Map.of("ORBIT_HOME", "/elsewhere"));
		assertEquals(Path.of("/music/orbit"), home.path());
		assertEquals("--home", home.origin());
	}

	@Test
	void environmentWinsOverPlatformDefault() {
		Home home = HomeResolution.resolve(linux("/home/dj"), Map.of("ORBIT_HOME", "/srv/orbit"));
		assertEquals(Path.of("/srv/orbit"), home.path());
		assertEquals("$ORBIT_HOME", home.origin());
	}

	@Test
	void tildeIsTheUserHome() {
		Properties system = linux("/home/dj");
		system.setProperty("orbit.home", "~/crates");
		assertEquals(Path.of("/home/dj/crates"), HomeResolution.resolve(system, Map.of()).path());
	}

	@Test
	void homeFromTheEnvironmentWinsOverThePasswordDatabase() {
		assertEquals(Path.of("/tmp/dj/.local/share/orbit"),
				HomeResolution.resolve(linux("/home/dj"), Map.of("HOME", "/tmp/dj")).path());
		Properties system = linux("/home/dj");
		system.setProperty("orbit.home", "~/crates");
		assertEquals(Path.of("/tmp/dj/crates"), HomeResolution.resolve(system, Map.of("HOME", "/tmp/dj")).path());
		assertEquals(Path.of("/home/dj/.local/share/orbit"),
				HomeResolution.resolve(linux("/home/dj"), Map.of("HOME", "relative")).path(), "a relative HOME is no home");
	}

	@Test
	void linuxDefaultFollowsXdgDataHome() {
		assertEquals(Path.of("/data/dj/orbit"),
				HomeResolution.resolve(linux("/home/dj"), Map.of("XDG_DATA_HOME", "/data/dj")).path());
		assertEquals(Path.of("/home/dj/.local/share/orbit"), HomeResolution.resolve(linux("/home/dj"), Map.of()).path());
	}

	@Test
	void relativeXdgDataHomeIsIgnoredAsTheSpecRequires() {
		assertEquals(Path.of("/home/dj/.local/share/orbit"),
				HomeResolution.resolve(linux("/home/dj"), Map.of("XDG_DATA_HOME", "relative/dir")).path());
	}

	@Test
	void macAndWindowsDefaults() {
		Properties mac = linux("/Users/dj");
		mac.setProperty("os.name", "Mac OS X");
		assertEquals(Path.of("/Users/dj/Library/Application Support/ORBIT"), HomeResolution.resolve(mac, Map.of()).path());
		Properties windows = linux("/home/dj");
		windows.setProperty("os.name", "Windows 11");
		assertEquals(Path.of("/roaming/ORBIT").toAbsolutePath(),
				HomeResolution.resolve(windows, Map.of("APPDATA", "/roaming")).path());
	}
}
