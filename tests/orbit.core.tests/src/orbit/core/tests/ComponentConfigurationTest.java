package orbit.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import orbit.core.ActionableException;
import orbit.core.ComponentConfiguration;

/** Typed configurations: the type's defaults, DS's key names, and -D<pid>.<key> for one launch. */
class ComponentConfigurationTest {

	/** Stands for a component's configuration type. */
	public @interface Sample {
		String url() default "https://music.example";

		int requests() default 50;

		long window$_$ms() default 5_000;

		boolean strict() default false;

		double ratio_of__parts() default 0.5;

		String price$$() default "free";
	}

	private static final List<String> SET = List.of("orbit.sample.url", "orbit.sample.requests", "orbit.sample.window-ms",
			"orbit.shared.window-ms", "orbit.sample.strict");

	@AfterEach
	void clear() {
		SET.forEach(System::clearProperty);
	}

	@Test
	void theDefaultsAreTheTypesOwn() {
		Sample defaults = ComponentConfiguration.defaults(Sample.class);
		assertEquals("https://music.example", defaults.url());
		assertEquals(50, defaults.requests());
		assertEquals(5_000, defaults.window$_$ms());
		assertEquals(Sample.class, defaults.annotationType());
	}

	@Test
	void keysAreNamedAsDeclarativeServicesNamesThem() throws Exception {
		assertEquals("window-ms", ComponentConfiguration.key(Sample.class.getMethod("window$_$ms")));
		assertEquals("ratio.of_parts", ComponentConfiguration.key(Sample.class.getMethod("ratio_of__parts")));
		assertEquals("price$", ComponentConfiguration.key(Sample.class.getMethod("price$$")));
	}

	@Test
	void aLaunchPropertyWinsForItsKeyAndTheLastPidWins() {
		Sample configured = ComponentConfiguration.defaults(Sample.class);
		assertSame(configured, ComponentConfiguration.withLaunchProperties(configured, "orbit.shared", "orbit.sample"),
				"nothing set, nothing changed");
		System.setProperty("orbit.sample.url", "http://127.0.0.1:8080");
		System.setProperty("orbit.sample.requests", " 7 ");
		System.setProperty("orbit.shared.window-ms", "100");
		System.setProperty("orbit.sample.strict", "true");
		Sample launched = ComponentConfiguration.withLaunchProperties(configured, "orbit.shared", "orbit.sample");
		assertEquals("http://127.0.0.1:8080", launched.url());
		assertEquals(7, launched.requests());
		assertEquals(100, launched.window$_$ms());
		assertEquals(true, launched.strict());
		assertEquals(0.5, launched.ratio_of__parts(), "not set: the configured value");
		System.setProperty("orbit.sample.window-ms", "200");
		assertEquals(200, ComponentConfiguration.withLaunchProperties(configured, "orbit.shared", "orbit.sample")
				.window$_$ms());
	}

	@Test
	void aValueOfTheWrongTypeSaysWhichPropertyToFix() {
		System.setProperty("orbit.sample.requests", "many");
		ActionableException wrong = assertThrows(ActionableException.class,
				() -> ComponentConfiguration.withLaunchProperties(ComponentConfiguration.defaults(Sample.class), "orbit.sample"));
		assertEquals("-Dorbit.sample.requests=many is not a whole number", wrong.problem());
	}
}
