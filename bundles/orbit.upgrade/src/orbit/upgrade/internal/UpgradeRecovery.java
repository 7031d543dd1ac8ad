package orbit.upgrade.internal;

import java.nio.file.Files;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.DataDirectory;
import orbit.library.UpgradeLedger;
import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TagWriter;

/**
 * Recovers upgrades and undos a crash interrupted. An upgrade whose copy is not yet staged beside
 * the track changed nothing (SafeWrite's own recovery settles a copy across volumes that was under
 * way); one whose copy is staged goes forward to the new state. An undo always goes forward.
 */
@Component(service = RecoveryHandler.class)
public class UpgradeRecovery implements RecoveryHandler {

	@Reference
	private CrashRecoveryJournal journal;

	@Reference
	private SafeWriteService files;

	@Reference
	private TagWriter tags;

	@Reference
	private UpgradeLedger ledger;

	@Reference
	private DataDirectory data;

	@Override
	public String operationType() {
		return Swap.OPERATION;
	}

	@Override
	public String displayName() {
		return "upgrade";
	}

	@Override
	public RecoveryOutcome recover(Checkpoint checkpoint) {
		SwapPlan plan = SwapPlan.parse(checkpoint.stateJson());
		Swap swap = new Swap(journal, files, tags, ledger, data);
		try {
			if (plan.kind().equals(SwapPlan.UNDO)) {
				swap.undoForward(checkpoint.id(), plan);
				return RecoveryOutcome.recovered("finished undoing the upgrade of " + plan.old());
			}
			if (plan.phase().equals(SwapPlan.PLANNED) && !Files.exists(plan.stagedPath())) {
				return RecoveryOutcome.recovered("the upgrade of " + plan.old() + " had not begun; the track is as it was");
			}
			List<String> notes = swap.forward(checkpoint.id(), plan);
			return RecoveryOutcome.recovered("finished the upgrade of " + plan.old() + " to " + plan.target()
					+ (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
		} catch (RuntimeException e) {
			return RecoveryOutcome.failed("the upgrade of " + plan.old() + " could not be finished: " + e.getMessage());
		}
	}

	@Override
	public RecoveryOutcome abandon(Checkpoint checkpoint) {
		// Its files are the user's music: never dropped, whatever its age.
		return recover(checkpoint);
	}
}
