package orbit.library;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives a scan's progress and may cancel it; an Eclipse Job or a progress bar adapts it. */
@ConsumerType
public interface ScanProgress {

	ScanProgress NONE = new ScanProgress() {
	};

	/** Called once the folder has been walked. */
	default void filesFound(int total) {
	}

	/** Called after each audio file, read or skipped. */
	default void fileDone(int done, int total) {
	}

	default boolean isCancelled() {
		return false;
	}
}
