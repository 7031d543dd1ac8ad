package orbit.library.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.ibatis.session.SqlSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.DataDirectory;
import orbit.library.LibraryEntry;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeLedger;
import orbit.library.UpgradeState;
import orbit.safewrite.AudioIntegrity;

/**
 * The {@link UpgradeLedger} on {@code library.db}: candidates through their own mapper; what an
 * upgrade changes in an entry is the {@link EntryWriter}'s to write, in the same transaction as
 * the candidate's new state and the playlists' paths.
 */
@Component(service = UpgradeLedger.class)
public class SqliteUpgradeLedger implements UpgradeLedger {

	@Reference
	private DataDirectory dataDirectory;

	@Reference
	private EntryWriter writer;

	@Reference
	private AudioIntegrity audio;

	private LibraryFile libraryFile;

	@Activate
	void activate() {
		libraryFile = new LibraryFile(dataDirectory);
	}

	@Deactivate
	void deactivate() {
		libraryFile.close();
	}

	private SqlSession open() {
		return libraryFile.database().sessions().openSession(false);
	}

	private static UpgradeMapper candidates(SqlSession session) {
		return session.getMapper(UpgradeMapper.class);
	}

	@Override
	public UpgradeCandidate keep(UpgradeCandidate candidate) {
		UpgradeCandidateRow row = UpgradeCandidateRow.of(candidate);
		return LibraryDatabase.readThenWrite(() -> {
			try (SqlSession session = open()) {
				candidates(session).keep(row);
				UpgradeCandidateRow kept = candidates(session).atPath(row.filePath);
				session.commit();
				return kept.toCandidate();
			}
		});
	}

	@Override
	public List<UpgradeCandidate> candidates() {
		try (SqlSession session = open()) {
			return candidates(session).all().stream().map(UpgradeCandidateRow::toCandidate).toList();
		}
	}

	@Override
	public Optional<UpgradeCandidate> candidate(long id) {
		try (SqlSession session = open()) {
			return Optional.ofNullable(candidates(session).byId(id)).map(UpgradeCandidateRow::toCandidate);
		}
	}

	@Override
	public List<UpgradeCandidate> candidatesFor(long entryId) {
		try (SqlSession session = open()) {
			return candidates(session).forEntry(entryId).stream().map(UpgradeCandidateRow::toCandidate).toList();
		}
	}

	@Override
	public List<UpgradeCandidate> due(Instant now) {
		try (SqlSession session = open()) {
			return candidates(session).due(now.toString()).stream().map(UpgradeCandidateRow::toCandidate).toList();
		}
	}

	@Override
	public UpgradeCandidate defer(long candidateId, Instant retryAt, String heldBy, String source) {
		return change(candidateId, session -> candidates(session).defer(candidateId, retryAt.toString(), heldBy, source));
	}

	@Override
	public UpgradeCandidate rejected(long candidateId, String reason) {
		return change(candidateId, session -> candidates(session).rejected(candidateId, reason));
	}

	@Override
	public UpgradeCandidate failed(long candidateId, String reason) {
		return change(candidateId, session -> candidates(session).failed(candidateId, reason));
	}

	@Override
	public void purged(long candidateId) {
		change(candidateId, session -> candidates(session).purged(candidateId));
	}

	private UpgradeCandidate change(long candidateId, java.util.function.Consumer<SqlSession> update) {
		return LibraryDatabase.readThenWrite(() -> {
			try (SqlSession session = open()) {
				update.accept(session);
				UpgradeCandidateRow row = candidates(session).byId(candidateId);
				if (row == null) {
					throw noCandidate(candidateId);
				}
				session.commit();
				return row.toCandidate();
			}
		});
	}

	@Override
	public void upgradeScanned(Collection<Long> entryIds, Instant at) {
		LibraryDatabase.readThenWrite(() -> {
			try (SqlSession session = open()) {
				LibraryEntryMapper reads = session.getMapper(LibraryEntryMapper.class);
				for (long id : entryIds) {
					EntryRow row = reads.entryById(id);
					if (row != null) {
						writer.upgradeScanned(session, row, at.toString());
					}
				}
				session.commit();
				return null;
			}
		});
	}

	@Override
	public LibraryEntry upgraded(long candidateId, Path newFile, Path replacedFile, Path keptOriginal, String source,
			Instant at) {
		String to = normal(newFile);
		String from = normal(replacedFile);
		// The new file is read before the transaction opens, which then holds only the database's work.
		EntryWriter.FileFacts facts = FolderScan.readAgain(audio, Path.of(to));
		return LibraryDatabase.readThenWrite(() -> {
			try (SqlSession session = open()) {
				UpgradeCandidateRow candidate = candidates(session).byId(candidateId);
				if (candidate == null || candidate.entryId == null) {
					throw noCandidate(candidateId);
				}
				EntryRow row = session.getMapper(LibraryEntryMapper.class).entryById(candidate.entryId);
				if (!UpgradeState.DONE.stored().equals(candidate.state)) {
					String now = at.toString();
					Set<String> recordings = new HashSet<>(Set.of(row.uniqueHash));
					writer.fileReplaced(session, row, to, facts, source, now, now);
					recordings.add(row.uniqueHash);
					candidates(session).relocatePlaylists(from, to);
					candidates(session).done(candidateId, source, from, keptOriginal == null ? null : normal(keptOriginal),
							now);
					RecordingCopies.rebuild(session, writer, recordings, now);
					session.commit();
				}
				return row.toEntry();
			}
		});
	}

	@Override
	public LibraryEntry undone(long candidateId, Instant at) {
		UpgradeCandidate candidate = candidate(candidateId).orElseThrow(() -> noCandidate(candidateId));
		if (candidate.replacedFile() == null || candidate.entryId() == null) {
			throw new ActionableException("Upgrade " + candidateId + " was never done", "See 'upgrade list'");
		}
		String back = normal(candidate.replacedFile());
		if (!Files.exists(Path.of(back))) {
			throw new ActionableException("The original of upgrade " + candidateId + " is not at " + back,
					"Restore it there first ('upgrade undo' does that)");
		}
		EntryWriter.FileFacts facts = FolderScan.readAgain(audio, Path.of(back));
		return LibraryDatabase.readThenWrite(() -> {
			try (SqlSession session = open()) {
				EntryRow row = session.getMapper(LibraryEntryMapper.class).entryById(candidate.entryId());
				UpgradeCandidateRow current = candidates(session).byId(candidateId);
				if (UpgradeState.DONE.stored().equals(current.state)) {
					String now = at.toString();
					Set<String> recordings = new HashSet<>(Set.of(row.uniqueHash));
					String upgradedPath = row.filePath;
					writer.fileReplaced(session, row, back, facts, null, null, now);
					recordings.add(row.uniqueHash);
					candidates(session).relocatePlaylists(upgradedPath, back);
					candidates(session).undone(candidateId);
					RecordingCopies.rebuild(session, writer, recordings, now);
					session.commit();
				}
				return row.toEntry();
			}
		});
	}

	private static String normal(Path path) {
		return path.toAbsolutePath().normalize().toString();
	}

	private static ActionableException noCandidate(long id) {
		return new ActionableException("There is no upgrade candidate " + id, "See 'upgrade list'");
	}
}
