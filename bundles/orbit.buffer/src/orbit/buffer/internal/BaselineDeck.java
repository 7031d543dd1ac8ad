package orbit.buffer.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.audio.PcmStream;
import orbit.buffer.DeckStatus;
import orbit.buffer.FallbackSpan;
import orbit.buffer.Preset;
import orbit.buffer.PreviewDeck;
import orbit.buffer.RenderSettings;
import orbit.buffer.ServedAudioListener;
import orbit.buffer.internal.dsp.PresetChain;
import orbit.buffer.internal.dsp.SourceFrames;
import orbit.buffer.internal.dsp.TempoStretch;
import orbit.buffer.internal.dsp.TrackProfile;

/**
 * The decks ORBIT's buffer is measured against, both processing in the audio callback as DJ
 * software does (a preset chain that keeps its state from callback to callback, the tempo
 * stretch of the callback's range):
 * <ul>
 * <li>{@link Kind#LRU}, Mixxx's CachingReader: decoded source audio in chunks of 8,192 frames,
 * 80 of them, least recently used out; a reader thread fills them from the playhead's hints (the
 * current chunk and two ahead) and the hot cues; a callback whose source is missing plays
 * silence and never waits;</li>
 * <li>{@link Kind#NONE}: no cache at all; the callback decodes from the file, seeking after a
 * jump.</li>
 * </ul>
 * Both use the same decoder and DSP as the buffer. ADAPTIVE uses a neutral profile (neither
 * baseline measures tracks).
 */
public final class BaselineDeck implements PreviewDeck {

	public enum Kind {
		LRU, NONE
	}

	static final int CHUNK = 8192;
	static final int CHUNKS = 80;
	static final int AHEAD = 2;

	private final Kind kind;
	private final AudioDecoder decoder;
	private final List<ServedAudioListener> listeners = new CopyOnWriteArrayList<>();
	private final Map<Long, float[]> chunks = new LinkedHashMap<>(CHUNKS, 0.75f, true);
	private final long[] cues = new long[HOT_CUES];
	private final Object wanted = new Object();
	private Thread reader;
	private volatile boolean open = true;

	private volatile Path file;
	private String error;
	private PcmStream stream; // NONE: the callback's; LRU: the reader's
	private int rate = 44100, channels = 2;
	private long sourceFrames;
	private double bpm;
	private RenderSettings settings = RenderSettings.of(Preset.ORIGINAL);
	private long position; // output frames
	private boolean playing;
	private int plays;
	private PresetChain chain;
	private TempoStretch stretch;
	private long expectedSource = -1;
	private volatile long hint = -1;

	public BaselineDeck(Kind kind, AudioDecoder decoder) {
		this.kind = kind;
		this.decoder = decoder;
		Arrays.fill(cues, -1);
		if (kind == Kind.LRU) {
			reader = new Thread(this::readAhead, "baseline-reader");
			reader.setDaemon(true);
			reader.start();
		}
	}

	@Override
	public synchronized void load(Path newFile, double newBpm) {
		closeStream();
		file = newFile;
		bpm = newBpm;
		position = 0;
		playing = false;
		Arrays.fill(cues, -1);
		synchronized (chunks) {
			chunks.clear();
		}
		try {
			stream = decoder.open(newFile, Duration.ofMinutes(10));
			rate = stream.info().sampleRate();
			channels = stream.info().channels();
			sourceFrames = stream.info().frames() > 0 ? stream.info().frames() : Long.MAX_VALUE / 4;
			error = null;
		} catch (AudioException e) {
			stream = null;
			error = e.getMessage(); // shown in the status, as the buffer's deck does
		}
		stretch = new TempoStretch(rate, channels);
		chain = null;
		expectedSource = -1;
		hintAt(0);
	}

	private void closeStream() {
		if (stream != null) {
			stream.close();
			stream = null;
		}
	}

	@Override
	public synchronized void play() {
		if (stream != null && !playing) {
			playing = true;
			plays++;
		}
	}

	@Override
	public synchronized void pause() {
		playing = false;
	}

	@Override
	public synchronized void seek(double seconds) {
		jump(Math.round(seconds * rate));
	}

	private void jump(long source) {
		position = (long) Math.floor(Math.max(0, Math.min(sourceFrames, source)) / settings.ratio());
		chain = null; // a jump restarts the chain, as a deck's effects reset on seek
		hintAt(position);
	}

