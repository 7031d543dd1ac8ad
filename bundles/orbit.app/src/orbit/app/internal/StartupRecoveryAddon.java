package orbit.app.internal;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import orbit.recovery.StartupRecovery;
import orbit.upgrade.Upgrades;

/**
 * Starts crash recovery when the workstation starts: as a background Job, so the window never
 * waits for it, scheduled from the UI's event loop, so that every view and addon is there to hear
 * what it did (the recovery toast, the dead letters). The command line runs it only on request
 * ({@code orbit recover}). Retries of deferred upgrades start with it, as a background Job too.
 */
public class StartupRecoveryAddon {

	@Inject
	@Optional
	@Service
	StartupRecovery recovery;

	@Inject
	@Optional
	@Service
	Upgrades upgrades;

	@PostConstruct
	void start(UISynchronize ui) {
		if (recovery != null) {
			ui.asyncExec(recovery::schedule);
		}
		if (upgrades != null) {
			upgrades.scheduleRetries();
		}
	}
}
