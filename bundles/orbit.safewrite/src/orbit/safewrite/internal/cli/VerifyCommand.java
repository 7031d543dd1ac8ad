package orbit.safewrite.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.safewrite.AudioIntegrity;
import orbit.safewrite.AudioReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit verify FILE...}: the audio integrity check; exits 1 when a file fails it. */
@Component(service = CommandContribution.class)
public class VerifyCommand implements CommandContribution {

	@Reference
	private AudioIntegrity audio;

	@Override
	public Object newCommand() {
		return new Verify(audio);
	}

	@Command(name = "verify", description = { "Check that audio files are intact:",
			"FLAC: the decoded audio's MD5 equals the one in STREAMINFO; MP3: every frame in sync;",
			"Ogg (Vorbis, Opus): every page's checksum and sequence number." })
	static final class Verify implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "FILE", arity = "1..*")
		List<Path> files;

		private final AudioIntegrity audio;

		Verify(AudioIntegrity audio) {
			this.audio = audio;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			int failed = 0;
			for (Path file : files) {
				try {
					AudioReport report = audio.verify(file);
					out.printf("%-7s %s: %s%n", report.intact() ? "ok" : "DAMAGED", file, report.detail());
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
