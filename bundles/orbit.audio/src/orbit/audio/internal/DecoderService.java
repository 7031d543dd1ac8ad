package orbit.audio.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Component;

import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.audio.Codec;
import orbit.audio.Pcm;
import orbit.audio.PcmStream;
import orbit.audio.StreamInfo;

/** Picks the decoder by the file's content and bounds every decode in time. */
@Component(service = AudioDecoder.class)
public class DecoderService implements AudioDecoder {

	/** Frames read per call when a whole file is decoded. */
	private static final int CHUNK = 8192;

	@Override
	public PcmStream open(Path file, Duration bound) throws AudioException {
		TimeBound timeBound = new TimeBound(file, bound);
		Codec codec = CodecSniffer.detect(file);
		return switch (codec) {
		case WAV, AIFF -> UncompressedStream.open(file, codec, timeBound);
		case FLAC -> FlacStream.open(file, timeBound);
		case MP3 -> Mp3Stream.open(file, timeBound);
		case VORBIS -> VorbisStream.open(file, timeBound);
		case OPUS, AAC -> FfmpegStream.open(file, codec, timeBound);
		};
	}

	@Override
	public StreamInfo probe(Path file) throws AudioException {
		try (PcmStream stream = open(file, DEFAULT_BOUND)) {
			return stream.info();
		}
	}

	@Override
	public Pcm decode(Path file) throws AudioException {
		return decode(file, DEFAULT_BOUND);
	}

	/**
	 * Decodes on a worker thread: a decoder caught in a loop inside one call never returns to
	 * check its bound, so the caller stops waiting at the bound, closes the stream under it and
	 * abandons the thread.
	 */
	@Override
	public Pcm decode(Path file, Duration bound) throws AudioException {
		TimeBound timeBound = new TimeBound(file, bound);
		AtomicReference<PcmStream> opened = new AtomicReference<>();
		AtomicLong reached = new AtomicLong(-1);
		CompletableFuture<Pcm> result = new CompletableFuture<>();
		Thread worker = Thread.ofPlatform().daemon().name("orbit decode " + file.getFileName()).unstarted(() -> {
			try (PcmStream stream = open(file, bound)) {
				opened.set(stream);
				result.complete(readAll(stream, reached));
			} catch (AudioException | RuntimeException | OutOfMemoryError e) {
				result.completeExceptionally(e);
			}
		});
		worker.start();
		try {
			return result.get(Math.max(0, timeBound.remainingNanos()), TimeUnit.NANOSECONDS);
		} catch (TimeoutException e) {
			PcmStream stream = opened.get();
			if (stream != null) {
				stream.close();
			}
			worker.interrupt();
			throw timeBound.exceeded(reached.get(), stream == null ? 0 : stream.info().sampleRate());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			worker.interrupt();
			throw new AudioException(file, "decoding was interrupted");
		} catch (ExecutionException e) {
			if (e.getCause() instanceof AudioException audio) {
				throw audio;
			}
			throw new AudioException(file, reached.get(), 0, "the decoder failed: " + e.getCause(), e.getCause());
		}
	}

	private static Pcm readAll(PcmStream stream, AtomicLong reached) throws AudioException {
		StreamInfo info = stream.info();
		int channels = info.channels();
		// A declared length is a hint only: a damaged header may claim hours.
		long expected = info.frames() > 0 ? Math.min(info.frames(), 600L * info.sampleRate()) : 60L * info.sampleRate();
		float[] samples = new float[(int) Math.min(Integer.MAX_VALUE - 8, (expected + CHUNK) * channels)];
		float[] chunk = new float[CHUNK * channels];
		long frames = 0;
		int read;
		while ((read = stream.read(chunk, CHUNK)) >= 0) {
			int needed = (int) ((frames + read) * channels);
			if (needed > samples.length) {
				samples = Arrays.copyOf(samples, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, samples.length * 3L / 2)));
			}
			System.arraycopy(chunk, 0, samples, (int) (frames * channels), read * channels);
			frames += read;
			reached.set(frames);
		}
		int length = (int) (frames * channels);
		return new Pcm(info, samples.length == length ? samples : Arrays.copyOf(samples, length), frames,
				stream.replaced());
	}
}
