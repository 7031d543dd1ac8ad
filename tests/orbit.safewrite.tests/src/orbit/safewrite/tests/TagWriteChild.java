package orbit.safewrite.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;

import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.TagChanges;
import orbit.safewrite.TagWriter.Id3Version;
import orbit.safewrite.internal.AtomicFiles;
import orbit.safewrite.internal.AudioChecks;
import orbit.safewrite.internal.AudioTagWriter;

/** The process the tag-write crash campaign kills: writes tag set A, then B, then A ... to each file. */
public final class TagWriteChild {

	static final TagChanges SET_A = TagChanges.none().withTitle("Alpha Take").withArtist("Side A").withBpm("120")
			.withKey("8A").withComment("set a");
	static final TagChanges SET_B = TagChanges.none().withTitle("Bravo Take, a much longer title that grows the tag")
			.withArtist("Side B").withBpm("128").withKey("9B").withComment("set b ".repeat(40));

	private TagWriteChild() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]);
		SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"),
				Clock.systemUTC());
		AudioTagWriter writer = new AudioTagWriter(new AtomicFiles(journal), new AudioChecks());
		List<Path> files = List.of(dir.resolve("track.flac"), dir.resolve("track.mp3"));
		// One write per format on a scratch copy first: the kills that follow land in steady-state
		// writes, not in the first one's class loading (which takes longer than the campaign waits).
		for (Path file : files) {
			Path warmUp = file.resolveSibling("warm-up-" + file.getFileName());
			Files.copy(file, warmUp, StandardCopyOption.REPLACE_EXISTING);
			writer.write(warmUp, SET_A, Id3Version.V23);
			Files.delete(warmUp);
		}
		System.out.println("ready");
		System.out.flush();
		for (int i = 0;; i++) {
			for (Path file : files) {
				writer.write(file, i % 2 == 0 ? SET_B : SET_A, Id3Version.V23);
			}
		}
	}
}
