package orbit.library;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The library's record of upgrades: candidates with their verdicts, deferrals, and the switch of
 * an entry to its new file, in {@code library.db}. Every change of an entry goes through the
 * library's one entry writer, with history rows whose source is the upgrade. A service.
 */
@ProviderType
public interface UpgradeLedger {

	/**
	 * Keeps a verdict on a candidate file: new, or replacing the last verdict on the same file,
	 * unless that one is done or the user rejected it (those records stay as they are).
	 */
	UpgradeCandidate keep(UpgradeCandidate candidate);

	/** Every candidate, newest first. */
	List<UpgradeCandidate> candidates();

	Optional<UpgradeCandidate> candidate(long id);

	/** The candidates kept for one entry, newest first (its upgrade history). */
	List<UpgradeCandidate> candidatesFor(long entryId);

	/** Deferred candidates whose retry time has come. */
	List<UpgradeCandidate> due(Instant now);

	/**
	 * The entry's track was held: the candidate waits until {@code retryAt}, naming who held it.
	 *
	 * @param source the run's approval, kept for the retry: {@link UpgradeCandidate#MANUAL} when the
	 *               user approved, {@link UpgradeCandidate#AUTO} otherwise
	 */
	UpgradeCandidate defer(long candidateId, Instant retryAt, String heldBy, String source);

	/**
	 * The user rejected the candidate: it is rejected with the reason, its source "Manual", and
	 * stays so when its file is judged again ({@link #keep} leaves it). A done upgrade is undone
	 * first; rejecting it changes nothing.
	 */
	UpgradeCandidate rejected(long candidateId, String reason);

	/** A run could not replace the track and changed nothing: the reason is kept. */
	UpgradeCandidate failed(long candidateId, String reason);

	/** The entries were looked at for upgrades: their {@code LastUpgradeScanAt}. */
	void upgradeScanned(Collection<Long> entryIds, Instant at);

	/**
	 * The candidate replaced its entry's track: the entry takes the new file (path, format, bitrate,
	 * size, read from it), {@code LastUpgradeAt} and {@code UpgradeSource}, with history rows;
	 * playlists that named the old path name the new one; the candidate is done. Idempotent: told
	 * twice (recovery), the second time changes nothing.
	 *
	 * @param source {@link UpgradeCandidate#AUTO} or {@link UpgradeCandidate#MANUAL}
	 */
	LibraryEntry upgraded(long candidateId, Path newFile, Path replacedFile, Path keptOriginal, String source,
			Instant at);

	/**
	 * The original is back in place of the upgrade: the entry takes its old file again, its
	 * {@code LastUpgradeAt} and {@code UpgradeSource} are cleared (it is no longer an upgraded
	 * file), with history rows, playlists follow, the candidate is undone. Idempotent.
	 */
	LibraryEntry undone(long candidateId, Instant at);

	/** The kept original of a done upgrade was deleted. */
	void purged(long candidateId);
}
