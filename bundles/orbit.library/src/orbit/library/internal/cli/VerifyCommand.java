package orbit.library.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.library.Library;
import orbit.library.internal.AudioFiles;
import orbit.safewrite.AudioIntegrity;
import orbit.safewrite.AudioReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orbit verify FILE...}: the full audio integrity check; the verdict of a library entry's file
 * is kept with the entry. Exits 1 when a file fails it.
 */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=verify")
public class VerifyCommand implements CommandContribution {

	@Reference
	private AudioIntegrity audio;

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Verify(audio, library);
	}

	@Command(name = "verify", description = { "Check that audio files are intact:",
			"FLAC: the decoded audio's MD5 equals the one in STREAMINFO; MP3: every frame in sync, as many as its "
					+ "header counts; Ogg (Vorbis, Opus): every page's checksum and sequence number.",
			"Give files, folders (every audio file under them) or library ids. The verdict of a file in the library "
					+ "is kept with its entry ('tracks', 'inspect')." })
	static final class Verify implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "FILE|DIR|ID", arity = "1..*")
		List<String> targets;

		private final AudioIntegrity audio;
		private final Library library;

		Verify(AudioIntegrity audio, Library library) {
			this.audio = audio;
			this.library = library;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			int failed = 0;
			List<Path> files = new java.util.ArrayList<>();
			for (String target : targets) {
				Path path = Path.of(target);
				if (Files.isDirectory(path)) {
					List<Path> under = new java.util.ArrayList<>();
					int[] unreadable = { 0 };
					try {
						AudioFiles.walk(path, new AudioFiles.Visitor() {
							@Override
							public void audio(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
								under.add(file);
							}

							@Override
							public void unreadable(Path file, IOException e) {
								out.printf("%-7s %s: cannot be read (%s)%n", "ERROR", file, e.getMessage());
								unreadable[0]++;
							}
						});
					} catch (IOException e) {
						out.printf("%-7s %s: the folder cannot be read (%s)%n", "ERROR", path, e.getMessage());
						unreadable[0]++;
					}
					failed += unreadable[0];
					if (under.isEmpty() && unreadable[0] == 0) {
						out.printf("%-7s %s: no audio files in this folder%n", "NONE", path);
					}
					under.sort(null);
					files.addAll(under);
				} else if (target.matches("\\d+") && !Files.exists(path)) {
					java.util.Optional<orbit.library.LibraryEntry> entry = library.entry(Long.parseLong(target));
					if (entry.isPresent()) {
						files.add(Path.of(entry.get().filePath()));
					} else {
						out.printf("%-7s #%s: no library entry has this id ('orbit tracks' lists them)%n", "ERROR", target);
						failed++;
					}
				} else {
					files.add(path);
				}
			}
			for (Path file : files) {
				try {
					AudioReport report = audio.verify(file);
					boolean kept = library.recordAudioCheck(file, report.intact(), report.detail(), true).isPresent();
					out.printf("%-7s %s: %s%s%n", report.intact() ? "ok" : "DAMAGED", file, report.detail(),
							kept ? "" : " (not in the library)");
					failed += report.intact() ? 0 : 1;
				} catch (IOException e) {
					out.printf("%-7s %s: %s%n", "ERROR", file, e.getMessage());
					failed++;
				}
			}
			return failed == 0 ? 0 : 1;
		}
	}
}
