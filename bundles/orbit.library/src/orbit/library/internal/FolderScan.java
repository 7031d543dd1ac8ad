package orbit.library.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

import orbit.core.ActionableException;
import orbit.library.OnlineAnswer;
import orbit.safewrite.AudioIntegrity;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.library.ScanReport;
import orbit.library.UniqueHash;

/**
 * One scan of a folder tree into the library. Symbolic links are not followed (so no link loop
 * can trap the walk); files whose size and modification time are unchanged are not read again;
 * tags are read on every core while one thread writes, in batches of one transaction each.
 */
final class FolderScan {

	private static final int BATCH = 1000;

	private record Candidate(Path file, long size, long modifiedMillis) {
	}

	/** A file's tags with the recording it holds, both worked out on a reader thread. */
	private record Read(TagReader.Result result, String hash) {
	}

	private final SqlSessionFactory sessions;
	private final EntryWriter writer;
	private final AudioIntegrity audio;
	private final ScanProgress progress;
	private final List<ScanProblem> problems = new ArrayList<>();
	private int added, updated, unchanged, duplicates, missing;
	/** The recordings (UniqueHash) whose files this scan added, changed or lost: their standing is decided again. */
	private final Set<String> touched = new HashSet<>();

	/** The providers' answers for the entries under the folder, loaded when the first known file changed. */
	private Map<Long, List<OnlineAnswer>> answers;
	private String prefix;

	FolderScan(SqlSessionFactory sessions, EntryWriter writer, AudioIntegrity audio, ScanProgress progress) {
		this.sessions = sessions;
		this.writer = writer;
		this.audio = audio;
		this.progress = progress;
	}

	private Read read(Path file) {
		TagReader.Result result = TagReader.read(file);
		return new Read(result, result.tags() == null ? null : identity(audio, file, result.tags()));
	}

	/**
	 * The recording a file holds: what its tags name (artist, title, album), or, when they name
	 * none (no title or no artist), what its audio is, so that untagged files never merge.
	 */
	static String identity(AudioIntegrity audio, Path file, TagReader.FileTags tags) {
		if (tags.title() != null && tags.artist() != null) {
			return UniqueHash.of(tags.artist(), tags.title(), tags.album());
		}
		try {
			return "audio:" + audio.audioDigest(file);
		} catch (IOException e) {
			// Unreadable now though its header read a moment ago: the file alone names itself.
			return "file:" + UniqueHash.of(file.toString(), null, null);
		}
	}

