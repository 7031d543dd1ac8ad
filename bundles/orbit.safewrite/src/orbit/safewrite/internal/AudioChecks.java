package orbit.safewrite.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;
import org.osgi.service.component.annotations.Component;

import orbit.safewrite.AudioIntegrity;
import orbit.safewrite.AudioReport;
import orbit.safewrite.internal.AudioRegions.FlacLayout;
import orbit.safewrite.internal.AudioRegions.Range;
import orbit.safewrite.internal.tags.Mp4Tags;
import orbit.safewrite.internal.tags.OggPages;

/**
 * {@link AudioIntegrity}: decoded FLAC MD5 against STREAMINFO, the frame checks a scan can afford
 * ({@link FrameChecks}), Ogg page checksums and sequence numbers, the digest of the encoded audio,
 * byte-identical audio after a tag write (and MP4 chunk offsets that still point at it).
 */
@Component(service = AudioIntegrity.class)
public class AudioChecks implements AudioIntegrity {

	@Override
	public AudioReport verify(Path file) throws IOException {
		String format = AudioRegions.format(file);
		return switch (format) {
		case "flac" -> verifyFlac(file);
		case "mp3" -> FrameChecks.mpeg(file);
		case "ogg", "opus" -> verifyOgg(file, format);
		default -> {
			long bytes = AudioRegions.audio(file, format).stream().mapToLong(Range::length).sum();
			yield new AudioReport(file, format, bytes > 0, "audio data found: " + bytes + " bytes", bytes);
		}
		};
	}

	@Override
	public AudioReport check(Path file) throws IOException {
		String format = AudioRegions.format(file);
		return switch (format) {
		case "flac" -> FrameChecks.flac(file);
		case "mp3" -> FrameChecks.mpeg(file);
		default -> verify(file);
		};
	}

	@Override
	public String audioDigest(Path file) throws IOException {
		MessageDigest md5 = md5();
		List<Range> audio;
		try {
			audio = AudioRegions.audio(file, AudioRegions.format(file));
		} catch (IOException unknownLayout) {
			audio = List.of(new Range(0, Files.size(file)));
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
			for (Range range : audio) {
				long position = range.offset();
				long end = range.offset() + range.length();
				while (position < end) {
					buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
					int read = channel.read(buffer, position);
					if (read < 0) {
						throw new IOException(file + " ended while its audio was read");
					}
					md5.update(buffer.array(), 0, read);
					position += read;
				}
			}
		}
		return HexFormat.of().formatHex(md5.digest());
	}

	@Override
	public void requireSameAudio(Path original, Path edited) throws IOException {
		String format = AudioRegions.format(original);
		List<Range> before = AudioRegions.audio(original, format);
		List<Range> after = AudioRegions.audio(edited, format);
		long difference = AudioRegions.firstDifference(original, before, edited, after);
		if (difference >= 0) {
			throw new IOException("the audio changed: it differs from the original at audio byte " + difference);
		}
		if (format.equals("flac")) {
			byte[] infoBefore = streamInfo(original);
			byte[] infoAfter = streamInfo(edited);
			if (!Arrays.equals(infoBefore, infoAfter)) {
				throw new IOException("the FLAC STREAMINFO block changed");
			}
		}
		if (format.equals("m4a") && !chunkPositions(original, before).equals(chunkPositions(edited, after))) {
			throw new IOException("the MP4 chunk offsets no longer point at the same audio");
		}
		if (format.equals("ogg") || format.equals("opus")) {
			AudioReport pages = verifyOgg(edited, format);
			if (!pages.intact()) {
				throw new IOException("the Ogg pages are damaged: " + pages.detail());
			}
		}
	}

