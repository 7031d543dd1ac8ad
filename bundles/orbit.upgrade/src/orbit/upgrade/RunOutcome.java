package orbit.upgrade;

import orbit.library.UpgradeCandidate;

/**
 * What a run (or an undo) did with one candidate.
 *
 * @param candidate the candidate as it now stands
 * @param kind      what happened
 * @param detail    the sentence to print: "replaced ... (original kept at ...)", "deferred until ...: ...",
 *                  "needs approval: #12 is Silver (run with --approve)"
 */
public record RunOutcome(UpgradeCandidate candidate, Kind kind, String detail) {

	public enum Kind {
		UPGRADED, WOULD_UPGRADE, DEFERRED, NEEDS_APPROVAL, SKIPPED, FAILED, UNDONE
	}
}