	ScanReport run(Path folder) {
		Path root = folder.toAbsolutePath().normalize();
		if (!Files.isDirectory(root)) {
			throw new ActionableException(root + " is not a folder", "Give the folder that holds your music");
		}
		List<Candidate> candidates = walk(root);
		progress.filesFound(candidates.size());
		Map<String, EntryRow> known = new HashMap<>();
		Map<String, ScanProblemRow> knownProblems = new HashMap<>();
		prefix = prefixOf(root);
		try (SqlSession session = sessions.openSession()) {
			for (EntryRow row : session.getMapper(LibraryEntryMapper.class).entriesUnder(prefix)) {
				known.put(row.filePath, row);
			}
			for (ScanProblemRow row : session.getMapper(ScanProblemMapper.class).under(prefix)) {
				knownProblems.put(row.filePath, row);
			}
		}
		int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
		ExecutorService readers = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "orbit-scan-reader");
			t.setDaemon(true);
			return t;
		});
		boolean cancelled = false;
		try {
			List<Future<Read>> reads = new ArrayList<>(candidates.size());
			for (Candidate c : candidates) {
				EntryRow row = known.get(c.file().toString());
				boolean same = row != null && row.missingSince == null && row.fileSize == c.size()
						&& Objects.equals(row.fileModifiedAt, c.modifiedMillis());
				ScanProblemRow problem = knownProblems.get(c.file().toString());
				if (!same && problem != null && problem.fileSize == c.size() && problem.fileModifiedAt == c.modifiedMillis()
						&& TagReader.lastsWhileUnchanged(problem.reason)) {
					// The same unreadable file as last time: its reason stands without reading it again.
					reads.add(CompletableFuture.completedFuture(new Read(new TagReader.Result(null, problem.reason), null)));
					continue;
				}
				reads.add(same ? null : readers.submit(() -> read(c.file())));
			}
			String now = Instant.now().toString();
			// Batched statements, committed every BATCH files: the writer keeps up with both readers.
			SqlSession session = sessions.openSession(ExecutorType.BATCH, false);
			try {
				ScanProblemMapper problemMapper = session.getMapper(ScanProblemMapper.class);
				for (ScanProblem walkProblem : problems) {
					problemMapper.record(walkProblem.file().toString(), walkProblem.reason(), -1, -1, now);
				}
				for (int i = 0; i < candidates.size(); i++) {
					if (progress.isCancelled()) {
						cancelled = true;
						break;
					}
					Candidate c = candidates.get(i);
					Future<Read> read = reads.get(i);
					if (read == null) {
						unchanged++;
					} else {
						Read done = result(read);
						TagReader.Result result = done.result();
						apply(session, c, known.get(c.file().toString()), done, now);
						if (result.problem() != null) {
							problemMapper.record(c.file().toString(), result.problem(), c.size(), c.modifiedMillis(), now);
						} else if (knownProblems.containsKey(c.file().toString())) {
							problemMapper.clear(c.file().toString());
						}
					}
					if (i % BATCH == BATCH - 1) {
						session.commit();
					}
					progress.fileDone(i + 1, candidates.size());
				}
				if (!cancelled) {
					java.util.Set<String> seen = new java.util.HashSet<>();
					candidates.forEach(c -> seen.add(c.file().toString()));
					for (EntryRow row : known.values()) {
						if (!seen.contains(row.filePath) && row.missingSince == null) {
							writer.missing(session, row, now);
							touched.add(row.uniqueHash);
							missing++;
						}
					}
					// A problem file that is gone (or was a folder the walk could not enter and now can) is no problem.
					problems.forEach(p -> seen.add(p.file().toString()));
					for (String path : knownProblems.keySet()) {
						if (!seen.contains(path)) {
							problemMapper.clear(path);
						}
					}
					// Which copy stands for each recording, from the library as it now is.
					session.flushStatements();
					RecordingCopies.rebuild(session, writer, touched, now);
					duplicates = session.getMapper(LibraryEntryMapper.class).copiesUnder(prefix);
				}
				session.commit();
			} finally {
				session.close();
			}
		} finally {
			readers.shutdownNow();
		}
		return new ScanReport(candidates.size(), added, updated, unchanged, duplicates, missing, problems, cancelled);
	}

	private static Read result(Future<Read> read) {
		try {
			return read.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Read(new TagReader.Result(null, "scan interrupted"), null);
		} catch (ExecutionException e) {
			return new Read(new TagReader.Result(null, "unreadable: " + e.getCause()), null);
		}
	}

	private List<Candidate> walk(Path root) {
		List<Candidate> found = new ArrayList<>();
		try {
			AudioFiles.walk(root, new AudioFiles.Visitor() {
				@Override
				public void audio(Path file, BasicFileAttributes attrs) {
					found.add(new Candidate(file, attrs.size(), attrs.lastModifiedTime().toMillis()));
				}

				@Override
				public void unreadable(Path file, IOException e) {
					problems.add(new ScanProblem(file, "cannot be read: " + e.getClass().getSimpleName()
							+ (e.getMessage() == null ? "" : " " + e.getMessage())));
				}
			});
		} catch (IOException e) {
			throw new ActionableException("Cannot scan " + root + " (" + e.getMessage() + ")",
					"Check that the folder exists and is readable");
		}
		found.sort((a, b) -> a.file().compareTo(b.file()));
		return found;
	}

	/** Every readable file is an entry of its own; which copy stands for a recording is decided after the walk. */
	private void apply(SqlSession session, Candidate c, EntryRow existing, Read read, String now) {
		TagReader.Result result = read.result();
		if (result.problem() != null) {
			problems.add(new ScanProblem(c.file(), result.problem()));
			return;
		}
		EntryWriter.FileFacts facts = new EntryWriter.FileFacts(read.hash(), c.size(), c.modifiedMillis(), result.tags());
		touched.add(read.hash());
		if (existing == null) {
			writer.add(session, c.file().toString(), facts, now);
			added++;
		} else {
			touched.add(existing.uniqueHash);
			// Changed under ORBIT's feet: whatever a check found of the old audio no longer holds.
			writer.fileRead(session, existing, facts, answers(session, existing.id), false, now);
			updated++;
		}
	}

	/** Loaded once, on the first known file that changed, with one query (a query flushes the batch). */
	private List<OnlineAnswer> answers(SqlSession session, long entryId) {
		if (answers == null) {
			answers = new HashMap<>();
			session.flushStatements();
			for (OnlineMetadataMapper.Row row : session.getMapper(OnlineMetadataMapper.class).answersUnder(prefix)) {
				answers.computeIfAbsent(row.entryId, id -> new ArrayList<>()).add(row.toAnswer());
			}
		}
		return answers.getOrDefault(entryId, List.of());
	}

	/**
	 * Reads one entry's file again (after ORBIT itself wrote its tags), as a scan would, for the
	 * writer: its tags, size, time and the recording it holds.
	 *
	 * @throws ActionableException when the file cannot be read
	 */
	/** The text every path under a folder starts with, as the entries' FilePath holds them. */
	static String prefixOf(Path root) {
		return root.toString().endsWith("/") ? root.toString() : root + "/";
	}

	static EntryWriter.FileFacts readAgain(AudioIntegrity audio, Path file) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class);
		} catch (IOException e) {
			throw new ActionableException(file + " cannot be read (" + e.getMessage() + ")",
					"Check that the file exists and is readable, then rescan its folder");
		}
		TagReader.Result result = TagReader.read(file);
		if (result.problem() != null) {
			throw new ActionableException(file + " " + result.problem(), "Check the file, then rescan its folder");
		}
		return new EntryWriter.FileFacts(identity(audio, file, result.tags()), attributes.size(),
				attributes.lastModifiedTime().toMillis(), result.tags());
	}
}
