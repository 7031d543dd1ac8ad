package orbit.buffer.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import orbit.buffer.BufferHealth;
import orbit.buffer.FallbackSpan;
import orbit.buffer.Preset;
import orbit.buffer.PreviewDeck;

/**
 * Plays a {@link Trace} against a deck in real time (or a multiple of it) and measures what a
 * listener would have heard, in steady play and in the second after each kind of jump or switch:
 * <ul>
 * <li>callbacks <em>on time</em>: audio, not silence, returned within the callback's period (a
 * deck that renders on demand stutters here);</li>
 * <li>callbacks <em>processed</em>: on time and all of it the processed render (a declick at a
 * seam counts; unprocessed source audio, which the buffer plays while a render is missing, and
 * the crossfade out of it do not);</li>
 * <li>underruns (silence, or a callback that took longer than its period); and, for the buffer,
 * hit rates per tier, prediction accuracy, peak memory and the cache operations' p99.</li>
 * </ul>
 */
public final class TraceReplay {

	/** Frames per audio callback: 23 ms at 44.1 kHz, a common sound card period. */
	public static final int PERIOD = 1024;
	/** How long after a jump or switch its callbacks count for that kind. */
	static final long AFTER_MS = 1000;

	/** What happened around a callback. */
	public enum Moment {
		STEADY, LOAD, SEEK, HOTCUE, BEATJUMP, PRESET, INTENSITY_TEMPO
	}

	/** A track to load, with its BPM (0 when unknown). */
	public record Track(Path file, double bpm) {
	}

	public static final class Report {
		public final String system;
		final Map<Moment, long[]> callbacks = new EnumMap<>(Moment.class); // {all, on time, processed}
		public long underruns, late, silent;
		/** Steps the deck refused, with why (a beat jump without a BPM, a load of a missing file). */
		public final java.util.List<String> refused = new java.util.ArrayList<>();
		/** Frames of the reported fallback spans, by reason (the latest 500 spans). */
		public final Map<String, Long> fallbackFrames = new java.util.TreeMap<>();
		public long peakBytes;
		public boolean withinBudget = true;
		public BufferHealth health;
		public double wallSeconds;

		Report(String system) {
			this.system = system;
			for (Moment m : Moment.values()) {
				callbacks.put(m, new long[3]);
			}
		}

		/** The share of callbacks on time in this moment; NaN when there were none. */
		public double onTime(Moment m) {
			return share(m, 1);
		}

		/** The share of callbacks on time and served the processed render in this moment; NaN when there were none. */
		public double processed(Moment m) {
			return share(m, 2);
		}

		private double share(Moment m, int which) {
			long[] c = callbacks.get(m);
			return c[0] == 0 ? Double.NaN : c[which] / (double) c[0];
		}

		public long count(Moment m) {
			return callbacks.get(m)[0];
		}

		/**
		 * On time after every jump (seek, hot cue, beat jump) and preset switch together: the moments
		 * a cache that only reads ahead misses. Loads and intensity or tempo changes are counted on
		 * their own.
		 */
		public double onTimeAfterJumps() {
			return afterJumps(1);
		}

		/** Processed after every jump and preset switch together, as {@link #onTimeAfterJumps}. */
		public double processedAfterJumps() {
			return afterJumps(2);
		}

		private double afterJumps(int which) {
			long all = 0, counted = 0;
			for (Moment m : java.util.EnumSet.of(Moment.SEEK, Moment.HOTCUE, Moment.BEATJUMP, Moment.PRESET)) {
				all += callbacks.get(m)[0];
				counted += callbacks.get(m)[which];
			}
			return all == 0 ? Double.NaN : counted / (double) all;
		}

		public void print(PrintWriter out) {
			out.printf(Locale.ROOT, "%s%n", system);
			for (Moment m : Moment.values()) {
				if (count(m) > 0) {
					out.printf(Locale.ROOT, "  %-16s on time %6.1f %%, processed %6.1f %%  (%d callbacks)%n",
							m.name().toLowerCase(Locale.ROOT), onTime(m) * 100, processed(m) * 100, count(m));
				}
			}
			out.printf(Locale.ROOT, "  after jumps      on time %6.1f %%, processed %6.1f %%%n", onTimeAfterJumps() * 100,
					processedAfterJumps() * 100);
			for (String r : refused.subList(0, Math.min(5, refused.size()))) {
				out.printf("  refused %s%n", r);
			}
			if (refused.size() > 5) {
				out.printf("  refused %d more steps%n", refused.size() - 5);
			}
			out.printf(Locale.ROOT, "  underruns            %d (%d silent, %d late)%n", underruns, silent, late);
			fallbackFrames.forEach((reason, frames) -> out.printf(Locale.ROOT, "  fallback %-22s %d frames%n", reason, frames));
			if (health != null) {
				for (BufferHealth.TierHealth t : health.tiers()) {
					out.printf(Locale.ROOT, "  %s hit rate          %6.1f %%  (%d chunks, %.1f of %.1f MiB)%n", t.name(),
							t.hitRate() * 100, t.chunks(), t.usedBytes() / 1048576.0, t.budgetBytes() / 1048576.0);
				}
				out.printf(Locale.ROOT, "  misses               %d of %d lookups%n", health.misses(), health.lookups());
				out.printf(Locale.ROOT, "  prediction accuracy  %6.1f %%  (%d switches and jumps)%n",
						health.predictionAccuracy() * 100, health.predictions());
				out.printf(Locale.ROOT, "  peak memory          %.1f MiB (budget %.1f MiB, %s)%n", peakBytes / 1048576.0,
						health.budgetBytes() / 1048576.0, withinBudget ? "within it" : "OVER IT");
				out.printf(Locale.ROOT, "  cache operation p99  %.1f µs%n", health.operationP99Micros());
				out.printf(Locale.ROOT, "  renders              %d (%d failed)%n", health.renders(), health.renderErrors());
			}
			out.flush();
		}
	}

