package orbit.safewrite;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told that SafeWrite has put new content in place of a file, within the same journaled
 * operation: after the replacement is durable and before the operation leaves the journal. A
 * crash in between makes recovery tell it again, so one replacement may be told twice and a
 * listener must be idempotent (the library re-reads the file's tags, for instance).
 *
 * <p>A whiteboard service: every registered listener is told. A listener that throws keeps the
 * operation in the journal; the caller learns the file was replaced but not recorded, and
 * recovery tells the listener again at the next start.
 */
@ConsumerType
public interface ReplacementListener {

	/**
	 * @param operationType the journal operation, e.g. {@link SafeWriteService#TAG_WRITE}
	 * @param file          the replaced file, absolute and normalised
	 */
	void replaced(String operationType, Path file) throws Exception;
}
