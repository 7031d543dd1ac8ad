package orbit.upgrade.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import orbit.core.ActionableException;
import orbit.core.DataDirectory;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeLedger;
import orbit.recovery.CrashRecoveryJournal;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TagWriter;

/**
 * The replacement of a track as one journaled operation, and its undo. Every move goes through
 * SafeWrite ({@link SafeWriteService#moveAtomic}: a rename on one volume, a verified copy across
 * volumes that deletes the source only once the copy is durable). Once the copy is staged beside
 * the track, recovery always goes forward; before, there is nothing to undo.
 */
final class Swap {

	/** The journal's operation type of upgrades and their undos. */
	static final String OPERATION = "Upgrade";

	/**
	 * Recovery takes higher priorities first: an upgrade comes after the SafeWrite operations it is
	 * made of (priority 0), so that a move or tag write a crash interrupted is settled before the
	 * upgrade goes on from the files they left.
	 */
	static final int PRIORITY = -1;

	/** Beside each upgraded track: the originals kept until the user purges them. */
	static final String KEPT_FOLDER = Library.ORBIT_WORK_PREFIX + "originals";

	private final CrashRecoveryJournal journal;
	private final SafeWriteService files;
	private final TagWriter tags;
	private final UpgradeLedger ledger;
	private final RelocationList relocations;

	Swap(CrashRecoveryJournal journal, SafeWriteService files, TagWriter tags, UpgradeLedger ledger, DataDirectory data) {
		this.journal = journal;
		this.files = files;
		this.tags = tags;
		this.ledger = ledger;
		this.relocations = new RelocationList(data.resolve(RelocationList.FILE));
	}

	/** The paths of an upgrade of {@code entry}'s track by {@code candidate}. */
	static SwapPlan plan(UpgradeCandidate candidate, LibraryEntry entry, String source) {
		Path old = Path.of(entry.filePath());
		Path dir = old.getParent();
		String name = old.getFileName().toString();
		String base = baseName(name);
		Path target = target(old, candidate.file());
		if (!target.equals(old) && Files.exists(target)) {
			throw new ActionableException("Cannot put the upgrade of #" + entry.id() + " at " + target
					+ ": a file is already there", "Move that file away, then run the upgrade again");
		}
		Path keptDir = dir.resolve(KEPT_FOLDER);
		Path kept = keptDir.resolve(name);
		for (int n = 2; Files.exists(kept); n++) {
			kept = keptDir.resolve(base + " (" + n + ")" + name.substring(base.length()));
		}
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Path staged = dir.resolve(Library.ORBIT_WORK_PREFIX + "upgrade-" + tag + "-" + target.getFileName());
		return new SwapPlan(SwapPlan.UPGRADE, candidate.id(), entry.id(), source, candidate.file().toString(),
				old.toString(), staged.toString(), target.toString(), kept.toString(), candidate.offsetMillis(),
				SwapPlan.PLANNED);
	}

	/** Refuses up front a copy across volumes that the track's volume has no room for. */
	static void checkSpace(SwapPlan plan) throws IOException {
		Path dir = plan.oldPath().getParent();
		if (Files.getFileStore(plan.candidatePath()).equals(Files.getFileStore(dir))) {
			return;
		}
		long needed = Files.size(plan.candidatePath());
		long free = Files.getFileStore(dir).getUsableSpace();
		if (free < needed + (1 << 20)) {
			throw new ActionableException(String.format(Locale.ROOT,
					"Not enough space for the upgrade on the volume of %s: it needs %,d MB and %,d MB are free", dir,
					(needed >> 20) + 1, free >> 20), "Free some space there, then run the upgrade again");
		}
	}

	/**
	 * Performs an upgrade; when it returns, the entry names the new file and the journal is clear.
	 *
	 * @return what the user should know of the tags carried over: each one the new file could not take
	 */
	List<String> upgrade(SwapPlan plan) {
		String id = journal.log(OPERATION, plan.oldPath(), plan.json(), PRIORITY);
		files.moveAtomic(plan.candidatePath(), plan.stagedPath());
		return forward(id, plan);
	}

