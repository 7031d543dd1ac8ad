package orbit.buffer.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.buffer.Preset;
import orbit.buffer.RenderSettings;
import orbit.buffer.internal.BufferConfig;
import orbit.buffer.internal.WholeRender;
import orbit.core.cli.CommandContribution;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TempVerifier;
import orbit.safewrite.WriteMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit render FILE|ID --preset P [--intensity X] [--tempo PCT] --out OUT.wav}. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=render")
public class RenderCommand implements CommandContribution {

	@Reference
	private AudioDecoder decoder;
	@Reference
	private AudioAnalysis analysis;
	@Reference
	private SafeWriteService safeWrite;
	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Render(this);
	}

	@Command(name = "render", description = {
			"Render a track through a preset, exactly as the preview deck plays it, into a 32-bit float WAV.",
			"Presets: original, adaptive, gentle, warm, bright, punchy. The tempo change keeps the key." })
	static final class Render implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "FILE|ID", description = "an audio file, or a library entry's id")
		String track;

		@Option(names = "--preset", required = true, paramLabel = "P", description = "the preset")
		String preset;

		@Option(names = "--intensity", paramLabel = "X", defaultValue = "1", description = "0 to 1 (default 1)")
		double intensity;

		@Option(names = "--tempo", paramLabel = "PCT", defaultValue = "0", description = "-8 to +8 percent, key-locked (default 0)")
		double tempo;

		@Option(names = "--out", required = true, paramLabel = "OUT.wav", description = "the WAV to write (replaced atomically if it exists)")
		Path out;

		private final RenderCommand command;

		Render(RenderCommand command) {
			this.command = command;
		}

		@Override
		public Integer call() {
			PrintWriter w = spec.commandLine().getOut();
			RenderSettings settings;
			try {
				settings = new RenderSettings(Preset.named(preset), intensity, tempo);
			} catch (IllegalArgumentException e) {
				throw new ParameterException(spec.commandLine(), e.getMessage());
			}
			Path file = resolve(track);
			long start = System.nanoTime();
			try {
				Path target = out.toAbsolutePath().normalize();
				Files.createDirectories(target.getParent());
				WholeRender.Result[] result = new WholeRender.Result[1];
				command.safeWrite.writeAtomic(target, WriteMode.REPLACE, temp -> {
					try {
						result[0] = WholeRender.render(command.decoder, command.analysis, file, settings,
								BufferConfig.CHUNK_FRAMES, WholeRender.file(temp));
					} catch (AudioException e) {
						throw new IOException(e.getMessage(), e);
					}
				}, TempVerifier.NOT_EMPTY);
				WholeRender.Result r = result[0];
				w.printf(Locale.ROOT, "%s -> %s%n  %s, %d Hz, %d channels, %.1f s, rendered in %.1f s%n", file, target,
						settings, r.sampleRate(), r.channels(), r.frames() / (double) r.sampleRate(),
						(System.nanoTime() - start) / 1e9);
				if (r.replaced() > 0) {
					w.printf("  %d NaN or infinite samples were replaced%n", r.replaced());
				}
				if (r.damage() != null) {
					w.printf("  damaged audio plays as silence: %s%n", r.damage());
				}
				return 0;
			} catch (IOException | RuntimeException e) {
				w.printf("ERROR %s: %s%n", file, e.getMessage());
				return 1;
			}
		}

		private Path resolve(String arg) {
			if (arg.matches("\\d+") && !Files.exists(Path.of(arg))) {
				Optional<LibraryEntry> entry = command.library.entry(Long.parseLong(arg));
				return Path.of(entry.orElseThrow(() -> new ParameterException(spec.commandLine(),
						"No library entry " + arg)).filePath());
			}
			return Path.of(arg);
		}
	}
}
