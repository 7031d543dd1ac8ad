package orbit.library;

/** Where a candidate for replacing a library track stands. */
public enum UpgradeState {
	/** Verified: the same recording, genuinely better; waits for a run (and, unless Gold, approval). */
	READY("Ready", "ready"),
	/** Not a better copy of its track, with the reason. */
	REJECTED("Rejected", "rejected"),
	/** The track was held by another process; retried at NextRetryTime. */
	DEFERRED("Deferred", "deferred (locked)"),
	/** The candidate replaced the track; the original is kept until purged. */
	DONE("Done", "done"),
	/** An upgrade the user undid: the original is back. */
	UNDONE("Undone", "undone"),
	/** The replacement failed and nothing changed; the reason says why. */
	FAILED("Failed", "failed");

	private final String stored;
	private final String label;

	UpgradeState(String stored, String label) {
		this.stored = stored;
		this.label = label;
	}

	/** The value of {@code UpgradeCandidates.State}. */
	public String stored() {
		return stored;
	}

	/** As a list shows it: "deferred (locked)". */
	public String label() {
		return label;
	}

	public static UpgradeState ofStored(String value) {
		for (UpgradeState state : values()) {
			if (state.stored.equals(value)) {
				return state;
			}
		}
		throw new IllegalArgumentException("no upgrade state " + value);
	}
}
