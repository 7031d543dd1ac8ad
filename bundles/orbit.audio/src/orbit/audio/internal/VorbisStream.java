package orbit.audio.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;

import orbit.audio.AudioException;
import orbit.audio.Codec;
import orbit.audio.StreamInfo;

/**
 * Ogg Vorbis through jogg and jorbis. The length is the last page's granule position, so the
 * padding of the last packet is trimmed as libvorbis trims it. A seek decodes and discards from
 * the start (or from the position when seeking forward): exact.
 */
final class VorbisStream extends DecodingStream {

	private static final int READ_BYTES = 8192;

	/** The most frames one Vorbis packet yields: half the largest block size the format allows. */
	private static final int LONGEST_PACKET = 4096;

	private final FileChannel channel;
	private final int channels;
	/** Whether the file's last page is whole. */
	private final boolean complete;
	private ChannelInput input;
	private SyncState sync;
	private StreamState ogg;
	private Info vorbis;
	private DspState dsp;
	private Block block;
	private final Page page = new Page();
	private final Packet packet = new Packet();
	private final float[][][] pcm = new float[1][][];
	private int[] pcmIndex;
	private int serial;
	/** Samples of the last synthesised block not yet handed out. */
	private int pending;
	private boolean ended;
	/** Frames decoded so far, handed out or discarded. */
	private long decoded;

	private VorbisStream(StreamInfo info, TimeBound bound, FileChannel channel, boolean complete) {
		super(info, bound);
		this.complete = complete;
		this.channel = channel;
		this.channels = info.channels();
	}

	static VorbisStream open(Path file, TimeBound bound) throws AudioException {
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file);
			// The headers are read once to learn the rate and channels, then again by the stream.
			VorbisStream headers = new VorbisStream(new StreamInfo(file, Codec.VORBIS, 1, 1, 0, -1, 0), bound, channel,
					true);
			headers.startDecoder();
			Info vorbis = headers.vorbis;
			OggTail tail = OggTail.read(channel, headers.serial);
			long frames = tail.granule();
			int kbps = frames > 0 ? (int) (channel.size() * 8 * vorbis.rate / frames / 1000) : 0;
			StreamInfo info = new StreamInfo(file, Codec.VORBIS, vorbis.rate, vorbis.channels, 0, frames, kbps);
			VorbisStream stream = new VorbisStream(info, bound, channel, tail.complete());
			stream.startDecoder();
			return stream;
		} catch (IOException e) {
			close(channel);
			throw new AudioException(file, -1, 0, "cannot be read: " + e.getMessage(), e);
		} catch (AudioException e) {
			close(channel);
			throw e;
		}
	}

	/** Reads the headers from the start of the file and readies the synthesis. */
	private void startDecoder() throws AudioException {
		input = new ChannelInput(channel, 0);
		sync = new SyncState();
		ogg = new StreamState();
		vorbis = new Info();
		Comment comment = new Comment();
		vorbis.init();
		comment.init();
		if (!nextPage()) {
			throw error("has no Ogg page", null);
		}
		serial = page.serialno();
		ogg.init(serial);
		ogg.pagein(page);
		for (int header = 0; header < 3;) {
			int result = ogg.packetout(packet);
			if (result == 0) {
				if (!nextPage()) {
					throw error("ends inside its Vorbis headers", null);
				}
				ogg.pagein(page);
				continue;
			}
			if (result < 0 || vorbis.synthesis_headerin(comment, packet) < 0) {
				throw error("has a damaged Vorbis header", null);
			}
			header++;
		}
		if (vorbis.channels < 1 || vorbis.rate < 1) {
			throw error("declares " + vorbis.channels + " channels at " + vorbis.rate + " Hz", null);
		}
		dsp = new DspState();
		dsp.synthesis_init(vorbis);
		block = new Block(dsp);
		pcmIndex = new int[vorbis.channels];
		pending = 0;
		ended = false;
		decoded = 0;
	}

	/** The next page of the stream into {@link #page}; false at the end of the file. */
	private boolean nextPage() throws AudioException {
		while (true) {
			int result = sync.pageout(page);
			if (result > 0) {
				return true;
			}
			if (result < 0 && decoded > 0) {
				throw error("has a damaged Ogg page", null);
			}
			int at = sync.buffer(READ_BYTES);
			int read;
			try {
				read = input.read(sync.data, at, READ_BYTES);
			} catch (IOException e) {
				throw error("cannot be read: " + e.getMessage(), e);
			}
			if (read <= 0) {
				return false;
			}
			sync.wrote(read);
		}
	}

	/** Synthesises blocks until samples are pending; false at the end of the stream. */
	private boolean synthesise() throws AudioException {
		while (true) {
			int samples = dsp.synthesis_pcmout(pcm, pcmIndex);
			if (samples > 0) {
				pending = samples;
				return true;
			}
			if (ended) {
				return false;
			}
			int result = ogg.packetout(packet);
			if (result > 0) {
				if (block.synthesis(packet) == 0) {
					dsp.synthesis_blockin(block);
				}
			} else if (result < 0) {
				throw error("has a gap in its Vorbis packets (a damaged page)", null);
			} else if (!nextPage() || page.serialno() != serial) {
				// A chained stream's next link is not decoded: the first link is the track.
				ended = true;
			} else {
				ogg.pagein(page);
			}
		}
	}

	/** Hands out up to {@code frames} pending samples into {@code samples}, or drops them when null. */
	private int take(float[] samples, int frames) {
		// Asked again: the pending samples' offsets move with every partial read.
		pending = dsp.synthesis_pcmout(pcm, pcmIndex);
		int count = Math.min(frames, pending);
		if (samples != null) {
			for (int c = 0; c < channels; c++) {
				float[] source = pcm[0][c];
				int from = pcmIndex[c];
				for (int i = 0, s = c; i < count; i++, s += channels) {
					samples[s] = source[from + i];
				}
			}
		}
		dsp.synthesis_read(count);
		pending -= count;
		decoded += count;
		return count;
	}

	@Override
	protected int readFrames(float[] samples, int frames) throws AudioException {
		long left = info.frames() < 0 ? Long.MAX_VALUE : info.frames() - decoded;
		if (left <= 0) {
			return -1;
		}
		if (pending == 0 && !synthesise()) {
			if (!complete) {
				throw error("ends inside an Ogg page (the file is truncated)", null);
			}
			if (info.frames() >= 0 && decoded < info.frames() - LONGEST_PACKET) {
				throw error("ends before its declared " + info.frames() + " frames", null);
			}
			return -1;
		}
		return take(samples, (int) Math.min(frames, left));
	}

	@Override
	protected void seekTo(long frame) throws AudioException {
		if (frame < decoded) {
			startDecoder();
		}
		while (decoded < frame) {
			bound.check(decoded, info.sampleRate());
			if (pending == 0 && !synthesise()) {
				return;
			}
			take(null, (int) Math.min(Integer.MAX_VALUE, frame - decoded));
		}
	}

	@Override
	public void close() {
		close(channel);
	}
}
