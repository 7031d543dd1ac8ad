package orbit.buffer.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.buffer.Preset;
import orbit.buffer.RenderSettings;
import orbit.buffer.internal.dsp.ChunkRender;
import orbit.buffer.internal.dsp.TrackProfile;

/**
 * A whole track rendered chunk by chunk, exactly as the deck's chunks are: the command line's
 * render, which a user can compare with what the deck played.
 */
public final class WholeRender {

	private WholeRender() {
	}

	/** What a render produced. */
	public record Result(long frames, int sampleRate, int channels, long replaced, String damage) {
	}

	/**
	 * Renders {@code file} at {@code settings} into a 32-bit float WAV written by {@code writer}.
	 */
	public static Result render(AudioDecoder decoder, AudioAnalysis analysis, Path file, RenderSettings settings,
			int chunkFrames, WavTarget target) throws AudioException, IOException {
		DecodedTrack track = DecodedTrack.load(decoder, file);
		while (!track.complete()) {
			try {
				Thread.sleep(5);
			} catch (InterruptedException e) {
				track.cancel();
				Thread.currentThread().interrupt();
				throw new IOException("interrupted");
			}
		}
		if (track.decodedFrames() == 0 && track.error() != null) {
			throw new IOException(track.error());
		}
		TrackProfile profile = settings.preset() == Preset.ADAPTIVE ? TrackProfile.measure(track, analysis)
				: TrackProfile.NEUTRAL;
		long length = ChunkRender.outputFrames(track.frames(), settings.ratio());
		int ch = track.channels();
		long[] replaced = { track.replaced() };
		target.write(out -> {
			writeHeader(out, length, track.sampleRate(), ch);
			ByteBuffer bytes = ByteBuffer.allocate(chunkFrames * ch * 4).order(ByteOrder.LITTLE_ENDIAN);
			for (long start = 0; start < length; start += chunkFrames) {
				int n = (int) Math.min(chunkFrames, length - start);
				float[] samples;
				if (settings.identity()) {
					samples = new float[n * ch];
					track.read(start, samples, n);
				} else {
					ChunkRender.Rendered r = ChunkRender.render(track, settings, profile, start, n);
					replaced[0] += r.replaced();
					samples = r.samples();
				}
				bytes.clear();
				bytes.asFloatBuffer().put(samples, 0, n * ch);
				out.write(bytes.array(), 0, n * ch * 4);
			}
		});
		return new Result(length, track.sampleRate(), ch, replaced[0], track.damageMessage());
	}

	/** Where the WAV goes: the caller decides how it is made durable. */
	@FunctionalInterface
	public interface WavTarget {
		void write(WavBody body) throws IOException;
	}

	@FunctionalInterface
	public interface WavBody {
		void writeTo(OutputStream out) throws IOException;
	}

	/** A target that writes a file directly. */
	public static WavTarget file(Path path) {
		return body -> {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
				body.writeTo(out);
			}
		};
	}

	/** RIFF/WAVE with WAVE_FORMAT_IEEE_FLOAT: the render's samples, bit for bit. */
	private static void writeHeader(OutputStream out, long frames, int rate, int channels) throws IOException {
		long data = frames * channels * 4;
		if (data > 0xFFFFFFFFL - 50) {
			throw new IOException("The render is too long for a WAV file (4 GiB)");
		}
		ByteBuffer h = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
		h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (50 + data));
		h.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		h.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(18).putShort((short) 3)
				.putShort((short) channels).putInt(rate).putInt(rate * channels * 4).putShort((short) (channels * 4))
				.putShort((short) 32).putShort((short) 0);
		h.put("fact".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4).putInt((int) frames);
		h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) data);
		out.write(h.array());
	}
}
