package orbit.buffer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.audio.PcmStream;
import orbit.audio.StreamInfo;
import orbit.buffer.internal.dsp.SourceFrames;

/**
 * A track decoded into memory, 16 bits a sample, in blocks, from its start; readable while the
 * decode goes on. Every render reads from here rather than from the file, so that a chunk is the
 * same whatever order chunks are rendered in (MP3 seeks are not sample-exact) and a render never
 * waits on the disk. 16 bits halve the memory of float (a 5-minute stereo track takes 53 MB) and
 * are the resolution a preview needs.
 *
 * <p>Each load gets its own {@link #generation()}: cached chunks are keyed by it, so chunks of a
 * file's old content can never be served for its new content.
 */
public final class DecodedTrack implements SourceFrames {

	/** Frames per block: blocks are appended while decoding and never move. */
	static final int BLOCK_FRAMES = 1 << 16;
	private static final int READ_FRAMES = 4096;

	private static final AtomicLong GENERATIONS = new AtomicLong();

	private final Path file;
	private final long generation = GENERATIONS.incrementAndGet();
	private final FileStamp stamp;
	private final StreamInfo info;
	private final int channels;
	private final List<short[]> blocks = new ArrayList<>();
	/** Frames decoded so far; written by the decoding thread only. */
	private volatile long decoded;
	private volatile boolean complete;
	private volatile String error;
	private volatile long replaced;
	private volatile boolean cancelled;
	private final List<long[]> damaged = new ArrayList<>();
	private volatile String firstDamage;

	private DecodedTrack(Path file, FileStamp stamp, StreamInfo info) {
		this.file = file;
		this.stamp = stamp;
		this.info = info;
		this.channels = info.channels();
	}

	/**
	 * Opens a track and decodes it on a thread of its own, at normal priority: the playhead waits
	 * on this, unlike on rendering.
	 *
	 * @throws AudioException when the file cannot be opened as audio at all
	 */
	public static DecodedTrack load(AudioDecoder decoder, Path file) throws AudioException {
		FileStamp stamp = FileStamp.of(file);
		PcmStream stream = decoder.open(file, Duration.ofMinutes(10));
		DecodedTrack track = new DecodedTrack(file, stamp, stream.info());
		Thread thread = new Thread(() -> track.decode(decoder, stream), "orbit-buffer-decode");
		thread.setDaemon(true);
		thread.start();
		return track;
	}

	/** A track already in memory, for renders of audio that is not in a file. */
	public static DecodedTrack of(StreamInfo info, float[] samples, long frames) {
		DecodedTrack track = new DecodedTrack(info.file(), FileStamp.NONE, info);
		track.append(samples, (int) frames);
		track.complete = true;
		return track;
	}

	/**
	 * Decodes to the end. Where the file is damaged, the decode starts again half a second further
	 * on (a new stream, sought there), the gap is kept as silence and remembered as damaged: one
	 * bad frame costs half a second, never the rest of the track.
	 */
	private void decode(AudioDecoder decoder, PcmStream first) {
		PcmStream stream = first;
		// Small reads: the playhead can start once the first 93 ms are decoded, not the first block.
		float[] buffer = new float[READ_FRAMES * channels];
		int resyncs = 0;
		try {
			while (!cancelled) {
				try {
					int n = stream.read(buffer, READ_FRAMES);
					if (n < 0) {
						break;
					}
					append(buffer, n);
				} catch (AudioException | RuntimeException e) {
					String message = e.getMessage() == null ? e.toString() : e.getMessage();
					replaced += stream.replaced();
					stream.close();
					long from = decoded;
					long to = -1;
					// Half a second further on, then further, until a stream opens and seeks there.
					for (int attempt = 1; resyncs < MAX_RESYNCS; attempt++) {
						resyncs++;
						long at = from + (long) attempt * info.sampleRate() / 2;
						if (info.frames() >= 0 && at >= info.frames()) {
							break;
						}
						try {
							stream = decoder.open(file, Duration.ofMinutes(10));
							stream.seek(at);
							to = at;
							break;
						} catch (AudioException again) {
							stream.close();
						}
					}
					if (to < 0) {
						error = message;
						break;
					}
					damage(from, to, message);
				}
			}
		} finally {
			if (error == null) {
				replaced += stream.replaced();
			}
			stream.close();
			complete = true;
		}
	}

	/**
	 * Gaps beyond this many mean the file is too damaged to be worth decoding further. 40 half
	 * seconds reach past a FLAC's next seek point (flac writes one every 10 s), which is where its
	 * decoder can start again after damage.
	 */
	private static final int MAX_RESYNCS = 40;

	private void damage(long from, long to, String message) {
		float[] silence = new float[(int) Math.min(BLOCK_FRAMES, to - from) * channels];
		long at = from;
		while (at < to) {
			int n = (int) Math.min(to - at, BLOCK_FRAMES);
			append(silence, n);
			at += n;
		}
		synchronized (damaged) {
			damaged.add(new long[] { from, to });
		}
		if (firstDamage == null) {
			firstDamage = message;
		}
	}

	/** The source frame ranges that are silence because the file is damaged there. */
	public List<long[]> damaged() {
		synchronized (damaged) {
			return new ArrayList<>(damaged);
		}
	}

	/** Whether any of source frames {@code [from, to)} is damaged. */
	public boolean damaged(long from, long to) {
		synchronized (damaged) {
			for (long[] range : damaged) {
				if (range[0] < to && from < range[1]) {
					return true;
				}
			}
		}
		return false;
	}

