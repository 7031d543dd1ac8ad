package orbit.library.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.cli.CommandContribution;
import orbit.library.KeyNotation;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MusicalKey;
import orbit.library.Tempo;
import orbit.safewrite.DamagedAudioException;
import orbit.safewrite.TagChanges;
import orbit.safewrite.TagWriter;
import orbit.safewrite.TagWriter.DamagedAudio;
import orbit.safewrite.TagWriter.Id3Version;
import orbit.safewrite.WriteOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orbit tag FILE|ID --bpm N --key K ...}: a crash-safe tag write. A library entry is
 * updated in the same journaled operation (SafeWrite tells the library, which re-reads the file).
 * "Tagged" names the tags the file holds at the moment it was replaced: another ORBIT process
 * writing the same file waits for this write, or this one for it.
 */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=tag")
public class TagCommand implements CommandContribution {

	@Reference
	private TagWriter tagWriter;

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Tag(tagWriter, library);
	}

	/** The tags a file holds, as the user reads them: {@code bpm 128, key 8A}, or {@code no tags}. */
	static String held(Map<String, String> tags) {
		if (tags.isEmpty()) {
			return "no tags";
		}
		return tags.entrySet().stream().map(e -> e.getKey() + " " + quoted(e.getValue()))
				.collect(Collectors.joining(", "));
	}

	/** Text with a space or comma is quoted, so that the fields stay apart. */
	private static String quoted(String value) {
		return value.isEmpty() || value.matches(".*[\\s,\"].*") ? "\"" + value.replace("\"", "\\\"") + "\"" : value;
	}

	@Command(name = "tag", description = { "Write tags to an audio file, crash-safely.",
			"The file is replaced only once a tagged copy is on disk, reads back as asked and has bit-identical audio." })
	static final class Tag implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "FILE|ID", description = "An mp3, flac, m4a, ogg, opus, aiff or wav file, or a library entry's id.")
		String target;

		@Option(names = "--title", paramLabel = "T")
		String title;
		@Option(names = "--artist", paramLabel = "A")
		String artist;
		@Option(names = "--album", paramLabel = "A")
		String album;
		@Option(names = "--bpm", paramLabel = "N")
		String bpm;
		@Option(names = "--key", paramLabel = "K", description = "Camelot (8A), Open Key (1m) or standard (Am, F#m).")
		String key;
		@Option(names = "--notation", paramLabel = "NOTATION",
				description = "Notation the key is written in: ${COMPLETION-CANDIDATES} (default: as given).")
		KeyNotation notation;
		@Option(names = "--force", description = "Tag a file whose audio is damaged all the same (it is refused otherwise).")
		boolean force;
		@Option(names = "--comment", paramLabel = "C")
		String comment;
		@Option(names = "--isrc", paramLabel = "CODE")
		String isrc;
		@Option(names = "--id3", paramLabel = "2.3|2.4", description = { "Convert an mp3's ID3v2 tag to this version "
				+ "(every frame is rewritten).", "Default: the tag keeps its version; a new tag is 2.3, read by every DJ program." })
		String id3;

		private final TagWriter tagWriter;
		private final Library library;

		Tag(TagWriter tagWriter, Library library) {
			this.tagWriter = tagWriter;
			this.library = library;
		}

		/** A path that exists is a file; otherwise digits are an entry id. */
		private Path file() {
			Path path = Path.of(target);
			if (java.nio.file.Files.exists(path) || !target.matches("\\d{1,18}")) {
				return path;
			}
			LibraryEntry entry = library.entry(Long.parseLong(target)).orElseThrow(() -> new ActionableException(
					"No library entry has id " + target, "List the entries with 'orbit tracks'"));
			return Path.of(entry.filePath());
		}

		@Override
		public Integer call() {
			String bpmText = bpm == null ? null : Tempo.format(Tempo.parseOrFail(bpm));
			Id3Version version = id3 == null ? null : switch (id3) {
			case "2.3", "3" -> Id3Version.V23;
			case "2.4", "4" -> Id3Version.V24;
			default -> throw new ActionableException("Unknown ID3 version '" + id3 + "'", "Use --id3 2.3 or --id3 2.4");
			};
			String keyText = key;
			if (key != null && !key.isBlank()) {
				MusicalKey parsed = MusicalKey.parseOrFail(key);
				keyText = notation == null ? key.strip() : parsed.format(notation);
			}
			TagChanges changes = new TagChanges(title, artist, album, bpmText, keyText, comment, isrc);
			if (changes.isEmpty()) {
				throw new ActionableException("No tag to write", "Give at least one of --title, --artist, --album, --bpm, "
						+ "--key, --comment, --isrc");
			}
			Path file = file();
			WriteOutcome outcome;
			try {
				outcome = tagWriter.write(file, changes, version, force ? DamagedAudio.TAG_ANYWAY : DamagedAudio.REFUSE);
			} catch (DamagedAudioException damaged) {
				// What the check found is kept with the entry, so that 'tracks' and the views show it too.
				library.recordAudioCheck(file, false, damaged.report().detail(), false);
				throw damaged;
			}
			PrintWriter out = spec.commandLine().getOut();
			// What the file held when it was replaced, read under its lock: a write of another
			// process after this one is not mistaken for this one's.
			out.println("Tagged " + outcome.target() + " (" + outcome.bytes() + " bytes, audio verified unchanged): "
					+ held(outcome.tags()));
			outcome.notes().forEach(note -> out.println("Note: " + note + "."));
			library.entryAt(outcome.target()).ifPresent(e -> out.println("Library entry " + e.id() + " updated"));
			if (outcome.lowSpace()) {
				out.println("Warning: less than 100 MB free on the disk holding it.");
			}
			return 0;
		}
	}
}
