package orbit.buffer.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import orbit.audio.AudioException;
import orbit.buffer.BufferHealth.Degradation;
import orbit.buffer.DeckStatus;
import orbit.buffer.FallbackSpan;
import orbit.buffer.Preset;
import orbit.buffer.PreviewDeck;
import orbit.buffer.RenderSettings;
import orbit.buffer.ServedAudioListener;
import orbit.buffer.internal.DecodedTrack.FileStamp;
import orbit.buffer.internal.dsp.ChunkRender;

/**
 * The preview deck. Its playhead is kept in output frames of the current tempo; a chunk is a
 * fixed range of those. {@link #read} serves, chunk by chunk, the processed audio a tier holds,
 * else the decoded source (resampled to the tempo), and smooths every seam it makes: a declick
 * (the step between the last frame served and the next, faded out over 6 ms) at jumps and
 * switches, a crossfade from the source into processed audio that arrives. Every served stretch
 * that is not exactly the processed audio is reported as a {@link FallbackSpan}.
 */
final class Deck implements PreviewDeck {

	static final int DECLICK_FRAMES = 256;
	static final int CROSSFADE_FRAMES = 512;
	/** The longest a load waits for the start of its track to be decoded. */
	static final java.time.Duration LOAD_WAIT = java.time.Duration.ofSeconds(1);
	private static final int SPANS_KEPT = 500;

	private final BufferEngine engine;
	private final int chunkFrames;
	private final InteractionFilter filter = new InteractionFilter();
	private final List<ServedAudioListener> listeners = new CopyOnWriteArrayList<>();
	private final Deque<FallbackSpan> spans = new ArrayDeque<>();
	private LongSupplier clock = () -> System.nanoTime() / 1_000_000;
	private DeckPlayer player;

	private DecodedTrack track;
	/** The previous load of a file that changed, played until the new load reaches the playhead. */
	private DecodedTrack reloading;
	private String error;
	private double bpm;
	private RenderSettings settings = RenderSettings.of(Preset.ORIGINAL);
	private long position;
	private boolean playing;
	private final long[] cues = new long[HOT_CUES];
	private int plays;
	private long playedFrames;
	private long plannedChunk = -1;
	private boolean deleted;

	// the seams
	private float[] last = new float[2];
	private boolean audible;
	private boolean lastProcessed;
	private boolean lastFallback;
	private boolean jumped;
	private final float[] declickStep = new float[8];
	private int declickLeft;
	private int crossfadeDone = CROSSFADE_FRAMES;
	private float[] scratch = new float[0];

	Deck(BufferEngine engine) {
		this.engine = engine;
		this.chunkFrames = engine.config().chunkFrames();
		Arrays.fill(cues, -1);
	}

	InteractionFilter filter() {
		return filter;
	}

	void output(DeckPlayer newPlayer) {
		this.player = newPlayer;
	}

	/** For replays faster than real time: the clock the interaction filter reads. */
	void clock(LongSupplier millis) {
		this.clock = millis;
	}

	// ---- controls ----

	@Override
	public void load(Path file, double newBpm) {
		DecodedTrack loaded = null;
		String failure = null;
		try {
			loaded = DecodedTrack.load(engine.decoder(), file);
			// The first half second before the deck takes the track, so that play starts with audio
			// rather than the silence of what is not decoded yet; bounded, a load never hangs.
			loaded.awaitAvailable(loaded.sampleRate() / 2, LOAD_WAIT);
		} catch (AudioException e) {
			failure = e.getMessage();
			engine.errors.record("decode", "open", failure);
		}
		DecodedTrack old;
		synchronized (this) {
			old = track;
			track = loaded;
			reloading = null;
			error = failure;
			bpm = newBpm > 0 ? newBpm : 0;
			position = 0;
			playing = false;
			Arrays.fill(cues, -1);
			playedFrames = 0;
			deleted = false;
			jumped = true;
			if (loaded != null && last.length != loaded.channels()) {
				last = new float[loaded.channels()];
			}
		}
		if (old != null) {
			old.cancel();
			engine.dropGeneration(old.generation());
		}
		engine.replan(this);
	}

	@Override
	public void play() {
		synchronized (this) {
			if (track == null || playing) {
				return;
			}
			playing = true;
			plays++;
		}
		engine.replan(this);
		if (player != null) {
			player.start();
		}
	}

	@Override
	public synchronized void pause() {
		playing = false;
	}