	/** What the decoder said at the first damage, or null. */
	public String damageMessage() {
		return firstDamage;
	}

	private void append(float[] samples, int frames) {
		int done = 0;
		while (done < frames) {
			long at = decoded;
			int inBlock = (int) (at % BLOCK_FRAMES);
			short[] block;
			synchronized (blocks) {
				if (inBlock == 0) {
					blocks.add(new short[BLOCK_FRAMES * channels]);
				}
				block = blocks.get(blocks.size() - 1);
			}
			int n = Math.min(frames - done, BLOCK_FRAMES - inBlock);
			for (int i = 0, s = done * channels, d = inBlock * channels; i < n * channels; i++) {
				block[d++] = toShort(samples[s++]);
			}
			done += n;
			decoded = at + n;
		}
	}

	private static short toShort(float sample) {
		// Decoders give [-1, 1]; round to the nearest 16-bit step.
		int v = Math.round(sample * 32768f);
		return (short) Math.max(-32768, Math.min(32767, v));
	}

	public void cancel() {
		cancelled = true;
	}

	public Path file() {
		return file;
	}

	public long generation() {
		return generation;
	}

	public FileStamp stamp() {
		return stamp;
	}

	public StreamInfo info() {
		return info;
	}

	@Override
	public int sampleRate() {
		return info.sampleRate();
	}

	@Override
	public int channels() {
		return channels;
	}

	/**
	 * The length: what is decoded once complete, else the declared length (or what is decoded when
	 * the file declares none).
	 */
	@Override
	public long frames() {
		long now = decoded;
		if (complete || info.frames() < 0) {
			return now;
		}
		return Math.max(now, info.frames());
	}

	public long decodedFrames() {
		return decoded;
	}

	public boolean complete() {
		return complete;
	}

	/** Why decoding stopped before the end, or null. */
	public String error() {
		return error;
	}

	public long replaced() {
		return replaced;
	}

	/** Whether frames {@code [0, end)} are decoded, or the decode ended before {@code end}. */
	public boolean available(long end) {
		return decoded >= end || complete;
	}

	/**
	 * Waits until {@link #available available(end)} or {@code max} has passed; whether it is. A
	 * decode's first tenth of a second takes milliseconds; a cold decoder or a busy machine, longer.
	 */
	public boolean awaitAvailable(long end, Duration max) {
		long until = System.nanoTime() + max.toNanos();
		while (!available(end) && !cancelled) {
			if (System.nanoTime() > until) {
				return false;
			}
			try {
				Thread.sleep(1);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return available(end);
			}
		}
		return available(end);
	}

	@Override
	public void read(long frame, float[] dst, int count) {
		Objects.checkFromIndexSize(0, (long) count * channels, dst.length);
		long end = decoded;
		int i = 0;
		while (i < count) {
			long f = frame + i;
			if (f < 0 || f >= end) {
				int n = f < 0 ? (int) Math.min(count - i, -f) : count - i;
				java.util.Arrays.fill(dst, i * channels, (i + n) * channels, 0f);
				i += n;
				continue;
			}
			short[] block;
			synchronized (blocks) {
				block = blocks.get((int) (f / BLOCK_FRAMES));
			}
			int inBlock = (int) (f % BLOCK_FRAMES);
			int n = (int) Math.min(Math.min(count - i, BLOCK_FRAMES - inBlock), end - f);
			for (int k = 0, s = inBlock * channels, d = i * channels; k < n * channels; k++) {
				dst[d++] = block[s++] * (1f / 32768f);
			}
			i += n;
		}
	}

	/** The peak of each of {@code columns} slices of the decoded part, 0 to 1. */
	public float[] overview(int columns) {
		float[] peaks = new float[Math.max(0, columns)];
		long total = frames();
		long end = decoded;
		if (columns <= 0 || total <= 0) {
			return peaks;
		}
		// A stride keeps this cheap for a UI that redraws: ~256 probes per column.
		for (int c = 0; c < columns; c++) {
			long from = total * c / columns;
			long to = Math.min(end, total * (c + 1) / columns);
			long step = Math.max(1, (to - from) / 256);
			int peak = 0;
			for (long f = from; f < to; f += step) {
				short[] block;
				synchronized (blocks) {
					block = blocks.get((int) (f / BLOCK_FRAMES));
				}
				int s = (int) (f % BLOCK_FRAMES) * channels;
				for (int ch = 0; ch < channels; ch++) {
					peak = Math.max(peak, Math.abs(block[s + ch]));
				}
			}
			peaks[c] = Math.min(1f, peak / 32768f);
		}
		return peaks;
	}

	/** Bytes the decoded samples take. */
	public long bytes() {
		synchronized (blocks) {
			return (long) blocks.size() * BLOCK_FRAMES * channels * 2;
		}
	}

	/**
	 * What identifies a file's content without reading it: size, modification time and file key
	 * (the inode). An atomic replacement changes the inode even when it keeps the time.
	 */
	public record FileStamp(long size, long modified, Object key) {

		static final FileStamp NONE = new FileStamp(-1, -1, null);
		/** The attributes could not be read (a permission, an I/O error): nothing can be told. */
		static final FileStamp UNKNOWN = new FileStamp(-2, -2, null);

		public static FileStamp of(Path file) {
			try {
				BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
				return new FileStamp(a.size(), a.lastModifiedTime().toMillis(), a.fileKey());
			} catch (java.nio.file.NoSuchFileException e) {
				return NONE;
			} catch (IOException e) {
				return UNKNOWN;
			}
		}

		public boolean missing() {
			return size == -1;
		}
	}
}
