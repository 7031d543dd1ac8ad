package orbit.safewrite.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.Sha256;

/**
 * Finishes or undoes SafeWrite's operations after a crash, at every point of the design's table:
 * during the write (the unfinished temp is removed), after it (a verified temp replaces the
 * target), during the swap (the rename completes), after it (only the checkpoint is left).
 * Idempotent: a second run finds nothing to do. Never deletes the only copy of the data.
 */
public abstract class SafeWriteRecovery implements RecoveryHandler {

	private final String type;
	private final String name;
	private final Services services;

	SafeWriteRecovery(String type, String name, Services services) {
		this.type = type;
		this.name = name;
		this.services = services;
	}

	/** The handler of {@code type} outside DS (a separate process in the crash tests). */
	public static SafeWriteRecovery of(String type, CrashRecoveryJournal journal) {
		Services services = new Services(journal);
		return switch (type) {
		case SafeWriteService.TAG_WRITE -> new TagWrites(services);
		case SafeWriteService.CROSS_VOLUME_MOVE -> new Moves(services);
		default -> new FileWrites(services);
		};
	}

	/** What every SafeWrite recovery handler uses, referenced once for the three of them. */
	@Component(service = Services.class)
	public static class Services {
		/** To tell an orphaned temp file from one a pending checkpoint still owns. */
		@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
		volatile CrashRecoveryJournal journal;
		/** Told again of a replacement a crash may have kept from them; null outside DS. */
		@Reference
		ReplacementListeners listeners;

		public Services() {
		}

		Services(CrashRecoveryJournal journal) {
			this.journal = journal;
		}
	}

	/** The temp files that active SafeWrite checkpoints still own. */
	private Set<Path> ownedTemps() {
		CrashRecoveryJournal j = services.journal;
		if (j == null) {
			return null;
		}
		Set<Path> owned = new java.util.HashSet<>();
		for (Checkpoint c : j.active()) {
			if (c.operationType().equals(SafeWriteService.FILE_WRITE) || c.operationType().equals(SafeWriteService.TAG_WRITE)
					|| c.operationType().equals(SafeWriteService.CROSS_VOLUME_MOVE)) {
				owned.add(WriteIntent.parse(c.stateJson()).tempPath());
			}
		}
		return owned;
	}

	@Override
	public String operationType() {
		return type;
	}

	@Override
	public String displayName() {
		return name;
	}

	@Override
	public RecoveryOutcome recover(Checkpoint checkpoint) {
		WriteIntent intent = WriteIntent.parse(checkpoint.stateJson());
		try {
			RecoveryOutcome outcome = intent.kind().equals(WriteIntent.MOVE) ? recoverMove(intent)
					: recoverWrite(intent, type, services.listeners);
			Set<Path> owned = ownedTemps();
			if (owned != null) {
				owned.remove(intent.tempPath());
				sweepOrphans(intent.targetPath().getParent(), owned);
			}
			return outcome;
		} catch (IOException e) {
			return RecoveryOutcome.failed(e.getMessage());
		}
	}

	/** Too old to trust its phase any further than the files prove: the same safe decisions. */
	@Override
	public RecoveryOutcome abandon(Checkpoint checkpoint) {
		return recover(checkpoint);
	}

	static RecoveryOutcome recoverWrite(WriteIntent intent, String type, ReplacementListeners listeners)
			throws IOException {
		Path target = intent.targetPath();
		Path temp = intent.tempPath();
		boolean tempExists = Files.exists(temp);
		boolean targetExists = Files.exists(target);
		if (intent.phase().equals(WriteIntent.VERIFIED)) {
			if (tempExists) {
				// After the write or during the swap: the verified content goes into place.
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				Durability.fsyncDirectory(target.getParent());
				restoreTimes(intent, target);
				return told(listeners, type, target, RecoveryOutcome.recovered("completed the replacement of " + target));
			}
			if (targetExists) {
				// After the swap: only the timestamps and the listeners may be missing.
				restoreTimes(intent, target);
				return told(listeners, type, target, listeners == null
						? RecoveryOutcome.nothingToDo(target + " was already replaced")
						: RecoveryOutcome.recovered("recorded the replacement of " + target));
			}
			return RecoveryOutcome.dataAtRisk("neither " + target + " nor its verified temp " + temp + " exists");
		}
		// During the write: the original was never touched.
		if (!tempExists) {
			return RecoveryOutcome.nothingToDo("the write of " + target + " had not started");
		}
		if (intent.originalExisted() && !targetExists) {
			return RecoveryOutcome.dataAtRisk(target + " is gone and only the unverified temp " + temp
					+ " holds its data: it was kept");
		}
		Files.delete(temp);
		Durability.fsyncDirectory(target.getParent());
		return RecoveryOutcome.recovered("discarded the unfinished write of " + target);
	}