	@Override
	public void seek(double seconds) {
		synchronized (this) {
			if (track == null) {
				return;
			}
			jump((long) Math.round(seconds * track.sampleRate()));
		}
		engine.replan(this);
	}

	/** Moves to a source frame; counts whether the plan had the target. Holds the lock. */
	private void jump(long sourceFrame) {
		long target = Math.max(0, Math.min(track.frames(), sourceFrame));
		long outTarget = (long) Math.floor(target / settings.ratio());
		filter.operation(clock.getAsLong());
		if (!settings.identity()) {
			engine.predictionOutcome(
					engine.planOf(this).contains(new ChunkKey(track.generation(), settings, outTarget / chunkFrames)));
		}
		position = outTarget;
		playedFrames = 0;
		jumped = true;
	}

	@Override
	public void preset(Preset preset) {
		synchronized (this) {
			if (preset == settings.preset()) {
				return;
			}
			long now = clock.getAsLong();
			filter.operation(now);
			RenderSettings next = settings.withPreset(preset);
			if (track != null && !next.identity()) {
				engine.predictionOutcome(engine.planOf(this)
						.contains(new ChunkKey(track.generation(), next, position / chunkFrames)));
			}
			if (filter.learnPresetChange(now)) {
				engine.learnSwitch(settings.preset(), preset);
			}
			settings = next;
			jumped = true;
		}
		engine.replan(this);
	}

	@Override
	public void intensity(double intensity) {
		synchronized (this) {
			RenderSettings next = settings.withIntensity(Math.max(0, Math.min(1, intensity)));
			if (next.equals(settings)) {
				return;
			}
			filter.operation(clock.getAsLong());
			settings = next;
			jumped = true;
		}
		engine.replan(this);
	}

	@Override
	public void tempo(double percent) {
		synchronized (this) {
			double bounded = Math.max(-RenderSettings.MAX_TEMPO_PERCENT, Math.min(RenderSettings.MAX_TEMPO_PERCENT, percent));
			RenderSettings next = settings.withTempo(bounded);
			if (next.equals(settings)) {
				return;
			}
			filter.operation(clock.getAsLong());
			// The same moment of the track, on the new tempo's timeline.
			position = Math.round(position * settings.ratio() / next.ratio());
			settings = next;
			jumped = true;
		}
		engine.replan(this);
	}

	@Override
	public void setCue(int n) {
		synchronized (this) {
			checkCue(n);
			if (track != null) {
				cues[n - 1] = Math.round(position * settings.ratio());
				filter.operation(clock.getAsLong());
			}
		}
		engine.replan(this);
	}

	@Override
	public void hotCue(int n) {
		synchronized (this) {
			checkCue(n);
			if (track == null || cues[n - 1] < 0) {
				return;
			}
			jump(cues[n - 1]);
		}
		engine.replan(this);
	}

	private static void checkCue(int n) {
		if (n < 1 || n > HOT_CUES) {
			throw new IllegalArgumentException("Hot cues are numbered 1 to " + HOT_CUES + ", not " + n);
		}
	}

	@Override
	public void beatJump(int beats) {
		synchronized (this) {
			if (track == null || beats == 0) {
				return;
			}
			double beatFrames = beatFrames();
			if (beatFrames <= 0) {
				throw new IllegalStateException("The track's BPM is not known: a beat jump needs it");
			}
			jump(Math.round(position * settings.ratio() + beats * beatFrames));
		}
		engine.replan(this);
	}

	/** Source frames per beat; 0 without a BPM. */
	private double beatFrames() {
		return bpm > 0 && track != null ? track.sampleRate() * 60.0 / bpm : 0;
	}

	@Override
	public void onServed(ServedAudioListener listener) {
		listeners.add(listener);
	}

	// ---- the read path ----

