package orbit.app.internal;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.recovery.StartupRecovery;

/**
 * Starts crash recovery when the workstation starts: as a background Job, so the window never
 * waits for it. The command line runs it only on request ({@code orbit recover}).
 */
public class StartupRecoveryAddon {

	@Inject
	@Optional
	@Service
	StartupRecovery recovery;

	@PostConstruct
	void start() {
		if (recovery != null) {
			recovery.schedule();
		}
	}
}
