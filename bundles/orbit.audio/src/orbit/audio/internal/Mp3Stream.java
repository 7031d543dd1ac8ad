package orbit.audio.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import orbit.audio.AudioException;
import orbit.audio.Codec;
import orbit.audio.StreamInfo;
import orbit.audio.internal.mp3.DamagedFrameException;
import orbit.audio.internal.mp3.Layer3Decoder;

/**
 * MPEG layer III through our own {@link Layer3Decoder}, gapless: the encoder delay and padding of
 * a LAME tag are trimmed as ffmpeg and mpg123 trim them, so a LAME encode decodes to its source's
 * exact length. A seek passes over frames up to a few before the one it lands in, then decodes
 * and discards up to the exact sample.
 */
final class Mp3Stream extends DecodingStream {

	/** The frames decoded before the frame a seek lands in. */
	private static final int WARM_UP = 10;

	/** Larger than any layer III frame: 1441 bytes at 320 kbit/s and 32 kHz, or 160 kbit/s and 8 kHz. */
	private static final int MAX_FRAME = 4096;

	private final FileChannel channel;
	private final Mp3Tag tag;
	private final int channels;
	private final Layer3Decoder decoder = new Layer3Decoder();
	private final byte[] frame = new byte[MAX_FRAME];
	/** The last frame's PCM, interleaved. */
	private final float[] pcm;
	private int pcmFrames;
	private ChannelInput input;
	/** The next frame of {@link #pcm} to hand out. */
	private int pcmIndex;
	/** The position of the first decoded sample not yet handed out, before gapless trimming. */
	private long decoded;

	private Mp3Stream(StreamInfo info, TimeBound bound, FileChannel channel, Mp3Tag tag) {
		super(info, bound);
		this.channel = channel;
		this.tag = tag;
		this.channels = info.channels();
		this.pcm = new float[1152 * channels];
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
		input = new ChannelInput(channel, tag.audioStart(), tag.audioEnd());
		decoder.reset();
		decoded = 0;
		pcmFrames = 0;
		pcmIndex = 0;
		if (tag.xing()) {
			// The Xing/Info frame holds no audio.
			readFrame();
		}
		discard(tag.skip());
	}

	/** Decodes and drops {@code frames} frames from the decoder's position. */
	private void discard(long frames) throws AudioException {
		long target = decoded + frames;
		while (decoded < target) {
			bound.check(position, info.sampleRate());
			if (pcmIndex >= pcmFrames && !decodeFrame()) {
				return;
			}
			int skip = (int) Math.min(pcmFrames - pcmIndex, target - decoded);
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
		if (pcmIndex >= pcmFrames && !decodeFrame()) {
			if (info.frames() >= 0 && position < info.frames() - tag.first().samplesPerFrame()) {
				throw error("ends before its declared " + info.frames() + " frames", null);
			}
			return -1;
		}
		int count = (int) Math.min(left, Math.min(frames, pcmFrames - pcmIndex));
		System.arraycopy(pcm, pcmIndex * channels, samples, 0, count * channels);
		pcmIndex += count;
		decoded += count;
		return count;
	}

	/** Decodes the next MPEG frame into {@link #pcm}; false at the end of the audio. */
	private boolean decodeFrame() throws AudioException {
		int length = readFrame();
		if (length < 0) {
			return false;
		}
		try {
			pcmFrames = decoder.decode(frame, 0, length, pcm, channels);
		} catch (DamagedFrameException | RuntimeException e) {
			throw error("has a damaged MPEG frame (" + detail(e) + ")", e);
		}
		pcmIndex = 0;
		return true;
	}

	/**
	 * Reads the next frame into {@link #frame}, passing over bytes that do not start one as
	 * decoders do; returns its length, or -1 at the end of the audio.
	 */
	private int readFrame() throws AudioException {
		try {
			if (fill(0, 4) < 4) {
				return -1;
			}
			while (!synchronised()) {
				System.arraycopy(frame, 1, frame, 0, 3);
				if (fill(3, 1) < 1) {
					return -1;
				}
			}
			int layer = 4 - (frame[1] >> 1 & 3);
			int rate = MpegHeader.sampleRate(frame, 0);
			if (layer != 3 || rate != info.sampleRate()) {
				throw error("changes to MPEG layer " + layer + " at " + rate + " Hz", null);
			}
			if ((frame[2] & 0xF0) == 0) {
				throw error("has a free-format MPEG frame, which is not supported", null);
			}
			int length = MpegHeader.at(frame, 0, 4).length();
			if (fill(4, length - 4) < length - 4) {
				throw error("ends inside an MPEG frame (the file is truncated)", null);
			}
			return length;
		} catch (IOException e) {
			throw error("cannot be read: " + e.getMessage(), e);
		}
	}

	/** Whether {@link #frame} starts with an MPEG audio header of any layer, free format included. */
	private boolean synchronised() {
		int b1 = frame[1] & 0xFF;
		int b2 = frame[2] & 0xFF;
		return (frame[0] & 0xFF) == 0xFF && (b1 & 0xE0) == 0xE0 && (b1 >> 3 & 3) != 1 && (b1 >> 1 & 3) != 0
				&& (b2 >> 4) != 15 && (b2 >> 2 & 3) != 3;
	}

	/** Reads up to {@code length} bytes into {@link #frame} at {@code offset}; fewer only at the end. */
	private int fill(int offset, int length) throws IOException {
		int read = 0;
		while (read < length) {
			int n = input.read(frame, offset + read, length - read);
			if (n < 0) {
				break;
			}
			read += n;
		}
		return read;
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
		decoded += pcmFrames - pcmIndex;
		pcmIndex = pcmFrames;
		decoder.reset();
		while (target - decoded > (WARM_UP + 1L) * samplesPerFrame) {
			bound.check(position, info.sampleRate());
			if (readFrame() < 0) {
				return;
			}
			decoded += samplesPerFrame;
		}
	}

	@Override
	public void close() {
		close(channel);
	}
}
