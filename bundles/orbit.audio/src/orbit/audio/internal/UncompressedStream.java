package orbit.audio.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import orbit.audio.AudioException;
import orbit.audio.Codec;
import orbit.audio.StreamInfo;

/**
 * WAV and AIFF: integer PCM of 8 to 32 bits and 32-bit float, either byte order. The RIFF and
 * AIFF headers are parsed here rather than by javax.sound.sampled: its readers are found through
 * service providers on the thread's context class loader, which in OSGi may see the MP3 and
 * Vorbis providers of the target platform first, and its streams cannot seek.
 */
final class UncompressedStream extends DecodingStream {

	/** How the bytes of one sample become a float. */
	private enum Encoding {
		SIGNED, UNSIGNED_8, FLOAT
	}

	private record Layout(Codec codec, int rate, int channels, int bits, Encoding encoding, ByteOrder order,
			long dataStart, long frames) {
	}

	private final FileChannel channel;
	private final Layout layout;
	private final int bytesPerSample;
	private final int frameBytes;
	private ByteBuffer buffer = ByteBuffer.allocate(0);

	private UncompressedStream(StreamInfo info, TimeBound bound, FileChannel channel, Layout layout) {
		super(info, bound);
		this.channel = channel;
		this.layout = layout;
		this.bytesPerSample = (layout.bits + 7) / 8;
		this.frameBytes = bytesPerSample * layout.channels;
	}

