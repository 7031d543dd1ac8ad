package orbit.audio.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.audio.Alignment;
import orbit.audio.AudioAnalysis;
import orbit.audio.AudioException;
import orbit.audio.AudioReport;
import orbit.audio.StreamInfo;
import orbit.core.cli.CommandContribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orbit audio FILE...}: what is really in each file; {@code orbit audio compare A B}:
 * whether two files hold the same recording, and their offset.
 */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=audio")
public class AudioCommand implements CommandContribution {

	@Reference
	private AudioAnalysis analysis;

	@Override
	public Object newCommand() {
		return new Audio(analysis);
	}

	@Command(name = "audio", subcommands = Audio.Compare.class, description = {
			"Decode audio files and measure what is really in them: format, rate, channels, duration and decoded "
					+ "length, the spectral cutoff and from it whether lossless audio is genuine or a transcode of a "
					+ "lossy file, EBU R128 loudness and true peak.",
			"One bad file is reported and the others are still measured. Exits 1 when any file could not be read." })
	static final class Audio implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "FILE", arity = "0..*", description = "MP3, FLAC, WAV, AIFF, Ogg Vorbis, Opus or M4A/AAC files")
		List<Path> files;

		private final AudioAnalysis analysis;

		Audio(AudioAnalysis analysis) {
			this.analysis = analysis;
		}

		@Override
		public Integer call() {
			if (files == null || files.isEmpty()) {
				// Optional for picocli only so that "audio compare A B" parses; "audio" alone needs files.
				throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
			}
			PrintWriter out = spec.commandLine().getOut();
			int failed = 0;
			for (Path file : files) {
				try {
					print(out, analysis.analyze(file));
				} catch (AudioException e) {
					out.printf("ERROR %s%n", e.getMessage());
					failed++;
				}
				out.flush();
			}
			return failed == 0 ? 0 : 1;
		}

		private static void print(PrintWriter out, AudioReport report) {
			StreamInfo info = report.info();
			out.println(info.file());
			out.printf(Locale.ROOT, "  %-12s %s%n", "format", format(info));
			out.printf(Locale.ROOT, "  %-12s %s%n", "duration", duration(report.decodedSeconds()) + " decoded ("
					+ report.decodedFrames() + " frames)" + declared(info, report.decodedFrames()));
			out.printf(Locale.ROOT, "  %-12s %.1f kHz of %.1f kHz (%.0f dB drop above it)%n", "cutoff",
					report.cutoff().hz() / 1000, report.cutoff().nyquistHz() / 1000, report.cutoff().dropDb());
			out.printf(Locale.ROOT, "  %-12s %s%n", "verdict", info.codec().lossless() ? report.verdict().sentence()
					: "lossy (" + info.codec().label() + "); " + report.verdict().sentence());
			out.printf(Locale.ROOT, "  %-12s %s, true peak %s%n", "loudness",
					level(report.loudness().integratedLufs(), "LUFS"), level(report.loudness().truePeakDbtp(), "dBTP"));
			out.printf(Locale.ROOT, "  %-12s %d hashes, %s%n", "fingerprint", report.fingerprint().hashes().length,
					abbreviated(report.fingerprint().encoded()));
			if (report.replaced() > 0) {
				out.printf(Locale.ROOT, "  %-12s %d samples were NaN or infinite and were replaced%n", "repaired",
						report.replaced());
			}
		}

		static String format(StreamInfo info) {
			StringBuilder text = new StringBuilder(info.codec().label());
			if (info.bitsPerSample() > 0) {
				text.append(", ").append(info.bitsPerSample()).append(" bit");
			}
			text.append(String.format(Locale.ROOT, ", %s kHz, %s", kiloHertz(info.sampleRate()),
					info.channels() == 1 ? "mono" : info.channels() == 2 ? "stereo" : info.channels() + " channels"));
			if (info.bitrateKbps() > 0) {
				text.append(", ").append(info.bitrateKbps()).append(" kbps");
			}
			return text.toString();
		}

		private static String kiloHertz(int rate) {
			return rate % 1000 == 0 ? Integer.toString(rate / 1000) : String.format(Locale.ROOT, "%.1f", rate / 1000.0);
		}

		private static String declared(StreamInfo info, long decoded) {
			if (info.frames() < 0) {
				return "";
			}
			return info.frames() == decoded ? ", as declared" : ", " + info.frames() + " declared";
		}

		static String duration(double seconds) {
			long millis = Math.round(seconds * 1000);
			return String.format(Locale.ROOT, "%d:%02d.%03d", millis / 60_000, millis / 1000 % 60, millis % 1000);
		}

		private static String level(double value, String unit) {
			return Double.isInfinite(value) ? "silence" : String.format(Locale.ROOT, "%.1f %s", value, unit);
		}

		private static String abbreviated(String text) {
			return text.length() <= 24 ? text : text.substring(0, 24) + "…";
		}

		@Command(name = "compare", description = {
				"Whether A and B hold the same recording, found by cross-correlating their decoded audio, with the "
						+ "confidence and the offset of B against A in ms (+500: B has 500 ms more in front).",
				"Exits 0 when they are the same recording, 1 when they are not or a file could not be read." })
		static final class Compare implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@Parameters(index = "0", paramLabel = "A")
			Path first;

			@Parameters(index = "1", paramLabel = "B")
			Path second;

			@picocli.CommandLine.ParentCommand
			Audio parent;

			@Override
			public Integer call() {
				PrintWriter out = spec.commandLine().getOut();
				try {
					Alignment alignment = parent.analysis.compare(first, second);
					out.println(alignment.sentence());
					return alignment.sameRecording() ? 0 : 1;
				} catch (AudioException e) {
					out.printf("ERROR %s%n", e.getMessage());
					return 1;
				}
			}
		}
	}
}