	@Override
	public int read(float[] out, int frames) {
		long chunkNow;
		synchronized (this) {
			DecodedTrack t = track;
			int ch = t == null ? last.length : t.channels();
			if (t == null || !playing) {
				Arrays.fill(out, 0, frames * ch, 0f);
				fadeOutInto(out, frames, ch);
				tell(out, 0, frames, settings, position, ServedAudioListener.SILENCE);
				return frames;
			}
			int done = 0;
			while (done < frames) {
				double ratio = settings.ratio();
				long length = ChunkRender.outputFrames(t.frames(), ratio);
				if (t.complete() && position >= length) {
					playing = false; // the end of the track
					Arrays.fill(out, done * ch, frames * ch, 0f);
					fadeOutInto(out, frames, ch);
					tell(out, done, frames - done, settings, position, ServedAudioListener.SILENCE);
					break;
				}
				int inChunk = (int) (position % chunkFrames);
				int n = Math.min(frames - done, chunkFrames - inChunk);
				if (t.complete()) {
					n = (int) Math.min(n, length - position);
				}
				String reason = null;
				if (settings.identity()) {
					if (t.available(position + n) && !t.damaged(position, position + n)) {
						t.read(position, sized(n * ch), n);
						System.arraycopy(scratch, 0, out, done * ch, n * ch);
					} else {
						reason = source(t, out, done, n, ch);
					}
				} else {
					Chunk chunk = engine.lookup(new ChunkKey(t.generation(), settings, position / chunkFrames));
					if (chunk != null && inChunk < chunk.frames) {
						n = Math.min(n, chunk.frames - inChunk);
						System.arraycopy(chunk.samples, inChunk * ch, out, done * ch, n * ch);
					} else {
						reason = source(t, out, done, n, ch);
					}
				}
				serve(t, out, done, n, ch, reason);
				position += n;
				playedFrames += n;
				done += n;
			}
			chunkNow = position / chunkFrames;
		}
		if (chunkNow != plannedChunk) {
			plannedChunk = chunkNow;
			engine.replan(this);
		}
		return frames;
	}

	/**
	 * The fallback: the decoded source at the playhead, resampled to the tempo by linear
	 * interpolation. Silence where nothing is decoded yet, or the file is damaged.
	 *
	 * @return why the processed audio is not what plays
	 */
	private String source(DecodedTrack t, float[] out, int at, int n, int ch) {
		double ratio = settings.ratio();
		long first = (long) Math.floor(position * ratio);
		long end = (long) Math.floor((position + n - 1) * ratio) + 2;
		DecodedTrack from = t;
		String reason = FallbackSpan.NOT_RENDERED;
		if (!t.available(Math.min(end, t.frames()))) {
			if (reloading != null && reloading.available(Math.min(end, reloading.frames()))) {
				from = reloading;
				reason = FallbackSpan.RELOADING;
			} else {
				Arrays.fill(out, at * ch, (at + n) * ch, 0f);
				return FallbackSpan.NOT_DECODED;
			}
		} else if (t.damaged(first, end)) {
			reason = FallbackSpan.DAMAGED;
		}
		int span = (int) (end - first);
		float[] src = sized(span * ch);
		from.read(first, src, span);
		if (ratio == 1) {
			System.arraycopy(src, 0, out, at * ch, n * ch);
			return reason;
		}
		for (int i = 0; i < n; i++) {
			double x = (position + i) * ratio - first;
			int i0 = (int) x;
			float frac = (float) (x - i0);
			for (int c = 0; c < ch; c++) {
				float a = src[i0 * ch + c], b = src[(i0 + 1) * ch + c];
				out[(at + i) * ch + c] = a + (b - a) * frac;
			}
		}
		return reason;
	}

