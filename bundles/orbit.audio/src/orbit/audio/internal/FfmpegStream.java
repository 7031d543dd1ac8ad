package orbit.audio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import orbit.audio.AudioException;
import orbit.audio.Codec;
import orbit.audio.StreamInfo;

/**
 * Opus and M4A/AAC through the system's FFmpeg, run as a process that writes 32-bit float PCM to
 * its standard output. The process is killed when the stream is closed and when the time bound
 * passes. A seek starts a new process at the position (FFmpeg's seek before the input decodes
 * and discards up to the exact sample).
 */
final class FfmpegStream extends DecodingStream {

	/** The most frames one AAC or Opus packet yields; a decode this much shorter than declared is truncated. */
	private static final int LONGEST_PACKET = 2048;

	private final int frameBytes;
	/** Whether an Ogg file's last page is whole; an M4A's index says where its audio ends. */
	private final boolean complete;
	private byte[] bytes = new byte[0];
	private Process process;
	private InputStream pcm;
	/** What the running process writes to its standard error. */
	private CompletableFuture<byte[]> errors;

	private FfmpegStream(StreamInfo info, TimeBound bound, boolean complete) {
		super(info, bound);
		this.complete = complete;
		this.frameBytes = 4 * info.channels();
	}

	static FfmpegStream open(Path file, Codec codec, TimeBound bound) throws AudioException {
		String json = run(file, codec, bound, List.of("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
				"stream=sample_rate,channels,duration_ts,bit_rate:format=bit_rate", "-of", "json",
				file.toString()));
		int rate = (int) number(json, "sample_rate");
		int channels = (int) number(json, "channels");
		if (rate <= 0 || channels <= 0) {
			throw new AudioException(file, "holds no " + codec.label() + " stream FFmpeg can read");
		}
		long duration = number(json, "duration_ts");
		long frames = duration > 0 ? duration - (codec == Codec.OPUS ? preSkip(file) : 0) : -1;
		int kbps = (int) (number(json, "bit_rate") / 1000);
		boolean complete = codec != Codec.OPUS || lastPageComplete(file);
		return new FfmpegStream(new StreamInfo(file, codec, rate, channels, 0, frames, Math.max(0, kbps)), bound,
				complete);
	}

	/** Opus's length counts the pre-skip that the decoder drops: its OpusHead says how many samples. */
	private static int preSkip(Path file) throws AudioException {
		byte[] head = CodecSniffer.read(file, 0);
		int packet = head.length > 26 ? 27 + (head[26] & 0xFF) : head.length;
		return head.length >= packet + 12 ? (head[packet + 10] & 0xFF) | (head[packet + 11] & 0xFF) << 8 : 0;
	}

	/** FFmpeg decodes an Ogg file cut inside a page without complaint: whether it was is seen here. */
	private static boolean lastPageComplete(Path file) throws AudioException {
		byte[] head = CodecSniffer.read(file, 0);
		if (head.length < 27) {
			return false;
		}
		int serial = (head[14] & 0xFF) | (head[15] & 0xFF) << 8 | (head[16] & 0xFF) << 16 | (head[17] & 0xFF) << 24;
		try (FileChannel channel = FileChannel.open(file)) {
			return OggTail.read(channel, serial).complete();
		} catch (IOException e) {
			throw new AudioException(file, -1, 0, "cannot be read: " + e.getMessage(), e);
		}
	}

	/** A number field of ffprobe's JSON ("48000" or 48000), or -1 when absent. */
	private static long number(String json, String field) {
		Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*\"?(-?\\d+)").matcher(json);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	/** Runs a short FFmpeg command within the bound; its output, or an error naming what went wrong. */
	private static String run(Path file, Codec codec, TimeBound bound, List<String> command) throws AudioException {
		Process process = start(file, codec, command);
		try {
			CompletableFuture<byte[]> stderr = collect(process.getErrorStream());
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(Math.max(0, bound.remainingNanos()), TimeUnit.NANOSECONDS)) {
				throw bound.exceeded(-1, 0);
			}
			if (process.exitValue() != 0) {
				throw new AudioException(file, "cannot be read by FFmpeg: " + firstLine(stderr.join()));
			}
			return output;
		} catch (IOException e) {
			throw new AudioException(file, -1, 0, "cannot be read by FFmpeg: " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AudioException(file, "decoding was interrupted");
		} finally {
			process.destroyForcibly();
		}
	}

