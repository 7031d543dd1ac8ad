package orbit.audio.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.Obuffer;
import orbit.audio.AudioException;
import orbit.audio.Codec;
import orbit.audio.StreamInfo;

/**
 * MPEG layer III through jlayer's bitstream and decoder, gapless: the encoder delay and padding
 * of a LAME tag are trimmed as ffmpeg and mpg123 trim them, so a LAME encode decodes to its
 * source's exact length. A seek passes over frames up to a few before the one it lands in, then
 * decodes and discards up to the exact sample.
 */
final class Mp3Stream extends DecodingStream {

	/** jlayer's synthesis filter scales its output to 32700 instead of 32768: undone here. */
	private static final float SYNTHESIS_SCALE = 1f / 32700;

	/** The frames decoded before the frame a seek lands in. */
	private static final int WARM_UP = 10;

	private final FileChannel channel;
	private final Mp3Tag tag;
	private final int channels;
	private final PcmBuffer pcm;
	private Bitstream bitstream;
	private Decoder decoder;
	/** Bytes of the frames read so far: more than the file holds means the last frame was cut. */
	private long frameBytes;
	/** The next frame of {@link #pcm} to hand out. */
	private int pcmIndex;
	/** The position of the first decoded sample not yet handed out, before gapless trimming. */
	private long decoded;

	private Mp3Stream(StreamInfo info, TimeBound bound, FileChannel channel, Mp3Tag tag) {
		super(info, bound);
		this.channel = channel;
		this.tag = tag;
		this.channels = info.channels();
		this.pcm = new PcmBuffer(channels);
	}

