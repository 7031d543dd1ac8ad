package orbit.download;

/** Where a download is. */
public enum DownloadState {
	QUEUED, RUNNING,
	/** No byte arrived for the configured number of heartbeat checks; it will be retried. */
	STALLED,
	/** Waiting before the next attempt, which resumes where the bytes stopped. */
	RETRYING,
	/** Verifying and moving into place; no heartbeat touches it any more. */
	FINALIZING, COMPLETED, FAILED, CANCELLED;

	public boolean finished() {
		return this == COMPLETED || this == FAILED || this == CANCELLED;
	}
}