	@Override
	public synchronized void preset(Preset preset) {
		settings = settings.withPreset(preset);
		chain = null;
	}

	@Override
	public synchronized void intensity(double intensity) {
		settings = settings.withIntensity(Math.max(0, Math.min(1, intensity)));
		chain = null;
	}

	@Override
	public synchronized void tempo(double percent) {
		RenderSettings next = settings.withTempo(Math.max(-8, Math.min(8, percent)));
		position = Math.round(position * settings.ratio() / next.ratio());
		settings = next;
	}

	@Override
	public synchronized void setCue(int n) {
		cues[n - 1] = Math.round(position * settings.ratio());
	}

	@Override
	public synchronized void hotCue(int n) {
		if (cues[n - 1] >= 0) {
			jump(cues[n - 1]);
		}
	}

	@Override
	public synchronized void beatJump(int beats) {
		if (bpm > 0) {
			jump(Math.round(position * settings.ratio() + beats * rate * 60.0 / bpm));
		}
	}

	@Override
	public int read(float[] out, int frames) {
		synchronized (this) {
			Arrays.fill(out, 0, frames * channels, 0f);
			if (!playing || stream == null && kind == Kind.NONE) {
				tell(out, frames, ServedAudioListener.SILENCE);
				return frames;
			}
			double ratio = settings.ratio();
			long first = (long) Math.floor(position * ratio) - stretch.hop() * 2L;
			long last = (long) Math.ceil((position + frames) * ratio) + stretch.hop() * 3L;
			SourceFrames source = kind == Kind.LRU ? cached(first, last) : decoded(first, last);
			if (position * ratio >= sourceFrames) {
				playing = false;
				tell(out, frames, ServedAudioListener.SILENCE);
				return frames;
			}
			if (source == null) {
				hintAt(position);
				tell(out, frames, FallbackSpan.NOT_DECODED); // Mixxx: the chunk is not there, silence
				position += frames;
				return frames;
			}
			float[] block = settings.tempoPercent() == 0 ? direct(source, position, frames)
					: stretch.render(source, ratio, position, frames);
			if (!PresetChain.passThrough(settings.preset(), settings.intensity())) {
				if (chain == null) {
					chain = PresetChain.of(settings.preset(), settings.intensity(), rate, channels, TrackProfile.NEUTRAL);
				}
				chain.process(block, frames);
			}
			System.arraycopy(block, 0, out, 0, frames * channels);
			tell(out, frames, null);
			position += frames;
			hintAt(position);
		}
		return frames;
	}

	private float[] direct(SourceFrames source, long at, int frames) {
		float[] block = new float[frames * channels];
		source.read(at, block, frames);
		return block;
	}

	/** The source frames {@code [first, last)} if the LRU holds all their chunks, else null. */
	private SourceFrames cached(long first, long last) {
		long from = Math.max(0, first) / CHUNK, to = Math.max(0, last - 1) / CHUNK;
		Map<Long, float[]> held = new LinkedHashMap<>();
		synchronized (chunks) {
			for (long c = from; c <= to; c++) {
				float[] chunk = chunks.get(c);
				if (chunk == null && c * CHUNK < sourceFrames) {
					return null;
				}
				held.put(c, chunk);
			}
		}
		return view((frame, dst, count) -> {
			for (int i = 0; i < count; i++) {
				long f = frame + i;
				float[] chunk = f < 0 ? null : held.get(f / CHUNK);
				for (int c = 0; c < channels; c++) {
					int k = (int) (f % CHUNK) * channels + c;
					dst[i * channels + c] = chunk == null || f < 0 || k >= chunk.length ? 0f : chunk[k];
				}
			}
		});
	}

	/** NONE: decodes {@code [first, last)} from the file now, seeking if the stream is elsewhere. */
	private SourceFrames decoded(long first, long last) {
		long from = Math.max(0, first);
		int count = (int) (last - from);
		float[] samples = new float[count * channels];
		try {
			if (stream.position() != from) {
				stream.seek(from);
			}
			int done = 0;
			while (done < count) {
				float[] part = new float[(count - done) * channels];
				int n = stream.read(part, count - done);
				if (n < 0) {
					break;
				}
				System.arraycopy(part, 0, samples, done * channels, n * channels);
				done += n;
			}
			// The next callback overlaps this one (the stretch's margins): start it where it starts.
			stream.seek(Math.max(0, (long) Math.floor((position + 1024) * settings.ratio()) - stretch.hop() * 2L));
		} catch (AudioException e) {
			return null;
		}
		return view((frame, dst, n) -> {
			for (int i = 0; i < n * channels; i++) {
				long k = (frame - from) * channels + i;
				dst[i] = k < 0 || k >= samples.length ? 0f : samples[(int) k];
			}
		});
	}