	static Mp3Stream open(Path file, TimeBound bound) throws AudioException {
		Mp3Tag tag = Mp3Tag.read(file);
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file);
			MpegHeader first = tag.first();
			StreamInfo info = new StreamInfo(file, Codec.MP3, first.sampleRate(), first.channels(), 0,
					tag.decodedFrames(), tag.bitrateKbps(channel.size()));
			Mp3Stream stream = new Mp3Stream(info, bound, channel, tag);
			stream.restart();
			return stream;
		} catch (IOException e) {
			close(channel);
			throw new AudioException(file, -1, 0, "cannot be read: " + e.getMessage(), e);
		} catch (AudioException e) {
			close(channel);
			throw e;
		}
	}

	/** Starts decoding again from the first frame, skipping the Xing frame and the gapless delay. */
	private void restart() throws AudioException {
		bitstream = new Bitstream(new ChannelInput(channel, tag.audioStart(), tag.audioEnd()));
		decoder = new Decoder();
		decoder.setOutputBuffer(pcm);
		frameBytes = 0;
		decoded = 0;
		pcm.clear_buffer();
		pcmIndex = 0;
		if (tag.xing()) {
			// The Xing/Info frame holds no audio.
			if (readHeader() != null) {
				bitstream.closeFrame();
			}
		}
		discard(tag.skip());
	}

	/** Decodes and drops {@code frames} frames from the decoder's position. */
	private void discard(long frames) throws AudioException {
		long target = decoded + frames;
		while (decoded < target) {
			bound.check(position, info.sampleRate());
			if (pcmIndex >= pcm.frames() && !decodeFrame()) {
				return;
			}
			int skip = (int) Math.min(pcm.frames() - pcmIndex, target - decoded);
			pcmIndex += skip;
			decoded += skip;
		}
	}

	@Override
	protected int readFrames(float[] samples, int frames) throws AudioException {
		long left = info.frames() < 0 ? Long.MAX_VALUE : info.frames() - position;
		if (left <= 0) {
			return -1;
		}
		if (pcmIndex >= pcm.frames() && !decodeFrame()) {
			if (info.frames() >= 0 && position < info.frames() - tag.first().samplesPerFrame()) {
				throw error("ends before its declared " + info.frames() + " frames", null);
			}
			return -1;
		}
		int count = (int) Math.min(left, Math.min(frames, pcm.frames() - pcmIndex));
		System.arraycopy(pcm.samples, pcmIndex * channels, samples, 0, count * channels);
		pcmIndex += count;
		decoded += count;
		return count;
	}

	/** Decodes the next MPEG frame into {@link #pcm}; false at the end of the audio. */
	private boolean decodeFrame() throws AudioException {
		Header header = readHeader();
		if (header == null) {
			return false;
		}
		pcm.clear_buffer();
		pcmIndex = 0;
		try {
			decoder.decodeFrame(header, bitstream);
		} catch (JavaLayerException | RuntimeException e) {
			throw error("has a damaged MPEG frame (" + detail(e) + ")", e);
		} finally {
			bitstream.closeFrame();
		}
		// A frame whose bit reservoir was lost decodes to nothing: it still lasts a frame.
		pcm.fill(tag.first().samplesPerFrame());
		return true;
	}

	private Header readHeader() throws AudioException {
		Header header;
		try {
			header = bitstream.readFrame();
		} catch (JavaLayerException | RuntimeException e) {
			throw error("has a damaged MPEG stream (" + detail(e) + ")", e);
		}
		if (header == null) {
			return null;
		}
		if (header.layer() != 3 || header.frequency() != info.sampleRate()) {
			throw error("changes to MPEG layer " + header.layer() + " at " + header.frequency() + " Hz", null);
		}
		frameBytes += header.framesize + 4;
		if (tag.audioStart() + frameBytes > tag.audioEnd()) {
			// jlayer fills a cut frame with zeros; a file that ends inside a frame is truncated.
			throw error("ends inside an MPEG frame (the file is truncated)", null);
		}
		return header;
	}

	@Override
	protected void seekTo(long frame) throws AudioException {
		long target = frame + tag.skip();
		if (target < decoded) {
			restart();
		}
		skipFramesBefore(target);
		discard(target - decoded);
	}

	/**
	 * Passes over whole MPEG frames without decoding them, up to {@link #WARM_UP} frames before
	 * the one holding {@code target}. The frames decoded from there refill the bit reservoir (511
	 * bytes at most, five frames at 32 kbit/s) and the filters' overlap, so the samples from the
	 * target on are those of a decode from the start.
	 */
	private void skipFramesBefore(long target) throws AudioException {
		int samplesPerFrame = tag.first().samplesPerFrame();
		if (target - decoded <= (WARM_UP + 1L) * samplesPerFrame) {
			return;
		}
		decoded += pcm.frames() - pcmIndex;
		pcmIndex = pcm.frames();
		while (target - decoded > (WARM_UP + 1L) * samplesPerFrame) {
			bound.check(position, info.sampleRate());
			if (readHeader() == null) {
				return;
			}
			bitstream.closeFrame();
			decoded += samplesPerFrame;
		}
	}

	@Override
	public void close() {
		try {
			bitstream.close();
		} catch (JavaLayerException e) {
			// The channel below is closed next.
		}
		close(channel);
	}

	/** Collects the synthesis filter's output, interleaved, one MPEG frame at a time. */
	private static final class PcmBuffer extends Obuffer {
		final float[] samples;
		/** Where each channel's next sample goes. */
		private final int[] next;

		PcmBuffer(int channels) {
			this.samples = new float[1152 * channels];
			this.next = new int[channels];
			for (int c = 0; c < channels; c++) {
				next[c] = c;
			}
		}

		int frames() {
			return next[0] / next.length;
		}

		/** Pads every channel with silence up to {@code frames}. */
		void fill(int frames) {
			for (int c = 0; c < next.length; c++) {
				for (; next[c] < frames * next.length; next[c] += next.length) {
					samples[next[c]] = 0;
				}
			}
		}

		@Override
		public void appendSamples(int channel, float[] values) {
			if (channel >= next.length) {
				return;
			}
			int at = next[channel];
			int step = next.length;
			for (int i = 0; i < 32 && at < samples.length; i++, at += step) {
				samples[at] = values[i] * SYNTHESIS_SCALE;
			}
			next[channel] = at;
		}

		@Override
		public void append(int channel, short value) {
			if (channel < next.length && next[channel] < samples.length) {
				samples[next[channel]] = value / 32768f;
				next[channel] += next.length;
			}
		}

		@Override
		public void write_buffer(int value) {
			// Samples are taken from the array after each frame.
		}

		@Override
		public void close() {
			// Holds no resources.
		}

		@Override
		public void clear_buffer() {
			for (int c = 0; c < next.length; c++) {
				next[c] = c;
			}
		}

		@Override
		public void set_stop_flag() {
			// Decoding stops when the stream stops asking for frames.
		}
	}
}