	private static Process start(Path file, Codec codec, List<String> command) throws AudioException {
		try {
			return new ProcessBuilder(command).start();
		} catch (IOException e) {
			throw new AudioException(file, -1, 0, "Decoding " + codec.label() + " needs FFmpeg: install it, e.g. apt-get install ffmpeg", e);
		}
	}

	/** Reads a process's standard error on a thread of its own, so that a full pipe never blocks it. */
	private static CompletableFuture<byte[]> collect(InputStream in) {
		return CompletableFuture.supplyAsync(() -> readAll(in), Thread::startVirtualThread);
	}

	private static byte[] readAll(InputStream in) {
		try {
			return in.readAllBytes();
		} catch (IOException e) {
			return new byte[0];
		}
	}

	private static String firstLine(byte[] errors) {
		String text = new String(errors, StandardCharsets.UTF_8).strip();
		int end = text.indexOf('\n');
		return text.isEmpty() ? "it exited with an error" : end < 0 ? text : text.substring(0, end).strip();
	}

	/** Starts the decoding process at {@code frame}; it is killed when the time bound passes. */
	private void startAt(long frame) throws AudioException {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin"));
		if (frame > 0) {
			command.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", frame / (double) info.sampleRate())));
		}
		command.addAll(List.of("-i", file().toString(), "-map", "0:a:0", "-f", "f32le", "-acodec", "pcm_f32le", "-"));
		Process started = start(file(), info.codec(), command);
		process = started;
		pcm = started.getInputStream();
		errors = collect(started.getErrorStream());
		CompletableFuture.delayedExecutor(Math.max(0, bound.remainingNanos()), TimeUnit.NANOSECONDS)
				.execute(started::destroyForcibly);
	}

	@Override
	protected int readFrames(float[] samples, int frames) throws AudioException {
		if (process == null) {
			startAt(position);
		}
		int wanted = frames * frameBytes;
		if (bytes.length < wanted) {
			bytes = new byte[wanted];
		}
		int read;
		try {
			read = pcm.readNBytes(bytes, 0, wanted);
		} catch (IOException e) {
			read = 0;
		}
		int count = read / frameBytes;
		if (count == 0) {
			return end();
		}
		ByteBuffer.wrap(bytes, 0, count * frameBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples, 0,
				count * info.channels());
		return count;
	}

	/** At the end of FFmpeg's output: -1 when it decoded the whole file, else why it stopped. */
	private int end() throws AudioException {
		bound.check(position, info.sampleRate());
		int exit;
		try {
			if (!process.waitFor(Math.max(0, bound.remainingNanos()), TimeUnit.NANOSECONDS)) {
				throw bound.exceeded(position, info.sampleRate());
			}
			exit = process.exitValue();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw error("decoding was interrupted", e);
		}
		if (exit != 0) {
			throw error("cannot be decoded by FFmpeg: " + firstLine(errors.join()), null);
		}
		if (!complete) {
			throw error("ends inside an Ogg page (the file is truncated)", null);
		}
		if (info.frames() > 0 && position < info.frames() - LONGEST_PACKET) {
			throw error("ends before its declared " + info.frames() + " frames", null);
		}
		return -1;
	}

	@Override
	protected void seekTo(long frame) throws AudioException {
		close();
		startAt(frame);
	}

	@Override
	public void close() {
		if (process != null) {
			process.destroyForcibly();
			close(pcm);
			process = null;
		}
	}
}
