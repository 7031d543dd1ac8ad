package orbit.safewrite;

import orbit.core.ActionableException;

/** A write or move that did not happen; the original (or the source) is untouched. */
public class SafeWriteException extends ActionableException {

	private static final long serialVersionUID = 1L;

	/** Why it did not happen. */
	public enum Reason {
		/** The volume cannot hold the new content. */
		DISK_FULL,
		/** The directory or volume refuses writes. */
		NOT_WRITABLE,
		/** The new content failed verification. */
		VERIFICATION_FAILED,
		/** The file to replace disappeared while the new content was written. */
		TARGET_VANISHED,
		/** The move's target already exists. */
		TARGET_EXISTS,
		/** The file to move or edit does not exist. */
		SOURCE_MISSING,
		/** Another writer held the file for too long, or the wait for it was interrupted. */
		BUSY,
		/** The thread doing the write was interrupted (a cancelled job, a closing window). */
		INTERRUPTED,
		/** The file was replaced, but a {@link ReplacementListener} could not record it (recovery retries). */
		NOT_RECORDED,
		/** Any other input/output failure. */
		IO
	}

	private final Reason reason;

	public SafeWriteException(Reason reason, String problem, String remedy, Throwable cause) {
		super(problem, remedy, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
