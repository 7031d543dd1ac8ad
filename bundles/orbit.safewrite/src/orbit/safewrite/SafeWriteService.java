package orbit.safewrite;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Atomic, durable, verified file writes. One writer per path at a time: a second writer on the
 * same file waits for the first, then works on its result.
 */
@ProviderType
public interface SafeWriteService {

	/** Below this much free space a write still happens but the outcome says space is low. */
	long LOW_SPACE_BYTES = 100L * 1024 * 1024;

	/** Journal operation types, recovered by SafeWrite's own recovery handlers. */
	String FILE_WRITE = "FileWrite";
	String TAG_WRITE = "TagWrite";
	String CROSS_VOLUME_MOVE = "CrossVolumeMove";

	/**
	 * Replaces {@code target} with what {@code writer} produces on a temp file in the same
	 * directory, once that file is durable and {@code verifier} accepts it. The target keeps its
	 * modification time (and creation time where the file system records one).
	 *
	 * @throws SafeWriteException when nothing was replaced; the target is as it was
	 */
	default WriteOutcome writeAtomic(Path target, WriteMode mode, TempWriter writer, TempVerifier verifier) {
		return writeAtomic(FILE_WRITE, target, mode, writer, verifier);
	}

	/**
	 * As {@link #writeAtomic(Path, WriteMode, TempWriter, TempVerifier)}, journaled under the
	 * given operation type ({@link #TAG_WRITE} for tag writes) so that recovery reports it by name.
	 */
	WriteOutcome writeAtomic(String operationType, Path target, WriteMode mode, TempWriter writer, TempVerifier verifier);

	/**
	 * Moves {@code source} to {@code target} (which must not exist). On one volume this is a
	 * rename; across volumes a copy to a temp name beside the target, fsynced and verified by
	 * size and SHA-256, renamed into place, and only then is the source deleted.
	 *
	 * @throws SafeWriteException when the move did not happen; the source is untouched
	 */
	MoveOutcome moveAtomic(Path source, Path target);
}