	static UncompressedStream open(Path file, Codec codec, TimeBound bound) throws AudioException {
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file);
			Layout layout = codec == Codec.WAV ? riff(file, channel) : aiff(file, channel);
			StreamInfo info = new StreamInfo(file, codec, layout.rate, layout.channels, layout.bits, layout.frames,
					(int) ((long) layout.rate * layout.channels * layout.bits / 1000));
			return new UncompressedStream(info, bound, channel, layout);
		} catch (IOException e) {
			close(channel);
			throw new AudioException(file, -1, 0, "cannot be read: " + e.getMessage(), e);
		} catch (AudioException e) {
			close(channel);
			throw e;
		}
	}

	private static Layout riff(Path file, FileChannel channel) throws IOException, AudioException {
		long size = channel.size();
		long offset = 12;
		Layout format = null;
		while (offset + 8 <= size) {
			ByteBuffer chunk = read(channel, offset, 8).order(ByteOrder.LITTLE_ENDIAN);
			String id = id(chunk, 0);
			long length = chunk.getInt(4) & 0xFFFF_FFFFL;
			if (id.equals("fmt ")) {
				format = riffFormat(file, read(channel, offset + 8, (int) Math.min(length, 40)).order(ByteOrder.LITTLE_ENDIAN));
			} else if (id.equals("data")) {
				if (format == null) {
					throw new AudioException(file, "its WAV data comes before the format chunk");
				}
				return withData(file, format, offset + 8, length, size);
			}
			offset += 8 + length + (length & 1);
		}
		throw new AudioException(file, format == null ? "is a WAV file without a format chunk" : "is a WAV file without audio data");
	}

	private static Layout riffFormat(Path file, ByteBuffer fmt) throws AudioException {
		if (fmt.limit() < 16) {
			throw new AudioException(file, "has a WAV format chunk of " + fmt.limit() + " bytes");
		}
		int tag = fmt.getShort(0) & 0xFFFF;
		int channels = fmt.getShort(2) & 0xFFFF;
		int rate = fmt.getInt(4);
		int blockAlign = fmt.getShort(12) & 0xFFFF;
		int bits = fmt.getShort(14) & 0xFFFF;
		if (tag == 0xFFFE && fmt.limit() >= 26) {
			// WAVE_FORMAT_EXTENSIBLE: the format is the first two bytes of the sub-format GUID.
			tag = fmt.getShort(24) & 0xFFFF;
		}
		if (channels > 0 && blockAlign % channels == 0) {
			// The container decides the scale: 20 valid bits in 24 are left-justified.
			bits = Math.max(bits, 8 * (blockAlign / channels));
		}
		Encoding encoding = switch (tag) {
		case 1 -> bits == 8 ? Encoding.UNSIGNED_8 : Encoding.SIGNED;
		case 3 -> bits == 32 ? Encoding.FLOAT : null;
		default -> null;
		};
		if (encoding == null) {
			throw new AudioException(file, "is a WAV file of format " + tag + " with " + bits
					+ " bits (ORBIT decodes integer PCM and 32-bit float)");
		}
		return checked(file, new Layout(Codec.WAV, rate, channels, bits, encoding, ByteOrder.LITTLE_ENDIAN, 0, 0));
	}

	private static Layout aiff(Path file, FileChannel channel) throws IOException, AudioException {
		long size = channel.size();
		boolean compressed = id(read(channel, 8, 4), 0).equals("AIFC");
		long offset = 12;
		Layout format = null;
		while (offset + 8 <= size) {
			ByteBuffer chunk = read(channel, offset, 8);
			String id = id(chunk, 0);
			long length = chunk.getInt(4) & 0xFFFF_FFFFL;
			if (id.equals("COMM")) {
				format = aiffFormat(file, read(channel, offset + 8, (int) Math.min(length, 26)), compressed);
			} else if (id.equals("SSND")) {
				if (format == null) {
					throw new AudioException(file, "its AIFF sound data comes before the common chunk");
				}
				long skip = read(channel, offset + 8, 4).getInt(0) & 0xFFFF_FFFFL;
				return withData(file, format, offset + 16 + skip, length - 8 - skip, size);
			}
			offset += 8 + length + (length & 1);
		}
		throw new AudioException(file, format == null ? "is an AIFF file without a common chunk" : "is an AIFF file without sound data");
	}

	private static Layout aiffFormat(Path file, ByteBuffer comm, boolean compressed) throws AudioException {
		if (comm.limit() < 18) {
			throw new AudioException(file, "has an AIFF common chunk of " + comm.limit() + " bytes");
		}
		int channels = comm.getShort(0) & 0xFFFF;
		int bits = comm.getShort(6) & 0xFFFF;
		int rate = (int) Math.round(extended(comm, 8));
		String compression = compressed && comm.limit() >= 22 ? id(comm, 18) : "NONE";
		bits = (bits + 7) / 8 * 8;
		Layout layout = switch (compression) {
		case "NONE", "twos" -> new Layout(Codec.AIFF, rate, channels, bits, Encoding.SIGNED, ByteOrder.BIG_ENDIAN, 0, 0);
		case "sowt" -> new Layout(Codec.AIFF, rate, channels, bits, Encoding.SIGNED, ByteOrder.LITTLE_ENDIAN, 0, 0);
		case "fl32", "FL32" -> new Layout(Codec.AIFF, rate, channels, 32, Encoding.FLOAT, ByteOrder.BIG_ENDIAN, 0, 0);
		default -> throw new AudioException(file, "is an AIFF-C file compressed as \"" + compression
				+ "\" (ORBIT decodes uncompressed and 32-bit float AIFF)");
		};
		return checked(file, layout);
	}

	/** An 80-bit IEEE 754 extended number, as AIFF stores its sample rate. */
	private static double extended(ByteBuffer bytes, int offset) {
		int exponent = (bytes.getShort(offset) & 0x7FFF) - 16383;
		long mantissa = bytes.getLong(offset + 2);
		return (mantissa >>> 11) * Math.pow(2, exponent - 52);
	}

	private static Layout checked(Path file, Layout layout) throws AudioException {
		if (layout.channels < 1 || layout.channels > 64 || layout.rate < 1 || layout.rate > 1_536_000 || layout.bits < 8
				|| layout.bits > 32) {
			throw new AudioException(file, "declares " + layout.channels + " channels of " + layout.bits + " bits at "
					+ layout.rate + " Hz");
		}
		return layout;
	}

	/**
	 * The layout with the data's place and length. A data chunk that claims more than the file
	 * holds (a truncated file, or a stream's placeholder size) declares what it claims; reading
	 * then fails where the file ends.
	 */
	private static Layout withData(Path file, Layout format, long dataStart, long dataLength, long fileSize) {
		int frameBytes = (format.bits + 7) / 8 * format.channels;
		long declared = dataLength == 0xFFFF_FFFFL || dataLength == 0 ? fileSize - dataStart : dataLength;
		return new Layout(format.codec, format.rate, format.channels, format.bits, format.encoding, format.order,
				dataStart, Math.max(0, declared) / frameBytes);
	}

	private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		int read;
		do {
			read = channel.read(buffer, offset + buffer.position());
		} while (read > 0 && buffer.hasRemaining());
		return buffer.flip();
	}

	private static String id(ByteBuffer bytes, int offset) {
		byte[] id = new byte[4];
		bytes.get(offset, id);
		return new String(id, StandardCharsets.ISO_8859_1);
	}

	@Override
	protected int readFrames(float[] samples, int frames) throws AudioException {
		long left = info.frames() - position;
		if (left <= 0) {
			return -1;
		}
		int wanted = (int) Math.min(frames, left);
		if (buffer.capacity() < wanted * frameBytes) {
			buffer = ByteBuffer.allocate(wanted * frameBytes);
		}
		buffer.clear().limit(wanted * frameBytes).order(layout.order);
		try {
			long at = layout.dataStart + position * frameBytes;
			int read;
			do {
				read = channel.read(buffer, at + buffer.position());
			} while (read > 0 && buffer.hasRemaining());
		} catch (IOException e) {
			throw error("cannot be read: " + e.getMessage(), e);
		}
		int got = buffer.position() / frameBytes;
		if (got == 0) {
			throw error("ends before its declared " + info.frames() + " frames", null);
		}
		convert(buffer.flip(), samples, got * layout.channels);
		return got;
	}

	private void convert(ByteBuffer bytes, float[] samples, int count) {
		switch (layout.encoding) {
		case FLOAT -> {
			for (int i = 0; i < count; i++) {
				samples[i] = bytes.getFloat();
			}
		}
		case UNSIGNED_8 -> {
			for (int i = 0; i < count; i++) {
				samples[i] = ((bytes.get() & 0xFF) - 128) / 128f;
			}
		}
		case SIGNED -> {
			switch (bytesPerSample) {
			case 1 -> {
				for (int i = 0; i < count; i++) {
					samples[i] = bytes.get() / 128f;
				}
			}
			case 2 -> {
				for (int i = 0; i < count; i++) {
					samples[i] = bytes.getShort() / 32768f;
				}
			}
			case 3 -> {
				boolean little = layout.order == ByteOrder.LITTLE_ENDIAN;
				for (int i = 0; i < count; i++) {
					int b0 = bytes.get() & 0xFF;
					int b1 = bytes.get() & 0xFF;
					int b2 = bytes.get();
					int value = little ? b2 << 16 | b1 << 8 | b0 : b0 << 24 >> 8 | b1 << 8 | b2 & 0xFF;
					samples[i] = value / 8_388_608f;
				}
			}
			default -> {
				for (int i = 0; i < count; i++) {
					samples[i] = (float) (bytes.getInt() / 2_147_483_648d);
				}
			}
			}
		}
		}
	}

	@Override
	protected void seekTo(long frame) {
		// The next read starts at the position: every frame has the same size.
	}

	@Override
	public void close() {
		close(channel);
	}
}
