package orbit.recovery;

/** What a {@link RecoveryHandler} did with a checkpoint. */
public record RecoveryOutcome(Kind kind, String detail) {

	public enum Kind {
		/** The operation was finished or safely undone: the checkpoint is completed. */
		RECOVERED,
		/** The files already were as they should be: the checkpoint is completed, no work is reported. */
		NOTHING_TO_DO,
		/** The operation goes on (a download re-queued): the checkpoint stays, without a strike. */
		RESUMED,
		/** Recovery did not succeed this time: a strike; the checkpoint stays. */
		FAILED,
		/** Only this checkpoint's files hold the data: it must not be dropped; the user is told. */
		DATA_AT_RISK
	}

	public static RecoveryOutcome recovered(String detail) {
		return new RecoveryOutcome(Kind.RECOVERED, detail);
	}

	public static RecoveryOutcome nothingToDo(String detail) {
		return new RecoveryOutcome(Kind.NOTHING_TO_DO, detail);
	}

	public static RecoveryOutcome resumed(String detail) {
		return new RecoveryOutcome(Kind.RESUMED, detail);
	}

	public static RecoveryOutcome failed(String detail) {
		return new RecoveryOutcome(Kind.FAILED, detail);
	}

	public static RecoveryOutcome dataAtRisk(String detail) {
		return new RecoveryOutcome(Kind.DATA_AT_RISK, detail);
	}
}
