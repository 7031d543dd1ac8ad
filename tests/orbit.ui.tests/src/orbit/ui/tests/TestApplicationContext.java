package orbit.ui.tests;

import java.util.Map;

import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;

/** What the Equinox launcher hands the workstation application: its arguments and branding. */
final class TestApplicationContext implements IApplicationContext {

	private final Map<String, Object> arguments;
	private final Map<String, String> branding;

	TestApplicationContext(String[] args, Map<String, String> branding) {
		this.arguments = Map.of(APPLICATION_ARGS, args);
		this.branding = branding;
	}

	@Override
	public Map<String, Object> getArguments() {
		return arguments;
	}

	@Override
	public void applicationRunning() {
		// no splash screen to take down
	}

	@Override
	public String getBrandingApplication() {
		return "org.eclipse.e4.ui.workbench.swt.E4Application";
	}

	@Override
	public String getBrandingName() {
		return "ORBIT";
	}

	@Override
	public String getBrandingDescription() {
		return "ORBIT";
	}

	@Override
	public String getBrandingId() {
		return "orbit.app.product";
	}

	@Override
	public String getBrandingProperty(String key) {
		return branding.get(key);
	}

	@Override
	public Bundle getBrandingBundle() {
		return null;
	}

	@Override
	public void setResult(Object result, org.eclipse.equinox.app.IApplication application) {
		// the test reads the result of start() directly
	}
}
