package orbit.library.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.ibatis.session.SqlSession;

import orbit.library.Library;

/**
 * Which file stands for each recording. Two entries are copies of one recording only when their
 * tags name the same recording (UniqueHash) and their audio agrees: lengths within
 * {@link Library#COPY_DURATION_TOLERANCE_SECONDS}. Of the copies, the best one stands for the
 * recording, whatever the order of the scan: a file that is there over a missing one, intact audio
 * over damaged, lossless over lossy, then the higher bitrate, then a file where the music lives
 * over one in a downloads folder or a "(1)" copy, then the entry added first. Decided again, from
 * the library as it is, for every recording a scan, a tag write or an audio check touched.
 */
final class RecordingCopies {

	private RecordingCopies() {
	}

	/** Formats that keep every sample; ALAC hides in .m4a, and no lossy AAC stream runs near its bitrate. */
	private static final Set<String> LOSSLESS = Set.of("flac", "wav", "aiff", "aif");
	private static final int ALAC_KBPS = 500;
	/** Folders where second copies arrive, below where the music lives. */
	private static final Set<String> ARRIVALS = Set.of("downloads", "download", "incoming", "complete", "slskd", "torrents");

	static final Comparator<EntryRow> BEST_FIRST = Comparator
			.comparing((EntryRow e) -> e.missingSince != null)
			.thenComparing(e -> Boolean.FALSE.equals(e.audioIntact))
			.thenComparing(e -> !lossless(e))
			.thenComparing(Comparator.comparingInt((EntryRow e) -> e.bitrate).reversed())
			.thenComparing(RecordingCopies::arrived)
			.thenComparingLong(e -> e.id);

	static boolean lossless(EntryRow e) {
		String format = e.format == null ? "" : e.format.toLowerCase(Locale.ROOT);
		return LOSSLESS.contains(format) || format.equals("m4a") && e.bitrate >= ALAC_KBPS;
	}

	/** In a downloads or incoming folder, or named as a browser names a second download ("x (1).mp3"). */
	static boolean arrived(EntryRow e) {
		Path path = Path.of(e.filePath);
		for (Path part : path) {
			if (ARRIVALS.contains(part.toString().toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		String name = path.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot > 0 ? name.substring(0, dot) : name).matches(".*\\(\\d+\\)\\s*");
	}

	/** Above this many recordings one read of the candidates is cheaper than reading them by name. */
	private static final int READ_ALL_ABOVE = 2000;

	/**
	 * Decides the standing copy of these recordings (their UniqueHash) from every entry that holds
	 * one, and writes, through the writer, each entry whose standing changed. A recording's standing
	 * depends on its own files alone, so deciding the recordings a change touched (the old and the
	 * new identity of every entry it added, changed or lost) keeps the whole library as a full
	 * rebuild would.
	 *
	 * @return the number of those recordings' entries that are copies
	 */
	static int rebuild(SqlSession session, EntryWriter writer, Set<String> recordings, String now) {
		if (recordings.isEmpty()) {
			return 0;
		}
		LibraryEntryMapper reads = session.getMapper(LibraryEntryMapper.class);
		List<EntryRow> facts = new ArrayList<>();
		if (recordings.size() > READ_ALL_ABOVE) {
			// A recording with one file and no copy left has nothing to decide: the database leaves it out.
			reads.copyCandidates().stream().filter(row -> recordings.contains(row.uniqueHash)).forEach(facts::add);
		} else {
			List<String> names = List.copyOf(recordings);
			// SQLite binds at most 32,766 parameters per statement.
			for (int from = 0; from < names.size(); from += 1000) {
				facts.addAll(reads.copyFactsOf(names.subList(from, Math.min(names.size(), from + 1000))));
			}
		}
		Map<String, List<EntryRow>> byRecording = new HashMap<>();
		for (EntryRow row : facts) {
			byRecording.computeIfAbsent(row.uniqueHash, h -> new ArrayList<>()).add(row);
		}
		Map<Long, Long> changed = new HashMap<>();
		int copies = 0;
		for (List<EntryRow> entries : byRecording.values()) {
			if (entries.size() == 1) {
				EntryRow alone = entries.get(0);
				if (alone.duplicateOf != null) {
					changed.put(alone.id, null);
				}
				continue;
			}
			entries.sort(BEST_FIRST);
			List<EntryRow> standing = new ArrayList<>();
			for (EntryRow entry : entries) {
				EntryRow stands = standing.stream().filter(s -> sameLength(s, entry)).findFirst().orElse(null);
				Long copyOf = stands == null ? null : stands.id;
				if (stands == null) {
					standing.add(entry);
				} else {
					copies++;
				}
				if (!Objects.equals(copyOf, entry.duplicateOf)) {
					changed.put(entry.id, copyOf);
				}
			}
		}
		for (Map.Entry<Long, Long> change : changed.entrySet()) {
			writer.standsFor(session, reads.entryById(change.getKey()), change.getValue(), now);
		}
		return copies;
	}

	/** The audio agrees: both lengths known and within the tolerance. */
	private static boolean sameLength(EntryRow a, EntryRow b) {
		return a.durationSeconds != null && b.durationSeconds != null
				&& Math.abs(a.durationSeconds - b.durationSeconds) <= Library.COPY_DURATION_TOLERANCE_SECONDS;
	}
}
