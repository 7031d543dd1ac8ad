package orbit.upgrade;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import orbit.library.ScanProgress;
import orbit.library.UpgradeCandidate;

/**
 * Replacing library tracks with better copies of the same recording. A service.
 *
 * <p>{@link #find} matches files to entries by their tags and length, then decides with the audio
 * itself: the same recording (a confidence and an offset), genuinely lossless or a transcode,
 * and a real gain in quality. {@link #run} replaces a track only after a pre-flight check that no
 * other process holds it, as one journaled operation: the new file placed beside the old one
 * through SafeWrite with the old file's tags, the old one moved into a kept-originals folder on
 * its volume ({@code .orbit-originals} beside it), the library entry and playlists switched. A
 * crash at any point leaves, after recovery, the old state or the new one.
 */
@ProviderType
public interface Upgrades {

	/** Attempts before a held track is deferred, one second apart (seed 000). */
	int LOCK_TRIES = 3;

	/** How long a deferred upgrade waits before it is tried again (seed 000). */
	java.time.Duration DEFERRAL = java.time.Duration.ofMinutes(5);

	/**
	 * Looks at every audio file under the folders (or, for none, the {@link CandidateSource}s')
	 * and keeps a verdict on each; files already upgraded are passed over.
	 */
	List<UpgradeCandidate> find(List<Path> folders, ScanProgress progress);

	/** Every candidate, newest first. */
	List<UpgradeCandidate> list();

	/**
	 * Upgrades the given candidates, or every ready one and every deferred one that is due.
	 *
	 * @param dryRun  say what would be done, change nothing
	 * @param approve the user approves entries that are not Gold (recorded as "Manual"); without it
	 *                only Gold entries are upgraded (recorded as "Auto")
	 */
	List<RunOutcome> run(List<Long> candidateIds, boolean dryRun, boolean approve);

	/**
	 * The user rejects a candidate: it is never run, and a later {@link #find} leaves it rejected.
	 *
	 * @throws orbit.core.ActionableException when there is no such candidate, or it is done (undo it first)
	 */
	UpgradeCandidate reject(long candidateId);

	/**
	 * Puts a done upgrade's original back, bit-identical; the new file goes back where it came from
	 * (or beside the kept originals when that path is taken again), which the outcome says.
	 */
	RunOutcome undo(long candidateId);

	/** Deletes the kept originals of done upgrades; returns how many. */
	int purge();

	/**
	 * Schedules a low-priority background Job that retries deferred upgrades when they are due,
	 * every minute while ORBIT runs (the workstation starts it; a command does not).
	 */
	void scheduleRetries();
}