	private interface Reads {
		void read(long frame, float[] dst, int count);
	}

	private SourceFrames view(Reads reads) {
		int r = rate, ch = channels;
		long total = sourceFrames;
		return new SourceFrames() {
			@Override
			public int sampleRate() {
				return r;
			}

			@Override
			public int channels() {
				return ch;
			}

			@Override
			public long frames() {
				return total;
			}

			@Override
			public void read(long frame, float[] dst, int count) {
				reads.read(frame, dst, count);
			}
		};
	}

	private void hintAt(long outputPosition) {
		hint = (long) Math.floor(outputPosition * settings.ratio());
		synchronized (wanted) {
			wanted.notifyAll();
		}
	}

	/**
	 * The reader thread: keeps the hinted chunks (the playhead's, two ahead, and the cues')
	 * decoded, with a stream of its own and without holding the deck, as Mixxx's reader works
	 * beside its engine.
	 */
	private void readAhead() {
		Path readerFile = null;
		PcmStream readerStream = null;
		try {
			while (open) {
				long at = hint;
				long missing = -1;
				Path now;
				long total;
				long[] cueFrames;
				synchronized (this) {
					now = file;
					total = sourceFrames;
					cueFrames = cues.clone();
				}
				if (now != null && at >= 0) {
					long c0 = at / CHUNK;
					synchronized (chunks) {
						for (long c = c0; c <= c0 + AHEAD && missing < 0; c++) {
							if (!chunks.containsKey(c) && c * CHUNK < total) {
								missing = c;
							}
						}
						for (long cue : cueFrames) {
							if (missing < 0 && cue >= 0 && !chunks.containsKey(cue / CHUNK)) {
								missing = cue / CHUNK;
							}
						}
					}
				}
				if (missing >= 0) {
					try {
						if (!now.equals(readerFile)) {
							if (readerStream != null) {
								readerStream.close();
							}
							readerStream = decoder.open(now, Duration.ofMinutes(10));
							readerFile = now;
						}
						float[] chunk = new float[CHUNK * channels];
						if (readerStream.position() != missing * CHUNK) {
							readerStream.seek(missing * CHUNK);
						}
						int done = 0;
						while (done < CHUNK) {
							float[] part = new float[(CHUNK - done) * channels];
							int n = readerStream.read(part, CHUNK - done);
							if (n < 0) {
								break;
							}
							System.arraycopy(part, 0, chunk, done * channels, n * channels);
							done += n;
						}
						synchronized (chunks) {
							if (now.equals(file)) {
								chunks.put(missing, chunk);
								if (chunks.size() > CHUNKS) {
									chunks.remove(chunks.keySet().iterator().next());
								}
							}
						}
					} catch (AudioException e) {
						missing = -1;
					}
				}
				if (missing < 0) {
					synchronized (wanted) {
						wanted.wait(20);
					}
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			if (readerStream != null) {
				readerStream.close();
			}
		}
	}

	private void tell(float[] out, int frames, String fallback) {
		for (ServedAudioListener l : listeners) {
			l.served(out, 0, frames, settings, position, fallback);
		}
	}

	@Override
	public synchronized DeckStatus status() {
		double[] cueSeconds = new double[HOT_CUES];
		for (int i = 0; i < HOT_CUES; i++) {
			cueSeconds[i] = cues[i] < 0 ? Double.NaN : cues[i] / (double) rate;
		}
		return new DeckStatus(file, error, 1, playing, position * settings.ratio() / rate, sourceFrames / (double) rate,
				rate, channels, settings, bpm, cueSeconds, plays);
	}

	@Override
	public float[] overview(int columns) {
		return new float[Math.max(0, columns)];
	}

	@Override
	public List<FallbackSpan> fallbacks() {
		return List.of();
	}

	@Override
	public void onServed(ServedAudioListener listener) {
		listeners.add(listener);
	}

	@Override
	public synchronized void close() {
		open = false;
		playing = false;
		closeStream();
		if (reader != null) {
			reader.interrupt();
		}
	}
}
