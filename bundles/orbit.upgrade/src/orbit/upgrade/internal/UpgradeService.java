package orbit.upgrade.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.audio.Codec;
import orbit.core.ActionableException;
import orbit.core.DataDirectory;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.ScanProgress;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeLedger;
import orbit.library.UpgradeState;
import orbit.recovery.CrashRecoveryJournal;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TagWriter;
import orbit.upgrade.CandidateSource;
import orbit.upgrade.FileHolder;
import orbit.upgrade.FileHolders;
import orbit.upgrade.RunOutcome;
import orbit.upgrade.Upgrades;

/** {@link Upgrades}: verdicts by {@link CandidateJudge}, the pre-flight by {@link FileHolders}, the swap by {@link Swap}. */
@Component
public class UpgradeService implements Upgrades {

	private static final Logger LOG = LoggerFactory.getLogger(UpgradeService.class);

	@Reference
	private Library library;

	@Reference
	private UpgradeLedger ledger;

	@Reference
	private AudioDecoder decoder;

	@Reference
	private AudioAnalysis analysis;

	@Reference
	private FileHolders holders;

	@Reference
	private CrashRecoveryJournal journal;

	@Reference
	private SafeWriteService files;

	@Reference
	private TagWriter tags;

	@Reference
	private DataDirectory data;

	private final List<CandidateSource> sources = new CopyOnWriteArrayList<>();

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addSource(CandidateSource source) {
		sources.add(source);
	}

	void removeSource(CandidateSource source) {
		sources.remove(source);
	}

	/** Between two looks at a held track (seed 000: three looks, one second apart). */
	private final long lockTryMillis = Long.getLong("orbit.upgrade.lock-try-ms", 1000);

	@Override
	public List<UpgradeCandidate> find(List<Path> folders, ScanProgress progress) {
		List<Path> roots = folders.isEmpty()
				? sources.stream().flatMap(s -> s.folders().stream()).filter(Files::isDirectory).toList()
				: folders;
		if (roots.isEmpty()) {
			throw new ActionableException("No folder to look in for better copies",
					"Name one ('upgrade find DIR'), or set incoming folders in the preferences (orbit.upgrade.incoming)");
		}
		Set<Path> done = ledger.candidates().stream().filter(c -> c.state() == UpgradeState.DONE)
				.map(UpgradeCandidate::file).collect(Collectors.toSet());
		List<Path> found = new ArrayList<>();
		for (Path root : roots) {
			found.addAll(audioFiles(root));
		}
		found.removeIf(done::contains);
		progress.filesFound(found.size());
		CandidateJudge judge = new CandidateJudge(library, decoder, analysis);
		List<UpgradeCandidate> kept = new ArrayList<>();
		Set<Long> looked = new HashSet<>();
		for (int i = 0; i < found.size() && !progress.isCancelled(); i++) {
			UpgradeCandidate candidate = ledger.keep(judge.judge(found.get(i)));
			kept.add(candidate);
			if (candidate.entryId() != null) {
				looked.add(candidate.entryId());
			}
			progress.fileDone(i + 1, found.size());
		}
		ledger.upgradeScanned(looked, Instant.now());
		return kept;
	}

	/** Audio files under a folder (or the file itself), ORBIT's own work passed over. */
	private static List<Path> audioFiles(Path root) {
		Path absolute = root.toAbsolutePath().normalize();
		if (!Files.exists(absolute)) {
			throw new ActionableException(absolute + " does not exist", "Name a folder of better copies");
		}
		List<Path> found = new ArrayList<>();
		try {
			Files.walkFileTree(absolute, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					return Library.isOrbitWork(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					String name = file.getFileName().toString();
					int dot = name.lastIndexOf('.');
					if (attrs.isRegularFile() && dot > 0 && Codec.ofExtension(name.substring(dot + 1)) != null
							&& !Library.isOrbitWork(file)) {
						found.add(file);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException e) {
					return FileVisitResult.CONTINUE;
				}
			});
		} catch (IOException e) {
			throw new ActionableException("Cannot look in " + absolute + " (" + e.getMessage() + ")",
					"Check that the folder is readable");
		}
		found.sort(null);
		return found;
	}

	@Override
	public List<UpgradeCandidate> list() {
		return ledger.candidates();
	}