	private TraceReplay() {
	}

	/**
	 * Replays {@code trace} on {@code deck}.
	 *
	 * @param engine  the buffer behind the deck, for its health; null for a baseline
	 * @param resolve turns a load's argument (library id or path) into a track
	 * @param speed   1 for real time; 60 plays an hour in a minute
	 */
	public static Report replay(String system, Trace trace, PreviewDeck deck, BufferEngine engine,
			Function<String, Track> resolve, double speed) throws InterruptedException {
		Report report = new Report(system);
		long[] traceMs = { 0 };
		if (engine != null) {
			BufferEngine.clock(deck, () -> traceMs[0]);
		}
		boolean[] callbackProcessed = { true };
		boolean[] callbackSilent = { false };
		deck.onServed((samples, offset, frames, settings, position, fallback) -> {
			// A declick smooths processed audio at a seam: it is served in full and on time.
			if (fallback != null && !fallback.equals(FallbackSpan.DECLICK)) {
				callbackProcessed[0] = false;
			}
			callbackSilent[0] |= FallbackSpan.NOT_DECODED.equals(fallback);
		});
		int rate = 44100;
		float[] out = new float[PERIOD * 8];
		Moment moment = Moment.STEADY;
		long momentUntil = 0;
		int next = 0;
		long wallStart = System.nanoTime();
		double callbackMs = PERIOD * 1000.0 / rate;
		long end = trace.durationMs() + 2000;
		for (long i = 0;; i++) {
			traceMs[0] = (long) (i * callbackMs);
			if (traceMs[0] > end) {
				break;
			}
			while (next < trace.steps().size() && trace.steps().get(next).timeMs() <= traceMs[0]) {
				Trace.Step step = trace.steps().get(next++);
				Moment m;
				try {
					m = apply(step, deck, resolve);
				} catch (IllegalArgumentException | IllegalStateException e) {
					report.refused.add("line " + step.line() + " (" + step.action().name().toLowerCase(Locale.ROOT) + " "
							+ step.arg() + "): " + e.getMessage());
					m = null;
				}
				if (m != null) {
					moment = m;
					momentUntil = traceMs[0] + AFTER_MS;
				}
			}
			if (traceMs[0] > momentUntil) {
				moment = Moment.STEADY;
			}
			var status = deck.status();
			rate = status.sampleRate();
			callbackMs = PERIOD * 1000.0 / rate;
			boolean playing = status.playing();
			callbackProcessed[0] = true;
			callbackSilent[0] = false;
			long t0 = System.nanoTime();
			deck.read(out, PERIOD);
			long took = System.nanoTime() - t0;
			if (playing) {
				boolean late = took > callbackMs * 1e6 / speed;
				long[] c = report.callbacks.get(moment);
				c[0]++;
				if (!late && !callbackSilent[0]) {
					c[1]++;
				}
				if (callbackProcessed[0] && !late) {
					c[2]++;
				}
				if (late || callbackSilent[0]) {
					report.underruns++;
					report.late += late ? 1 : 0;
					report.silent += callbackSilent[0] ? 1 : 0;
				}
			}
			if (engine != null && i % 20 == 0) {
				BufferHealth h = engine.health();
				report.peakBytes = Math.max(report.peakBytes, h.usedBytes());
				for (BufferHealth.TierHealth t : h.tiers()) {
					report.withinBudget &= t.usedBytes() <= t.budgetBytes();
				}
			}
			long due = wallStart + (long) ((i + 1) * callbackMs * 1e6 / speed);
			long wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
		}
		report.wallSeconds = (System.nanoTime() - wallStart) / 1e9;
		if (engine != null) {
			report.health = engine.health();
		}
		for (FallbackSpan span : deck.fallbacks()) {
			report.fallbackFrames.merge(span.reason(), (long) span.frames(), Long::sum);
		}
		return report;
	}

	private static Moment apply(Trace.Step step, PreviewDeck deck, Function<String, Track> resolve) {
		String arg = step.arg();
		switch (step.action()) {
		case LOAD -> {
			Track track = resolve.apply(arg);
			deck.load(track.file(), track.bpm());
			String error = deck.status().error();
			if (error != null) {
				throw new IllegalStateException(error); // printed among the refused steps
			}
			return Moment.LOAD;
		}
		case PLAY -> deck.play();
		case PAUSE -> deck.pause();
		case SEEK -> {
			deck.seek(Double.parseDouble(arg));
			return Moment.SEEK;
		}
		case PRESET -> {
			deck.preset(Preset.named(arg));
			return Moment.PRESET;
		}
		case INTENSITY -> {
			deck.intensity(Double.parseDouble(arg));
			return Moment.INTENSITY_TEMPO;
		}
		case TEMPO -> {
			deck.tempo(Double.parseDouble(arg));
			return Moment.INTENSITY_TEMPO;
		}
		case HOTCUE -> {
			deck.hotCue(Integer.parseInt(arg));
			return Moment.HOTCUE;
		}
		case SETCUE -> deck.setCue(Integer.parseInt(arg));
		case BEATJUMP -> {
			deck.beatJump(Integer.parseInt(arg.startsWith("+") ? arg.substring(1) : arg));
			return Moment.BEATJUMP;
		}
		}
		return null;
	}
}