	/**
	 * Finishes an upgrade whose copy is staged (or further): its tags, the original kept, the new
	 * file placed, the library told, the relocation listed, the journal cleared.
	 *
	 * @return the notes of the tags carried over (none when they were carried before a crash)
	 */
	List<String> forward(String id, SwapPlan plan) {
		List<String> notes = List.of();
		if (plan.phase().equals(SwapPlan.PLANNED)) {
			// Text, artwork, Serato's and Traktor's data. Mixxx keeps its cues in its own database and
			// imports Serato's from the file: carrying Serato's tags carries what Mixxx sees.
			notes = tags.carry(Files.exists(plan.keptPath()) ? plan.keptPath() : plan.oldPath(), plan.stagedPath()).notes();
			plan = plan.at(SwapPlan.STAGED);
			journal.update(id, plan.json());
		}
		if (!Files.exists(plan.keptPath())) {
			mkdirs(plan.keptPath().getParent());
			files.moveAtomic(plan.oldPath(), plan.keptPath());
		}
		// The moves need no journal update: which files exist says how far they got.
		if (Files.exists(plan.stagedPath())) {
			files.moveAtomic(plan.stagedPath(), plan.targetPath());
		}
		Instant now = Instant.now();
		ledger.upgraded(plan.candidateId(), plan.targetPath(), plan.oldPath(), plan.keptPath(), plan.source(), now);
		relocations.append(plan.old(), plan.target(), plan.offsetMillis(), now);
		journal.complete(id);
		return notes;
	}

	/** Puts the original back and the new file where it came from. */
	SwapPlan undo(UpgradeCandidate candidate) {
		if (candidate.keptOriginal() == null || !Files.exists(candidate.keptOriginal())) {
			throw new ActionableException("The original of upgrade " + candidate.id() + " is no longer kept"
					+ (candidate.keptOriginal() == null ? " (purged)" : " at " + candidate.keptOriginal()),
					"Nothing can be undone without it");
		}
		Path target = target(candidate.replacedFile(), candidate.file());
		Path back = candidate.file();
		if (Files.exists(back)) {
			back = candidate.keptOriginal().resolveSibling(Library.ORBIT_WORK_PREFIX + "undone-" + target.getFileName());
		}
		SwapPlan plan = new SwapPlan(SwapPlan.UNDO, candidate.id(), candidate.entryId(), candidate.upgradeSource(),
				back.toString(), candidate.replacedFile().toString(), null, target.toString(),
				candidate.keptOriginal().toString(), candidate.offsetMillis(), SwapPlan.PLANNED);
		String id = journal.log(OPERATION, plan.oldPath(), plan.json(), PRIORITY);
		undoForward(id, plan);
		return plan;
	}

	/** The new file moved back unless the original is already in place, then the original restored, then the library told. */
	void undoForward(String id, SwapPlan plan) {
		if (Files.exists(plan.keptPath())) {
			if (Files.exists(plan.targetPath()) && !Files.exists(plan.candidatePath())) {
				mkdirs(plan.candidatePath().getParent());
				files.moveAtomic(plan.targetPath(), plan.candidatePath());
			}
			files.moveAtomic(plan.keptPath(), plan.oldPath());
		}
		Instant now = Instant.now();
		ledger.undone(plan.candidateId(), now);
		// DJ applications that followed the upgrade follow its undo back, with the offset reversed
		relocations.append(plan.target(), plan.old(), plan.offsetMillis() == null ? null : -plan.offsetMillis(), now);
		journal.complete(id);
	}

	/** Where an upgrade puts the better copy: the replaced file's name with the copy's extension. */
	static Path target(Path replaced, Path candidate) {
		String from = candidate.getFileName().toString();
		String extension = from.substring(from.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		return replaced.resolveSibling(baseName(replaced.getFileName().toString()) + "." + extension);
	}

	private static String baseName(String name) {
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	private static void mkdirs(Path dir) {
		try {
			Files.createDirectories(dir);
		} catch (IOException e) {
			throw new ActionableException("Cannot make " + dir + " (" + e.getMessage() + ")",
					"Check that the track's folder is writable");
		}
	}
}