	/** The outcome once the listeners know of the replacement; a failure keeps the operation for another try. */
	private static RecoveryOutcome told(ReplacementListeners listeners, String type, Path target, RecoveryOutcome outcome) {
		if (listeners == null) {
			return outcome;
		}
		try {
			listeners.replaced(type, target);
			return outcome;
		} catch (Exception e) {
			return RecoveryOutcome.failed(target + " is in place but could not be recorded: " + e.getMessage());
		}
	}

	static RecoveryOutcome recoverMove(WriteIntent intent) throws IOException {
		Path target = intent.targetPath();
		Path temp = intent.tempPath();
		Path source = Path.of(intent.source());
		if (intent.phase().equals(WriteIntent.WRITING)) {
			if (!Files.exists(source)) {
				return Files.exists(temp)
						? RecoveryOutcome.dataAtRisk(source + " is gone; its partial copy " + temp + " was kept")
						: RecoveryOutcome.dataAtRisk(source + " and its copy are both gone");
			}
			boolean hadTemp = Files.deleteIfExists(temp);
			return hadTemp ? RecoveryOutcome.recovered("undid the unfinished move of " + source)
					: RecoveryOutcome.nothingToDo("the move of " + source + " had not started");
		}
		// VERIFIED or RENAMED: the copy on the target volume is whole and checked.
		if (Files.exists(temp) && !Files.exists(target)) {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			Durability.fsyncDirectory(target.getParent());
		}
		if (!Files.exists(target)) {
			return RecoveryOutcome.dataAtRisk("the verified copy of " + source + " is missing at " + target);
		}
		if (Files.exists(source)) {
			if (Files.size(target) != intent.size() || !Sha256.of(target).equals(intent.sha256())) {
				return RecoveryOutcome.dataAtRisk(target + " does not match " + source + "; both were kept");
			}
			Files.delete(source);
			Durability.fsyncDirectory(source.getParent());
			return RecoveryOutcome.recovered("completed the move of " + source + " to " + target);
		}
		return RecoveryOutcome.nothingToDo(source + " was already moved");
	}

	private static void restoreTimes(WriteIntent intent, Path target) {
		if (intent.originalExisted()) {
			AtomicFiles.restoreTimes(target, FileTime.fromMillis(intent.modifiedMillis()),
					FileTime.fromMillis(intent.createdMillis()));
		}
	}

	/**
	 * Removes {@code name.ext.<uuid>.tmp} files in {@code directory} that no journal entry owns,
	 * but only where the file they belong to is intact (present and not empty); the others are
	 * kept and listed, since they may be the only copy.
	 */
	public static List<Path> sweepOrphans(Path directory, Set<Path> owned) throws IOException {
		List<Path> kept = new ArrayList<>();
		if (directory == null || !Files.isDirectory(directory)) {
			return kept;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.tmp")) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				int uuidStart = name.length() - ".tmp".length() - 37;
				if (uuidStart <= 0 || owned.contains(file)) {
					continue;
				}
				Path original = directory.resolve(name.substring(0, uuidStart));
				if (!AtomicFiles.isTempOf(file, original)) {
					continue;
				}
				if (Files.isRegularFile(original) && Files.size(original) > 0) {
					Files.delete(file);
				} else {
					kept.add(file);
				}
			}
		}
		return kept;
	}

	@Component(service = RecoveryHandler.class)
	public static class FileWrites extends SafeWriteRecovery {
		@Activate
		public FileWrites(@Reference Services services) {
			super(SafeWriteService.FILE_WRITE, "file write", services);
		}
	}

	@Component(service = RecoveryHandler.class)
	public static class TagWrites extends SafeWriteRecovery {
		@Activate
		public TagWrites(@Reference Services services) {
			super(SafeWriteService.TAG_WRITE, "tag write", services);
		}
	}

	@Component(service = RecoveryHandler.class)
	public static class Moves extends SafeWriteRecovery {
		@Activate
		public Moves(@Reference Services services) {
			super(SafeWriteService.CROSS_VOLUME_MOVE, "move", services);
		}
	}
}