	/**
	 * Smooths the seam before this stretch and reports it. A jump, a switch or a change of kind
	 * gets a declick; the source giving way to processed audio at the same place gets a
	 * crossfade.
	 */
	private void serve(DecodedTrack t, float[] out, int at, int n, int ch, String reason) {
		boolean processed = reason == null;
		boolean continuous = audible && !jumped;
		if (!continuous || !processed && lastProcessed) {
			for (int c = 0; c < ch; c++) {
				declickStep[c] = (audible ? last[c] : 0) - out[at * ch + c];
			}
			declickLeft = DECLICK_FRAMES;
			crossfadeDone = CROSSFADE_FRAMES;
		} else if (processed && lastFallback) {
			crossfadeDone = 0; // processed audio arrived where the source was playing
		}
		int crossfaded = 0;
		if (processed && crossfadeDone < CROSSFADE_FRAMES) {
			int m = Math.min(n, CROSSFADE_FRAMES - crossfadeDone);
			float[] fallback = new float[m * ch];
			source(t, fallback, 0, m, ch);
			for (int i = 0; i < m; i++) {
				float w = (crossfadeDone + i + 1) / (float) (CROSSFADE_FRAMES + 1);
				for (int c = 0; c < ch; c++) {
					int k = (at + i) * ch + c;
					out[k] = fallback[i * ch + c] * (1 - w) + out[k] * w;
				}
			}
			crossfadeDone += m;
			crossfaded = m;
		}
		if (!processed) {
			crossfadeDone = CROSSFADE_FRAMES;
		}
		int declicked = 0;
		if (declickLeft > 0) {
			int m = Math.min(n, declickLeft);
			for (int i = 0; i < m; i++) {
				float g = (declickLeft - i) / (float) DECLICK_FRAMES;
				g *= g;
				for (int c = 0; c < ch; c++) {
					out[(at + i) * ch + c] += declickStep[c] * g;
				}
			}
			declickLeft -= m;
			declicked = m;
		}
		if (processed) {
			int head = Math.max(crossfaded, declicked);
			if (head > 0) {
				String why = crossfaded > 0 ? FallbackSpan.CROSSFADE : FallbackSpan.DECLICK;
				tell(out, at, head, settings, position, why);
				span(position, head, why);
			}
			if (n > head) {
				tell(out, at + head, n - head, settings, position + head, null);
			}
		} else {
			tell(out, at, n, settings, position, reason);
			span(position, n, reason);
		}
		System.arraycopy(out, (at + n - 1) * ch, last, 0, ch);
		audible = true;
		jumped = false;
		lastProcessed = processed;
		lastFallback = !processed;
	}

	/** Paused or stopped after sound: the last frame fades to silence instead of stopping dead. */
	private void fadeOutInto(float[] out, int frames, int ch) {
		if (!audible) {
			return;
		}
		int m = Math.min(frames, DECLICK_FRAMES);
		for (int i = 0; i < m; i++) {
			float g = (DECLICK_FRAMES - i) / (float) DECLICK_FRAMES;
			for (int c = 0; c < ch; c++) {
				out[i * ch + c] += last[c] * g * g;
			}
		}
		audible = false;
		lastProcessed = false;
		lastFallback = false;
	}

	private float[] sized(int samples) {
		if (scratch.length < samples) {
			scratch = new float[samples];
		}
		return scratch;
	}

	private void tell(float[] out, int at, int n, RenderSettings s, long pos, String fallback) {
		for (ServedAudioListener l : listeners) {
			l.served(out, at, n, s, pos, fallback);
		}
	}

	private void span(long pos, int frames, String reason) {
		FallbackSpan lastSpan = spans.peekLast();
		double seconds = track == null ? 0 : pos * settings.ratio() / track.sampleRate();
		if (lastSpan != null && lastSpan.reason().equals(reason) && lastSpan.settings().equals(settings)
				&& Math.abs(lastSpan.positionSeconds() + lastSpan.frames() * settings.ratio() / track.sampleRate()
						- seconds) < 1e-6) {
			spans.removeLast();
			spans.addLast(new FallbackSpan(lastSpan.positionSeconds(), lastSpan.frames() + frames, reason, settings));
		} else {
			spans.addLast(new FallbackSpan(seconds, frames, reason, settings));
			while (spans.size() > SPANS_KEPT) {
				spans.removeFirst();
			}
		}
	}

	@Override
	public synchronized List<FallbackSpan> fallbacks() {
		return new ArrayList<>(spans);
	}

	// ---- what the buffer asks of its decks ----

	/** The plan for where the deck is now. */
	synchronized Plan plan(Degradation degradation) {
		DecodedTrack t = track;
		if (t == null) {
			return Plan.empty();
		}
		long[] cueFrames = cues.clone();
		return Plan.of(t.generation(), settings, position, t.frames(), chunkFrames,
				engine.transitions.next(settings.preset()), cueFrames, beatFrames(),
				playedFrames * settings.ratio() / t.sampleRate(), t.sampleRate(), degradation);
	}

	/** Whether a position update is due (throttled to one per 100 ms). */
	synchronized boolean positionDue() {
		return playing && filter.positionUpdate(clock.getAsLong());
	}

	synchronized boolean holds(long generation) {
		return track != null && track.generation() == generation;
	}

