package orbit.audio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.SeekPoint;
import org.jflac.metadata.SeekTable;

import orbit.audio.AudioException;
import orbit.audio.Codec;
import orbit.audio.StreamInfo;

/**
 * FLAC through jflac, frame by frame. A seek moves the input to the nearest seek point before
 * the frame (or the first frame) and decodes forward, discarding samples up to the exact frame.
 */
final class FlacStream extends DecodingStream {

	private final FileChannel channel;
	private final ChannelInput input;
	private final long flacStart;
	private FLACDecoder decoder;
	private final long audioStart;
	private final SeekTable seekTable;
	private final float scale;
	private final int channels;

	/** The decoded block: {@code blockLength} frames from {@code blockStart}, read up to {@code blockIndex}. */
	private int[][] block;
	private long blockStart;
	private int blockLength;
	private int blockIndex;
	private long nextBlockStart;

	private FlacStream(StreamInfo info, TimeBound bound, FileChannel channel, ChannelInput input, FLACDecoder decoder,
			long flacStart, long audioStart, SeekTable seekTable) {
		super(info, bound);
		this.channel = channel;
		this.input = input;
		this.decoder = decoder;
		this.flacStart = flacStart;
		this.audioStart = audioStart;
		this.seekTable = seekTable;
		this.scale = 1f / (1 << info.bitsPerSample() - 1);
		this.channels = info.channels();
	}

	static FlacStream open(Path file, TimeBound bound) throws AudioException {
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file);
			long start = CodecSniffer.id3v2Length(CodecSniffer.read(file, 0));
			long audioStart = afterMetadata(file, channel, start);
			ChannelInput input = new ChannelInput(channel, start);
			FLACDecoder decoder = new FLACDecoder(input);
			SeekTable seekTable = null;
			for (Metadata metadata : decoder.readMetadata()) {
				if (metadata instanceof SeekTable table) {
					seekTable = table;
				}
			}
			org.jflac.metadata.StreamInfo stream = decoder.getStreamInfo();
			if (stream == null || stream.getChannels() < 1 || stream.getSampleRate() < 1) {
				throw new AudioException(file, "is a FLAC file without a valid STREAMINFO block");
			}
			long frames = stream.getTotalSamples() > 0 ? stream.getTotalSamples() : -1;
			long audioBytes = channel.size() - audioStart;
			int kbps = frames > 0 ? (int) (audioBytes * 8 * stream.getSampleRate() / frames / 1000) : 0;
			StreamInfo info = new StreamInfo(file, Codec.FLAC, stream.getSampleRate(), stream.getChannels(),
					stream.getBitsPerSample(), frames, kbps);
			input.moveTo(audioStart);
			decoder.getBitInputStream().reset();
			return new FlacStream(info, bound, channel, input, decoder, start, audioStart, seekTable);
		} catch (IOException | RuntimeException e) {
			close(channel);
			throw new AudioException(file, -1, 0, "has a damaged FLAC header (" + detail(e) + ")", e);
		} catch (AudioException e) {
			close(channel);
			throw e;
		}
	}

	/** The offset of the first audio frame: after "fLaC" and the metadata blocks, the last one flagged. */
	private static long afterMetadata(Path file, FileChannel channel, long start) throws IOException, AudioException {
		long offset = start + 4;
		ByteBuffer header = ByteBuffer.allocate(4);
		while (true) {
			header.clear();
			if (channel.read(header, offset) < 4) {
				throw new AudioException(file, "ends inside its FLAC metadata");
			}
			int length = header.getInt(0) & 0xFF_FFFF;
			offset += 4 + length;
			if ((header.get(0) & 0x80) != 0) {
				return offset;
			}
		}
	}

	@Override
	protected int readFrames(float[] samples, int frames) throws AudioException {
		if (blockIndex >= blockLength && !nextBlock()) {
			return -1;
		}
		int count = Math.min(frames, blockLength - blockIndex);
		for (int c = 0; c < channels; c++) {
			int[] source = block[c];
			for (int i = 0, s = c; i < count; i++, s += channels) {
				samples[s] = source[blockIndex + i] * scale;
			}
		}
		blockIndex += count;
		return count;
	}

	/** Decodes the next frame; false at the end of the stream. */
	private boolean nextBlock() throws AudioException {
		int badBefore = decoder.getBadFrames();
		Frame frame;
		try {
			frame = decoder.readNextFrame();
		} catch (IOException | RuntimeException e) {
			throw error("has a damaged FLAC frame (" + detail(e) + ")", e);
		}
		if (decoder.getBadFrames() > badBefore) {
			throw error("has a damaged FLAC frame", null);
		}
		if (frame == null) {
			if (info.frames() > 0 && nextBlockStart < info.frames()) {
				throw error("ends before its declared " + info.frames() + " frames", null);
			}
			return false;
		}
		ChannelData[] data = decoder.getChannelData();
		if (block == null || block.length != channels) {
			block = new int[channels][];
		}
		for (int c = 0; c < channels; c++) {
			block[c] = data[c].getOutput();
		}
		blockStart = nextBlockStart;
		blockLength = frame.header.blockSize;
		blockIndex = 0;
		nextBlockStart += blockLength;
		return true;
	}

	@Override
	protected void seekTo(long frame) throws AudioException {
		SeekPoint point = seekPoint(frame);
		long pointFrame = point == null ? 0 : point.getSampleNumber();
		if (frame < blockStart || pointFrame > nextBlockStart) {
			restartAt(audioStart + (point == null ? 0 : point.getStreamOffset()));
			nextBlockStart = pointFrame;
			blockStart = nextBlockStart;
			blockLength = 0;
			blockIndex = 0;
		}
		while (frame >= blockStart + blockLength) {
			bound.check(blockStart, info.sampleRate());
			if (!nextBlock()) {
				blockIndex = blockLength;
				return;
			}
		}
		blockIndex = (int) (frame - blockStart);
	}

	/**
	 * Moves the decoding to the frame at {@code offset}. A new decoder reads the metadata again:
	 * jflac's, once it has read the last frame, takes every later frame header for a bad one.
	 */
	private void restartAt(long offset) throws AudioException {
		try {
			input.moveTo(flacStart);
			decoder = new FLACDecoder(input);
			decoder.readMetadata();
		} catch (IOException | RuntimeException e) {
			throw error("has a damaged FLAC header (" + detail(e) + ")", e);
		}
		input.moveTo(offset);
		decoder.getBitInputStream().reset();
	}

	/** The last seek point at or before {@code frame}, or null when there is none (or no table). */
	private SeekPoint seekPoint(long frame) {
		SeekPoint best = null;
		for (int i = 0; seekTable != null && i < seekTable.numberOfPoints(); i++) {
			SeekPoint point = seekTable.getSeekPoint(i);
			// Placeholder points carry all ones as their sample number.
			if (point.getSampleNumber() >= 0 && point.getSampleNumber() <= frame
					&& (best == null || point.getSampleNumber() > best.getSampleNumber())) {
				best = point;
			}
		}
		return best;
	}

	@Override
	public void close() {
		close(channel);
	}
}
