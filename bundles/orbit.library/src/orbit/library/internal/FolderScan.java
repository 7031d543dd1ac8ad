package orbit.library.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

import orbit.core.ActionableException;
import orbit.library.GoldRule;
import orbit.library.IntegrityLevel;
import orbit.library.MetadataSource;
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

	/** A file's tags with their UniqueHash, both worked out on a reader thread. */
	private record Read(TagReader.Result result, String hash) {
		static Read of(TagReader.Result result) {
			TagReader.FileTags t = result.tags();
			return new Read(result, t == null ? null : UniqueHash.of(t.artist(), t.title(), t.album()));
		}
	}

	/** In {@link #holders}: inserted in this scan's open batch, id not known yet. */
	private static final long PENDING = -1;
	/** Every UniqueHash in the library and its entry, loaded once: no query per file. */
	private final Map<String, Long> holders = new HashMap<>();

	private final SqlSessionFactory sessions;
	private final ScanProgress progress;
	private final List<ScanProblem> problems = new ArrayList<>();
	private int added, updated, unchanged, duplicates, missing;

	FolderScan(SqlSessionFactory sessions, ScanProgress progress) {
		this.sessions = sessions;
		this.progress = progress;
	}

	ScanReport run(Path folder) {
		Path root = folder.toAbsolutePath().normalize();
		if (!Files.isDirectory(root)) {
			throw new ActionableException(root + " is not a folder", "Give the folder that holds your music");
		}
		List<Candidate> candidates = walk(root);
		progress.filesFound(candidates.size());
		Map<String, FullEntryRow> known = new HashMap<>();
		Map<String, ScanProblemRow> knownProblems = new HashMap<>();
		try (SqlSession session = sessions.openSession()) {
			String prefix = root.toString().endsWith("/") ? root.toString() : root + "/";
			for (FullEntryRow row : session.getMapper(LibraryEntryMapper.class).entriesUnder(prefix)) {
				known.put(row.filePath, row);
			}
			for (ScanProblemRow row : session.getMapper(ScanProblemMapper.class).under(prefix)) {
				knownProblems.put(row.filePath, row);
			}
			for (HashHolder h : session.getMapper(LibraryEntryMapper.class).hashHolders()) {
				holders.put(h.uniqueHash, h.id);
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
				FullEntryRow row = known.get(c.file().toString());
				boolean same = row != null && row.missingSince == null && row.fileSize == c.size()
						&& Objects.equals(row.fileModifiedAt, c.modifiedMillis());
				ScanProblemRow problem = knownProblems.get(c.file().toString());
				if (!same && problem != null && problem.fileSize == c.size() && problem.fileModifiedAt == c.modifiedMillis()
						&& TagReader.lastsWhileUnchanged(problem.reason)) {
					// The same unreadable file as last time: its reason stands without reading it again.
					reads.add(CompletableFuture.completedFuture(new Read(new TagReader.Result(null, problem.reason), null)));
					continue;
				}
				reads.add(same ? null : readers.submit(() -> Read.of(TagReader.read(c.file()))));
			}
			String now = Instant.now().toString();
			// Batched statements, committed every BATCH files: the writer keeps up with both readers.
			SqlSession session = sessions.openSession(ExecutorType.BATCH, false);
			try {
				LibraryEntryMapper mapper = session.getMapper(LibraryEntryMapper.class);
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
						apply(session, mapper, c, known.get(c.file().toString()), done, now);
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
					for (FullEntryRow row : known.values()) {
						if (!seen.contains(row.filePath) && row.missingSince == null) {
							mapper.markMissing(row.id, now);
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

	/** The entry holding a recording, flushing the batch first when it was inserted by this scan. */
	private Long holder(SqlSession session, LibraryEntryMapper mapper, String hash) {
		Long holder = holders.get(hash);
		if (holder != null && holder == PENDING) {
			session.flushStatements();
			holder = mapper.idByHash(hash);
			holders.put(hash, holder);
		}
		return holder;
	}

	private List<Candidate> walk(Path root) {
		List<Candidate> found = new ArrayList<>();
		try {
			// No FOLLOW_LINKS: a link is never entered, so a link loop cannot trap the walk.
			Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
					new SimpleFileVisitor<>() {
						@Override
						public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
							if (attrs.isRegularFile() && TagReader.AUDIO_EXTENSIONS.contains(TagReader.extension(file))) {
								found.add(new Candidate(file, attrs.size(), attrs.lastModifiedTime().toMillis()));
							}
							return FileVisitResult.CONTINUE;
						}

						@Override
						public FileVisitResult visitFileFailed(Path file, IOException e) {
							problems.add(new ScanProblem(file, "cannot be read: " + e.getClass().getSimpleName()
									+ (e.getMessage() == null ? "" : " " + e.getMessage())));
							return FileVisitResult.CONTINUE;
						}
					});
		} catch (IOException e) {
			throw new ActionableException("Cannot scan " + root + " (" + e.getMessage() + ")",
					"Check that the folder exists and is readable");
		}
		found.sort((a, b) -> a.file().compareTo(b.file()));
		return found;
	}

	private void apply(SqlSession session, LibraryEntryMapper mapper, Candidate c, FullEntryRow existing, Read read,
			String now) {
		TagReader.Result result = read.result();
		if (result.problem() != null) {
			problems.add(new ScanProblem(c.file(), result.problem()));
			return;
		}
		TagReader.FileTags tags = result.tags();
		String hash = read.hash();
		if (existing == null) {
			Long holder = holder(session, mapper, hash);
			if (holder != null) {
				// Same recording as an entry already in the library: reported, not merged away.
				mapper.upsertDuplicate(holder, hash, c.file().toString(), c.size(), now);
				duplicates++;
				return;
			}
			FullEntryRow row = new FullEntryRow();
			row.uniqueHash = hash;
			row.filePath = c.file().toString();
			row.addedAt = now;
			fill(row, c, tags);
			mapper.insertScanned(row);
			holders.put(hash, PENDING);
			added++;
			return;
		}
		String before = existing.uniqueHash;
		update(mapper, existing, c, tags, now, h -> holder(session, mapper, h));
		if (!existing.uniqueHash.equals(before)) {
			holders.remove(before);
			holders.put(existing.uniqueHash, existing.id);
		}
		updated++;
	}

	/**
	 * Reads one entry's file again (after ORBIT itself wrote its tags): the entry takes the
	 * file's tags, size and time, with a history row for each changed value.
	 *
	 * @throws ActionableException when the file cannot be read
	 */
	static void refresh(LibraryEntryMapper mapper, FullEntryRow existing, Path file, String now) {
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
		update(mapper, existing, new Candidate(file, attributes.size(), attributes.lastModifiedTime().toMillis()),
				result.tags(), now, mapper::idByHash);
	}

	private static void update(LibraryEntryMapper mapper, FullEntryRow existing, Candidate c, TagReader.FileTags tags,
			String now, java.util.function.Function<String, Long> holderOf) {
		String hash = UniqueHash.of(tags.artist(), tags.title(), tags.album());
		record(mapper, existing.id, "Title", existing.title, tags.title(), now);
		record(mapper, existing.id, "Artist", existing.artist, tags.artist(), now);
		record(mapper, existing.id, "Album", existing.album, tags.album(), now);
		record(mapper, existing.id, "BPM", existing.bpm, tags.bpm(), now);
		record(mapper, existing.id, "MusicalKey", existing.musicalKey, tags.musicalKey(), now);
		Long holder = holderOf.apply(hash);
		if (holder == null || holder == existing.id) {
			existing.uniqueHash = hash;
		} // else: the retagged file now names another entry's recording; it keeps its identity.
		existing.missingSince = null;
		fill(existing, c, tags);
		mapper.updateScanned(existing);
	}

	private static void fill(FullEntryRow row, Candidate c, TagReader.FileTags tags) {
		row.fileSize = c.size();
		row.fileModifiedAt = c.modifiedMillis();
		row.title = tags.title();
		row.artist = tags.artist();
		row.album = tags.album();
		row.format = tags.format();
		row.bitrate = tags.bitrate();
		row.durationSeconds = tags.durationSeconds();
		row.bpm = tags.bpm();
		row.musicalKey = tags.musicalKey();
		GoldRule.Evaluation gold = GoldRule.evaluate(row.bpm, row.musicalKey, row.durationSeconds, row.spotifyBpm,
				row.spotifyKey, row.spotifyDuration, row.userVerifiedGold);
		row.integrityLevel = IntegrityLevel.assess(true, row.title != null && row.artist != null,
				row.spotifyBpm != null || row.spotifyKey != null || row.spotifyDuration != null, row.userVerifiedGold,
				gold).code();
	}

	private static void record(LibraryEntryMapper mapper, long id, String field, Object old, Object now, String at) {
		if (Objects.equals(old, now)) {
			return;
		}
		HistoryRow h = new HistoryRow();
		h.entryId = id;
		h.field = field;
		h.oldValue = old == null ? null : old.toString();
		h.newValue = now == null ? null : now.toString();
		h.source = MetadataSource.FILE_TAGS.stored();
		h.changedAt = at;
		mapper.insertHistory(h);
	}
}