	/**
	 * The render of a chunk of this deck's track, or null while its source is not decoded far
	 * enough (with half a second to spare for the render's overlap) or is damaged there.
	 */
	synchronized RenderJob job(ChunkKey key, int frames) {
		DecodedTrack t = track;
		if (t == null || t.generation() != key.generation()) {
			return null;
		}
		double ratio = key.settings().ratio();
		long start = key.index() * frames;
		long length = ChunkRender.outputFrames(t.frames(), ratio);
		int count = (int) Math.min(frames, length - start);
		if (count <= 0) {
			return null;
		}
		long sourceEnd = (long) Math.ceil((start + count) * ratio) + t.sampleRate() / 2;
		if (!t.complete() && !t.available(sourceEnd)) {
			return null;
		}
		if (t.damaged((long) Math.floor(start * ratio) - t.sampleRate() / 2, sourceEnd)) {
			return null; // that chunk errors: the deck plays the source, silent where damaged
		}
		return new RenderJob(t, key, start, count, null, 0, 0);
	}

	/** Compares the file with what was loaded: deleted, or changed by anything. */
	void checkFile() {
		DecodedTrack t;
		synchronized (this) {
			t = track;
		}
		if (t == null || t.stamp().missing() || t.stamp() == FileStamp.UNKNOWN) {
			return;
		}
		FileStamp now = FileStamp.of(t.file());
		if (now.equals(t.stamp()) || now == FileStamp.UNKNOWN) {
			return; // unchanged, or cannot be told now: a read error is not a deletion
		}
		if (now.missing()) {
			synchronized (this) {
				if (deleted) {
					return;
				}
				deleted = true;
				error = t.file() + " was deleted; it plays from memory until another track is loaded";
			}
			int dropped = engine.dropGeneration(t.generation());
			engine.errors.record("library", "deleted", t.file() + " deleted while loaded; " + dropped + " chunks dropped");
		} else {
			fileChanged(t.file());
		}
	}

	/** The file was replaced: its chunks go, and it is decoded again; the playhead stays. */
	void fileChanged(Path file) {
		DecodedTrack old;
		synchronized (this) {
			old = track;
			if (old == null || !old.file().equals(file)) {
				return;
			}
		}
		DecodedTrack fresh;
		try {
			fresh = DecodedTrack.load(engine.decoder(), file);
		} catch (AudioException e) {
			engine.errors.record("library", "reload", file + " changed and cannot be read again: " + e.getMessage());
			return;
		}
		synchronized (this) {
			if (track != old) {
				fresh.cancel();
				return;
			}
			track = fresh;
			reloading = old;
			deleted = false;
			error = null;
			jumped = true;
		}
		int dropped = engine.dropGeneration(old.generation());
		engine.errors.record("library", "replaced", file + " changed on disk; " + dropped + " chunks dropped, decoding it again");
		engine.replan(this);
	}

	@Override
	public synchronized DeckStatus status() {
		DecodedTrack t = track;
		if (t == null) {
			return new DeckStatus(null, error, 0, false, 0, 0, 44100, 2, settings, bpm, cueSeconds(44100), plays);
		}
		long total = t.frames();
		double decodedFraction = t.complete() ? 1 : total <= 0 ? 0 : Math.min(1, t.decodedFrames() / (double) total);
		String problem = error != null ? error
				: t.error() != null ? "Decoding stopped: " + t.error()
						: t.damageMessage() != null ? "Damaged audio plays as silence: " + t.damageMessage() : null;
		return new DeckStatus(t.file(), problem, decodedFraction, playing, position * settings.ratio() / t.sampleRate(),
				total / (double) t.sampleRate(), t.sampleRate(), t.channels(), settings, bpm, cueSeconds(t.sampleRate()),
				plays);
	}

	private double[] cueSeconds(int rate) {
		double[] seconds = new double[HOT_CUES];
		for (int i = 0; i < HOT_CUES; i++) {
			seconds[i] = cues[i] < 0 ? Double.NaN : cues[i] / (double) rate;
		}
		return seconds;
	}

	@Override
	public float[] overview(int columns) {
		DecodedTrack t;
		synchronized (this) {
			t = track;
		}
		return t == null ? new float[Math.max(0, columns)] : t.overview(columns);
	}

	/** The loaded track, for direct renders in tests and replays. */
	synchronized DecodedTrack track() {
		return track;
	}

	@Override
	public void close() {
		DecodedTrack old;
		synchronized (this) {
			old = track;
			track = null;
			playing = false;
		}
		if (player != null) {
			player.stop();
		}
		if (old != null) {
			old.cancel();
			engine.dropGeneration(old.generation());
		}
		engine.closed(this);
	}
}
