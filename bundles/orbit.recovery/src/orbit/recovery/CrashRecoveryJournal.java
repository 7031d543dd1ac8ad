package orbit.recovery;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The journal of intent: an SQLite file ({@code journal.db} in the data directory) in WAL mode
 * with {@code synchronous=FULL}, on one dedicated connection. {@link #log}, {@link #update} and
 * {@link #complete} are on disk when they return; {@link #heartbeat} is buffered.
 */
@ProviderType
public interface CrashRecoveryJournal {

	/** Progress that moved less than this since the last journaled value is not written. */
	long HEARTBEAT_THRESHOLD_BYTES = 1024;

	/** Records the intent of an operation before its first destructive step; returns its id. */
	String log(String operationType, Path target, String stateJson, int priority);

	/** Replaces the state of a checkpoint (a new phase of the operation). */
	void update(String id, String stateJson);

	/**
	 * Notes progress. Skipped when it moved less than {@link #HEARTBEAT_THRESHOLD_BYTES} since the
	 * last written value; otherwise buffered and written with others in one transaction.
	 */
	void heartbeat(String id, long progress);

	/** Writes the buffered heartbeats now, in one transaction. */
	void flush();

	/** The operation finished: its checkpoint is removed. */
	void complete(String id);

	List<Checkpoint> active();

	List<DeadLetter> deadLetters();

	/** The append-only, fsynced text log of every dead letter, for the user to read. */
	Path deadLetterLog();

	/** Resets a dead letter's strikes and returns it to the active queue. */
	void retry(String deadLetterId);

	/** Durable statements executed so far (for the heartbeat and benchmark accounting). */
	long writes();
}
