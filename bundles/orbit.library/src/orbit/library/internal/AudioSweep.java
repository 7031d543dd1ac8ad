package orbit.library.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

import orbit.library.AudioCheckReport;
import orbit.library.LibraryEntry;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.safewrite.AudioIntegrity;
import orbit.safewrite.AudioReport;

/**
 * The audio checks that follow a scan: every entry under a folder whose file was not checked since
 * it last changed is checked (FLAC frame CRCs and length, MPEG frame sync and count) on a thread
 * per core, and each verdict is kept with its entry, a transaction per {@value #BATCH} files so that
 * a cancelled sweep keeps what it found and the next one goes on from there.
 */
final class AudioSweep {

	private static final int BATCH = 200;

	private record Checked(EntryRow row, AudioReport report, String failure) {
	}

	private final SqlSessionFactory sessions;
	private final EntryWriter writer;
	private final AudioIntegrity audio;
	private final ScanProgress progress;

	AudioSweep(SqlSessionFactory sessions, EntryWriter writer, AudioIntegrity audio, ScanProgress progress) {
		this.sessions = sessions;
		this.writer = writer;
		this.audio = audio;
		this.progress = progress;
	}

	AudioCheckReport run(Path folder) {
		Path root = folder.toAbsolutePath().normalize();
		String prefix = FolderScan.prefixOf(root);
		List<EntryRow> unchecked;
		try (SqlSession session = sessions.openSession()) {
			unchecked = session.getMapper(LibraryEntryMapper.class).uncheckedUnder(prefix);
		}
		progress.filesFound(unchecked.size());
		ExecutorService checkers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
				r -> {
					Thread t = new Thread(r, "orbit-audio-check");
					t.setDaemon(true);
					t.setPriority(Thread.MIN_PRIORITY);
					return t;
				});
		List<LibraryEntry> damaged = new ArrayList<>();
		List<ScanProblem> unreadable = new ArrayList<>();
		int checked = 0;
		boolean cancelled = false;
		try {
			List<Future<Checked>> results = new ArrayList<>(unchecked.size());
			for (EntryRow row : unchecked) {
				results.add(checkers.submit(() -> check(row)));
			}
			SqlSession session = sessions.openSession(false);
			try {
				for (int i = 0; i < results.size(); i++) {
					if (progress.isCancelled()) {
						cancelled = true;
						break;
					}
					Checked done = result(results.get(i), unchecked.get(i));
					if (done.failure() != null) {
						// Gone or locked since the scan: nothing is known of its audio; the next sweep tries again.
						unreadable.add(new ScanProblem(Path.of(done.row().filePath), done.failure()));
					} else {
						writer.audioChecked(session, done.row(), done.report().intact(), done.report().detail(), false,
								Instant.now().toString());
						checked++;
						if (!done.report().intact()) {
							damaged.add(done.row().toEntry());
						}
					}
					if (i % BATCH == BATCH - 1) {
						session.commit();
					}
					progress.fileDone(i + 1, results.size());
				}
				if (!damaged.isEmpty()) {
					// Damaged audio never stands for a recording while an intact copy exists.
					RecordingCopies.rebuild(session, writer,
							damaged.stream().map(LibraryEntry::uniqueHash).collect(java.util.stream.Collectors.toSet()),
							Instant.now().toString());
				}
				session.commit();
			} finally {
				session.close();
			}
		} finally {
			checkers.shutdownNow();
		}
		return new AudioCheckReport(checked, damaged, unreadable, cancelled);
	}

	private Checked check(EntryRow row) {
		try {
			return new Checked(row, audio.check(Path.of(row.filePath)), null);
		} catch (IOException e) {
			return new Checked(row, null, "cannot be checked: " + e.getMessage());
		} catch (RuntimeException e) {
			return new Checked(row, new AudioReport(Path.of(row.filePath), row.format, false,
					"the audio cannot be parsed (" + e + ")", 0), null);
		}
	}

	private static Checked result(Future<Checked> result, EntryRow row) {
		try {
			return result.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Checked(row, null, "check interrupted");
		} catch (ExecutionException e) {
			return new Checked(row, null, "cannot be checked: " + e.getCause());
		}
	}
}