	/** Each chunk offset as (which mdat, where in it): equal before and after when the audio did not move under them. */
	private static List<String> chunkPositions(Path file, List<Range> mdats) throws IOException {
		List<String> positions = new java.util.ArrayList<>();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			for (long offset : Mp4Tags.chunkOffsets(channel)) {
				int index = -1;
				for (int i = 0; i < mdats.size(); i++) {
					Range mdat = mdats.get(i);
					if (offset >= mdat.offset() && offset < mdat.offset() + Math.max(1, mdat.length())) {
						index = i;
						break;
					}
				}
				positions.add(index < 0 ? "outside " + offset : index + ":" + (offset - mdats.get(index).offset()));
			}
		}
		return positions;
	}

	/** Every Ogg page's checksum, and each stream's sequence numbers without gaps. */
	private static AudioReport verifyOgg(Path file, String format) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			java.util.Map<Integer, Integer> sequences = new java.util.HashMap<>();
			long position = 0;
			long pages = 0;
			long audio = 0;
			while (position + OggPages.HEADER <= channel.size()) {
				OggPages.Page page;
				try {
					page = OggPages.read(channel, position);
				} catch (IOException e) {
					return new AudioReport(file, format, false, e.getMessage() + " after " + pages + " page(s)", audio);
				}
				if (!OggPages.crcValid(channel, page)) {
					return new AudioReport(file, format, false, "the checksum of Ogg page " + pages + " at byte " + position
							+ " does not match", audio);
				}
				Integer previous = sequences.put(page.serial(), page.sequence());
				if (previous != null && page.sequence() != previous + 1) {
					return new AudioReport(file, format, false, "Ogg page " + pages + " has sequence number " + page.sequence()
							+ " after " + previous, audio);
				}
				audio += page.bodyLength();
				pages++;
				position = page.end();
			}
			boolean intact = pages > 0;
			return new AudioReport(file, format, intact, pages + " Ogg page(s), checksums and sequence numbers in order"
					+ (position == channel.size() ? "" : ", " + (channel.size() - position) + " stray byte(s) at the end"), audio);
		}
	}

	private static byte[] streamInfo(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Range info = AudioRegions.flac(channel).streamInfo();
			return AudioRegions.read(channel, info.offset(), (int) info.length()).array();
		}
	}

	/** Decodes the whole stream and compares the MD5 of its samples with the one FLAC stores. */
	private static AudioReport verifyFlac(Path file) throws IOException {
		byte[] stored;
		long audioBytes;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			FlacLayout layout = AudioRegions.flac(channel);
			stored = Arrays.copyOfRange(AudioRegions.read(channel, layout.streamInfo().offset(), 34).array(), 18, 34);
			audioBytes = layout.audio().length();
		}
		MessageDigest md5 = md5();
		long[] samples = { 0 };
		int[] bitsPerSample = { 16 };
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			FLACDecoder decoder = new FLACDecoder(in);
			decoder.addPCMProcessor(new PCMProcessor() {
				@Override
				public void processStreamInfo(StreamInfo info) {
					bitsPerSample[0] = info.getBitsPerSample();
				}

				@Override
				public void processPCM(ByteData pcm) {
					byte[] data = pcm.getData();
					int length = pcm.getLen();
					if (bitsPerSample[0] == 8) {
						// The decoder hands out unsigned 8-bit samples; FLAC's MD5 covers signed ones.
						data = Arrays.copyOf(data, length);
						for (int i = 0; i < length; i++) {
							data[i] ^= (byte) 0x80;
						}
					}
					md5.update(data, 0, length);
					samples[0] += length;
				}
			});
			decoder.decode();
			if (decoder.getBadFrames() > 0) {
				return new AudioReport(file, "flac", false, decoder.getBadFrames() + " damaged frame(s)", audioBytes);
			}
		} catch (IOException | RuntimeException e) {
			// The decoder reports a damaged frame it cannot parse by throwing.
			return new AudioReport(file, "flac", false, "the audio cannot be decoded (" + e.getMessage() + ")",
					audioBytes);
		}
		byte[] decoded = md5.digest();
		HexFormat hex = HexFormat.of();
		if (Arrays.equals(stored, new byte[16])) {
			return new AudioReport(file, "flac", samples[0] > 0,
					"decoded without error; the encoder stored no MD5 to compare (decoded MD5 " + hex.formatHex(decoded) + ")",
					audioBytes);
		}
		boolean intact = Arrays.equals(stored, decoded);
		return new AudioReport(file, "flac", intact,
				intact ? "decoded audio MD5 " + hex.formatHex(decoded) + " equals STREAMINFO"
						: "decoded audio MD5 " + hex.formatHex(decoded) + " differs from STREAMINFO " + hex.formatHex(stored),
				audioBytes);
	}

	private static final int[] MPEG1_LAYER3_KBPS = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1 };
	private static final int[] MPEG2_LAYER3_KBPS = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1 };
	private static final int[][] SAMPLE_RATES = { { 11025, 12000, 8000 }, null, { 22050, 24000, 16000 },
			{ 44100, 48000, 32000 } };

	static int layer3FrameLength(ByteBuffer header) {
		int b1 = header.get(1) & 0xFF;
		int b2 = header.get(2) & 0xFF;
		if ((header.get(0) & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0) {
			return -1;
		}
		int version = (b1 >> 3) & 3;
		int layer = (b1 >> 1) & 3;
		if (version == 1 || layer != 1) {
			return -1;
		}
		int kbps = (version == 3 ? MPEG1_LAYER3_KBPS : MPEG2_LAYER3_KBPS)[(b2 >> 4) & 0xF];
		int rateIndex = (b2 >> 2) & 3;
		if (kbps <= 0 || rateIndex == 3) {
			return -1;
		}
		int sampleRate = SAMPLE_RATES[version][rateIndex];
		int padding = (b2 >> 1) & 1;
		return (version == 3 ? 144 : 72) * kbps * 1000 / sampleRate + padding;
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform provides MD5", e);
		}
	}
}