	@Override
	public List<RunOutcome> run(List<Long> candidateIds, boolean dryRun, boolean approve) {
		List<UpgradeCandidate> chosen = new ArrayList<>();
		if (candidateIds.isEmpty()) {
			Instant now = Instant.now();
			for (UpgradeCandidate c : ledger.candidates()) {
				if (c.state() == UpgradeState.READY
						|| c.state() == UpgradeState.DEFERRED && !c.nextRetryAt().isAfter(now)) {
					chosen.add(c);
				}
			}
		} else {
			for (long id : candidateIds) {
				chosen.add(ledger.candidate(id).orElseThrow(
						() -> new ActionableException("There is no upgrade candidate " + id, "See 'upgrade list'")));
			}
		}
		List<RunOutcome> outcomes = new ArrayList<>();
		for (UpgradeCandidate candidate : chosen) {
			outcomes.add(runOne(candidate, dryRun, approve));
		}
		return outcomes;
	}

	private RunOutcome runOne(UpgradeCandidate candidate, boolean dryRun, boolean approve) {
		if (candidate.state() != UpgradeState.READY && candidate.state() != UpgradeState.DEFERRED
				&& candidate.state() != UpgradeState.FAILED) {
			return new RunOutcome(candidate, RunOutcome.Kind.SKIPPED, "not ready: " + candidate.reason());
		}
		if (candidate.state() == UpgradeState.FAILED && candidate.confidence() == null) {
			return new RunOutcome(candidate, RunOutcome.Kind.SKIPPED, "not verified: run 'upgrade find' on it again");
		}
		LibraryEntry entry = candidate.entryId() == null ? null : library.entry(candidate.entryId()).orElse(null);
		if (entry == null) {
			return fail(candidate, "its library track is gone");
		}
		boolean gold = entry.integrityLevel() == IntegrityLevel.GOLD;
		// A deferred upgrade keeps the approval of the run that deferred it.
		approve |= candidate.state() == UpgradeState.DEFERRED && UpgradeCandidate.MANUAL.equals(candidate.upgradeSource());
		if (!gold && !approve) {
			return new RunOutcome(candidate, RunOutcome.Kind.NEEDS_APPROVAL, String.format(Locale.ROOT,
					"needs approval: #%d is %s, not Gold (run it with --approve)", entry.id(),
					entry.integrityLevel().name().charAt(0) + entry.integrityLevel().name().substring(1).toLowerCase(Locale.ROOT)));
		}
		String source = approve ? UpgradeCandidate.MANUAL : UpgradeCandidate.AUTO;
		Path track = Path.of(entry.filePath());
		if (!Files.exists(candidate.file())) {
			return fail(candidate, "the candidate file is gone: " + candidate.file());
		}
		if (!Files.exists(track)) {
			return fail(candidate, "the track's file is missing: " + track);
		}
		SwapPlan plan;
		try {
			plan = Swap.plan(candidate, entry, source);
			Swap.checkSpace(plan);
		} catch (ActionableException | IOException e) {
			return fail(candidate, e.getMessage());
		}
		if (dryRun) {
			return new RunOutcome(candidate, RunOutcome.Kind.WOULD_UPGRADE, "would replace " + track + " with "
					+ plan.target() + " (" + candidate.reason() + "), keeping the original at " + plan.kept());
		}
		List<FileHolder> held = heldAfterWaiting(track);
		if (!held.isEmpty()) {
			Instant retry = Instant.now().plus(DEFERRAL);
			String who = held.stream().map(FileHolder::sentence).collect(Collectors.joining("; "));
			UpgradeCandidate deferred = ledger.defer(candidate.id(), retry, who, source);
			return new RunOutcome(deferred, RunOutcome.Kind.DEFERRED, "deferred until " + retry + ": " + who);
		}
		List<String> notes;
		try {
			notes = new Swap(journal, files, tags, ledger, data).upgrade(plan);
		} catch (ActionableException e) {
			// Before the copy is staged nothing changed; after, recovery finishes the upgrade at the next start.
			return fail(candidate, e.getMessage());
		}
		UpgradeCandidate done = ledger.candidate(candidate.id()).orElseThrow();
		return new RunOutcome(done, RunOutcome.Kind.UPGRADED, "replaced " + track + " with " + plan.target()
				+ " (original kept at " + plan.kept() + ")" + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
	}

	/** The track's holders after {@link #LOCK_TRIES} looks, one second apart: transient ones have gone. */
	private List<FileHolder> heldAfterWaiting(Path track) {
		List<FileHolder> held = List.of();
		for (int attempt = 1; attempt <= LOCK_TRIES; attempt++) {
			try {
				held = holders.holders(track);
			} catch (IOException e) {
				throw new ActionableException("Cannot check who holds " + track + " (" + e.getMessage() + ")",
						"Check that the file is readable");
			}
			if (held.isEmpty() || attempt == LOCK_TRIES) {
				break;
			}
			try {
				Thread.sleep(lockTryMillis);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return held;
	}

	private RunOutcome fail(UpgradeCandidate candidate, String reason) {
		return new RunOutcome(ledger.failed(candidate.id(), "failed: " + reason), RunOutcome.Kind.FAILED, reason);
	}

	@Override
	public UpgradeCandidate reject(long candidateId) {
		UpgradeCandidate candidate = ledger.candidate(candidateId)
				.orElseThrow(() -> new ActionableException("There is no upgrade candidate " + candidateId, "See 'upgrade list'"));
		if (candidate.state() == UpgradeState.DONE) {
			throw new ActionableException("Upgrade " + candidateId + " is done; rejecting it would not bring the original back",
					"Undo it first ('upgrade undo " + candidateId + "'), then reject it");
		}
		return ledger.rejected(candidateId, UpgradeCandidate.REJECTED_BY_USER);
	}

	@Override
	public RunOutcome undo(long candidateId) {
		UpgradeCandidate candidate = ledger.candidate(candidateId)
				.orElseThrow(() -> new ActionableException("There is no upgrade candidate " + candidateId, "See 'upgrade list'"));
		if (candidate.state() != UpgradeState.DONE) {
			throw new ActionableException("Upgrade " + candidateId + " is " + candidate.state().label() + ", not done",
					"Only a done upgrade can be undone");
		}
		SwapPlan plan = new Swap(journal, files, tags, ledger, data).undo(candidate);
		return new RunOutcome(ledger.candidate(candidateId).orElseThrow(), RunOutcome.Kind.UNDONE,
				"restored " + plan.old() + "; the upgraded copy is back at " + plan.candidate());
	}

	/** How often the retry Job looks for deferred upgrades that are due. */
	static final java.time.Duration RETRY_EVERY = java.time.Duration.ofMinutes(1);

	/** Made when the workstation asks for it: a command never starts the Job framework for nothing. */
	private Job retries;

	@Override
	public synchronized void scheduleRetries() {
		if (retries == null) {
			retries = new Job("Retrying deferred upgrades") {
				@Override
				protected IStatus run(IProgressMonitor monitor) {
					for (UpgradeCandidate due : ledger.due(Instant.now())) {
						if (monitor.isCanceled()) {
							return Status.CANCEL_STATUS;
						}
						LOG.info("Deferred upgrade {}: {}", due.id(), runOne(due, false, false).detail());
					}
					schedule(RETRY_EVERY.toMillis());
					return Status.OK_STATUS;
				}
			};
			retries.setSystem(true);
			retries.setPriority(Job.DECORATE);
		}
		retries.schedule();
	}

	@Deactivate
	synchronized void deactivate() {
		if (retries != null) {
			retries.cancel();
		}
	}

	@Override
	public int purge() {
		int purged = 0;
		for (UpgradeCandidate c : ledger.candidates()) {
			if (c.state() == UpgradeState.DONE && c.keptOriginal() != null) {
				try {
					Files.deleteIfExists(c.keptOriginal());
					deleteIfEmpty(c.keptOriginal().getParent());
				} catch (IOException e) {
					throw new ActionableException("Cannot delete " + c.keptOriginal() + " (" + e.getMessage() + ")",
							"Check the folder's permissions");
				}
				ledger.purged(c.id());
				purged++;
			}
		}
		return purged;
	}

	private static void deleteIfEmpty(Path dir) throws IOException {
		try (var entries = Files.list(dir)) {
			if (entries.findAny().isEmpty()) {
				Files.delete(dir);
			}
		}
	}
}
