package orbit.upgrade.tests;

import java.nio.file.Path;
import java.util.List;

import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;

/** The process the upgrade crash campaign kills: upgrades one track, undoes it, upgrades it again ... */
public final class UpgradeCrashChild {

	private UpgradeCrashChild() {
	}

	public static void main(String[] args) {
		Wiring wiring = new Wiring(Path.of(args[0]));
		long id = Long.parseLong(args[1]);
		boolean ready = false;
		for (;;) {
			UpgradeCandidate c = wiring.ledger.candidate(id).orElseThrow();
			if (c.state() == UpgradeState.DONE) {
				wiring.upgrades.undo(id);
			} else {
				if (c.state() != UpgradeState.READY) {
					wiring.ledger.keep(UpgradeCandidate.found(c.file(), c.entryId(), c.format(), c.bitrate(),
							c.bitsPerSample(), c.sampleRate(), c.durationSeconds(), UpgradeState.READY, c.reason(),
							c.confidence(), c.offsetMillis()));
				}
				wiring.upgrades.run(List.of(id), false, true);
			}
			if (!ready) {
				// After one whole step: the kills land in steady-state work, not in class loading.
				System.out.println("ready");
				System.out.flush();
				ready = true;
			}
		}
	}
}
