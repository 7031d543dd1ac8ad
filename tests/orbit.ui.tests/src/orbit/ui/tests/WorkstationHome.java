package orbit.ui.tests;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import orbit.core.DataDirectory;

/**
 * What every workstation test needs around it: the online providers' fakes on loopback (no test
 * reaches the network), and the system properties a test sets to point the workbench at its own
 * data directory put back afterwards, so the next test class starts from the same place.
 */
public final class WorkstationHome implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

	/** The properties the workstation tests set. */
	static final String[] PROPERTIES = { DataDirectory.HOME_PROPERTY, "orbit.upgrade.lock-try-ms" };

	private final Map<String, String> before = new HashMap<>();

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		UiFakes.start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		before.clear();
		for (String property : PROPERTIES) {
			before.put(property, System.getProperty(property));
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		before.forEach((property, value) -> {
			if (value == null) {
				System.clearProperty(property);
			} else {
				System.setProperty(property, value);
			}
		});
	}
}
