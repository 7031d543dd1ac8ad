package orbit.buffer.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.buffer.PreviewDeck;
import orbit.buffer.internal.BaselineDeck;
import orbit.buffer.internal.BufferConfig;
import orbit.buffer.internal.BufferEngine;
import orbit.buffer.internal.ChunkRenderer;
import orbit.buffer.internal.Trace;
import orbit.buffer.internal.TraceReplay;
import orbit.buffer.internal.TraceReplay.Moment;
import orbit.buffer.internal.TraceReplay.Report;
import orbit.core.DataDirectory;
import orbit.core.cli.CommandContribution;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code orbit buffer replay TRACE.csv [--baseline lru|none]} and {@code orbit buffer health}. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=buffer")
public class BufferCommand implements CommandContribution {

	@Reference
	private AudioDecoder decoder;
	@Reference
	private AudioAnalysis analysis;
	@Reference
	private Library library;
	@Reference
	private DataDirectory dataDirectory;

	@Override
	public Object newCommand() {
		return new BufferCli(this);
	}

	@Command(name = "buffer", description = "The buffer of processed audio behind the preview deck.", subcommands = {
			BufferCli.Replay.class, BufferCli.Health.class })
	static final class BufferCli implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		final BufferCommand owner;

		BufferCli(BufferCommand owner) {
			this.owner = owner;
		}

		@Override
		public Integer call() {
			throw new ParameterException(spec.commandLine(), "Missing subcommand: replay or health");
		}

		@Command(name = "replay", description = {
				"Replay a DJ session against the real buffer and real rendering, in real time, and print what a listener "
						+ "got: callbacks on time (audio within the period) and processed (on time, and the processed render "
						+ "rather than the unprocessed audio played while a render is missing), in steady play and the second "
						+ "after each kind of jump; underruns, hit rates per tier, prediction accuracy, peak memory and the cache operations' p99.",
				"A trace is rows of time_ms,action,arg; actions: load ID|PATH, play, pause, seek SECONDS, preset NAME, "
						+ "intensity X, tempo PCT, hotcue N, setcue N, beatjump ±BEATS." })
		static final class Replay implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			BufferCli parent;

			@Parameters(paramLabel = "TRACE.csv")
			Path trace;

			@Option(names = "--baseline", paramLabel = "lru|none", description = "also replay on a Mixxx-style LRU read-ahead of decoded audio, or on no cache at all, and print both")
			String baseline;

			@Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "play X times faster than real time (default 1)")
			double speed;

			@Override
			public Integer call() throws Exception {
				PrintWriter out = spec.commandLine().getOut();
				BaselineDeck.Kind kind = null;
				if (baseline != null) {
					try {
						kind = BaselineDeck.Kind.valueOf(baseline.strip().toUpperCase(Locale.ROOT));
					} catch (IllegalArgumentException e) {
						throw new ParameterException(spec.commandLine(), "--baseline is lru or none, not " + baseline);
					}
				}
				if (!(speed > 0 && speed <= 1000)) {
					throw new ParameterException(spec.commandLine(), "--speed is between 0 and 1000");
				}
				Trace session;
				try {
					session = Trace.read(trace);
				} catch (NoSuchFileException e) {
					out.printf("ERROR no trace at %s%n", trace);
					return 1;
				} catch (IllegalArgumentException e) {
					out.printf("ERROR %s%n", e.getMessage());
					return 1;
				}
				BufferCommand owner = parent.owner;
				Function<String, TraceReplay.Track> resolve = owner::resolve;
				out.printf(Locale.ROOT, "Replaying %s: %d steps, %.1f s%s%n", trace, session.steps().size(),
						session.durationMs() / 1000.0, speed == 1 ? "" : String.format(Locale.ROOT, " at %.0fx", speed));
				out.flush();
				Report orbit;
				try (BufferEngine engine = new BufferEngine(BufferConfig.defaults(null), owner.decoder, owner.analysis,
						ChunkRenderer.DSP, null)) {
					PreviewDeck deck = engine.openDeck();
					orbit = TraceReplay.replay("ORBIT buffer", session, deck, engine, resolve, speed);
					deck.close();
				}
				orbit.print(out);
				if (kind != null) {
					Report other;
					try (BaselineDeck deck = new BaselineDeck(kind, owner.decoder)) {
						other = TraceReplay.replay(kind == BaselineDeck.Kind.LRU ? "LRU read-ahead (Mixxx-style)" : "no cache",
								session, deck, null, resolve, speed);
					}
					other.print(out);
					out.printf(Locale.ROOT, "on time after jumps: ORBIT %.1f %%, %s %.1f %%%n", orbit.onTimeAfterJumps() * 100,
							baseline, other.onTimeAfterJumps() * 100);
					out.printf(Locale.ROOT, "processed after jumps: ORBIT %.1f %%, %s %.1f %%%n",
							orbit.processedAfterJumps() * 100, baseline, other.processedAfterJumps() * 100);
					out.printf(Locale.ROOT, "on time in steady play: ORBIT %.1f %%, %s %.1f %%%n",
							orbit.onTime(Moment.STEADY) * 100, baseline, other.onTime(Moment.STEADY) * 100);
				}
				out.flush();
				return 0;
			}
		}

		@Command(name = "health", description = "The health of the workstation's buffer: hit rates, memory per tier, workers, errors and alerts, as its last report (written every 5 s while a deck is open) says.")
		static final class Health implements Callable<Integer> {
			@Spec
			CommandSpec spec;

			@ParentCommand
			BufferCli parent;

			@Override
			public Integer call() throws IOException {
				PrintWriter out = spec.commandLine().getOut();
				Path file = parent.owner.dataDirectory.resolve("buffer").resolve("health.txt");
				if (!Files.exists(file)) {
					out.println("No buffer report yet: the workstation writes one every 5 s while its preview deck is open.");
					return 0;
				}
				Instant at = Files.getLastModifiedTime(file).toInstant();
				long age = Duration.between(at, Instant.now()).toSeconds();
				out.printf("As of %d s ago%s:%n", age, age > 15 ? " (no deck is open now)" : "");
				out.print(Files.readString(file));
				out.flush();
				return 0;
			}
		}
	}

	/** A load's argument: a library id, or a path (its BPM from the library when it is there). */
	private TraceReplay.Track resolve(String arg) {
		Optional<LibraryEntry> entry;
		Path path;
		if (arg.matches("\\d+") && !Files.exists(Path.of(arg))) {
			entry = library.entry(Long.parseLong(arg));
			path = Path.of(entry.orElseThrow(() -> new IllegalArgumentException("No library entry " + arg)).filePath());
		} else {
			path = Path.of(arg).toAbsolutePath().normalize();
			entry = library.entryAt(path);
		}
		double bpm = entry.flatMap(e -> e.resolvedBpm().value()).orElse(0.0);
		return new TraceReplay.Track(path, bpm);
	}
}
