package orbit.updates;

import org.osgi.annotation.versioning.ConsumerType;

/** Progress of a check, an installation or a revert: {@code done} of {@code total} work, and what is being done. */
@ConsumerType
@FunctionalInterface
public interface UpdateProgress {

	UpdateProgress NONE = (done, total, task) -> {
	};

	void worked(int done, int total, String task);
}
