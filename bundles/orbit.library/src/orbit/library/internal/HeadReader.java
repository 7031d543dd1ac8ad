package orbit.library.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;

import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.SupportedFileFormat;
import org.jaudiotagger.audio.exceptions.InvalidAudioFrameException;
import org.jaudiotagger.audio.flac.FlacAudioHeader;
import org.jaudiotagger.audio.flac.FlacStreamReader;
import org.jaudiotagger.audio.flac.metadatablock.BlockType;
import org.jaudiotagger.audio.flac.metadatablock.MetadataBlockDataStreamInfo;
import org.jaudiotagger.audio.flac.metadatablock.MetadataBlockHeader;
import org.jaudiotagger.audio.generic.Utils;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.jaudiotagger.audio.mp3.MPEGFrameHeader;
import org.jaudiotagger.audio.mp3.VbriFrame;
import org.jaudiotagger.audio.mp3.XingFrame;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagNotFoundException;
import org.jaudiotagger.tag.flac.FlacTag;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.ID3SyncSafeInteger;
import org.jaudiotagger.tag.id3.ID3v11Tag;
import org.jaudiotagger.tag.id3.ID3v1Tag;
import org.jaudiotagger.tag.id3.ID3v22Tag;
import org.jaudiotagger.tag.id3.ID3v23Tag;
import org.jaudiotagger.tag.id3.ID3v24Tag;
import org.jaudiotagger.tag.vorbiscomment.VorbisCommentReader;
import org.jaudiotagger.tag.vorbiscomment.VorbisCommentTag;

/**
 * Reads MP3 and FLAC files through one open file and its {@link FileHead}, with jaudiotagger's
 * own parsers (ID3v1/v2 tags, MPEG, Xing and VBRI frames, FLAC metadata blocks, Vorbis
 * comments) taken in the order and with the checks of its file readers, which open an MP3
 * four times and a FLAC twice and read both a few bytes per system call. Whatever is not the
 * plain case (a tag whose size disagrees with where the audio starts, a file too small for
 * jaudiotagger, any error) is answered with {@code null}: the caller then reads the file with
 * jaudiotagger's file readers, which decide and explain it exactly as before.
 */
final class HeadReader {

	/** What jaudiotagger would have given as the file's audio header and tag. */
	record Audio(AudioHeader header, Tag tag) {
	}

	private HeadReader() {
	}

	static boolean reads(String extension) {
		return extension.equals("mp3") || extension.equals("flac");
	}

	/** The file's header and tag, or {@code null} when jaudiotagger's file readers must decide. */
	static Audio read(Path file, FileHead head, String extension) {
		try {
			return extension.equals("mp3") ? mp3(file, head) : flac(file, head);
		} catch (Exception | OutOfMemoryError | StackOverflowError e) {
			return null;
		}
	}

	private static Audio mp3(Path file, FileHead head) throws Exception {
		long tagSize = id3v2Size(head);
		FirstFrame audio = new FirstFrame();
		if (!audio.seek(head, tagSize) || audio.getMp3StartByte() != tagSize) {
			return null; // MP3File searches again from the start of the file and weighs the two
		}
		AbstractID3v2Tag v2 = tagSize >= 10 ? id3v2(file, head, (int) tagSize) : null;
		return new Audio(audio, v2 != null ? v2 : id3v1(head));
	}

	/** As AbstractID3v2Tag.getV2TagSizeIfExists: where the audio should start, 0 without an ID3v2 tag. */
	private static long id3v2Size(FileHead head) throws IOException {
		ByteBuffer header = ByteBuffer.allocate(10);
		head.read(header, 0);
		header.flip();
		if (header.limit() < 10 || header.get(0) != 'I' || header.get(1) != 'D' || header.get(2) != '3') {
			return 0;
		}
		byte major = header.get(3);
		if (major != 2 && major != 3 && major != 4) {
			return 0;
		}
		header.position(6);
		return ID3SyncSafeInteger.bufferToValue(header) + 10L;
	}

	/** As MP3File.readV2Tag, which tries each version's reader in turn: the header names the version. */
	private static AbstractID3v2Tag id3v2(Path file, FileHead head, int length) throws Exception {
		ByteBuffer tag = ByteBuffer.allocate(length);
		head.read(tag, 0);
		tag.rewind();
		String name = file.getFileName().toString();
		try {
			return switch (tag.get(3)) {
			case 4 -> new ID3v24Tag(tag, name);
			case 3 -> new ID3v23Tag(tag, name);
			case 2 -> new ID3v22Tag(tag, name);
			default -> null;
			};
		} catch (TagNotFoundException e) {
			return null;
		}
	}

	/** As MP3File.readV1Tag: ID3v1.1, else ID3v1, from the last 128 bytes. */
	private static Tag id3v1(FileHead head) throws IOException {
		if (head.size() < 128) {
			return null;
		}
		ByteBuffer tail = ByteBuffer.allocate(128);
		head.read(tail, head.size() - 128);
		tail.flip();
		if (tail.limit() < 128 || !new String(tail.array(), 0, 3, StandardCharsets.ISO_8859_1).equals("TAG")) {
			return null;
		}
		try {
			ID3v11Tag tag = new ID3v11Tag();
			tag.read(tail);
			return tag;
		} catch (TagNotFoundException e) {
			try {
				ID3v1Tag tag = new ID3v1Tag();
				tail.rewind();
				tag.read(tail);
				return tag;
			} catch (TagNotFoundException e2) {
				return null;
			}
		}
	}

	/**
	 * FlacInfoReader and FlacTagReader in one walk over the metadata blocks (pictures are
	 * skipped: nothing here shows them).
	 */
	private static Audio flac(Path file, FileHead head) throws Exception {
		if (head.size() <= 100) {
			return null; // AudioFileIO refuses files this small; it says so itself
		}
		new FlacStreamReader(head, file + " ").findStream();
		MetadataBlockDataStreamInfo info = null;
		VorbisCommentTag comments = null;
		boolean last = false;
		while (!last) {
			MetadataBlockHeader block = MetadataBlockHeader.readHeader(head);
			if (block == null) {
				return null;
			}
			if (block.getBlockType() == BlockType.STREAMINFO) {
				if (block.getDataLength() == 0) {
					return null;
				}
				info = new MetadataBlockDataStreamInfo(block, head);
				if (!info.isValid()) {
					return null;
				}
			} else if (block.getBlockType() == BlockType.VORBIS_COMMENT) {
				ByteBuffer raw = ByteBuffer.allocate(block.getDataLength());
				head.read(raw);
				comments = new VorbisCommentReader().read(raw.array(), false, file);
			} else {
				head.position(head.position() + block.getDataLength());
			}
			last = block.isLastBlock();
		}
		if (info == null) {
			return null;
		}
		long streamStart = head.position();
		FlacAudioHeader audio = new FlacAudioHeader();
		audio.setNoOfSamples(info.getNoOfSamples());
		audio.setPreciseLength(info.getPreciseLength());
		audio.setChannelNumber(info.getNoOfChannels());
		audio.setSamplingRate(info.getSamplingRate());
		audio.setBitsPerSample(info.getBitsPerSample());
		audio.setEncodingType(info.getEncodingType());
		audio.setFormat(SupportedFileFormat.FLAC.getDisplayName());
		audio.setLossless(true);
		audio.setMd5(info.getMD5Signature());
		audio.setAudioDataLength(head.size() - streamStart);
		audio.setAudioDataStartPosition(streamStart);
		audio.setAudioDataEndPosition(head.size());
		// FlacInfoReader's bitrate: kilobytes (rounded down) as kilobits per second
		audio.setBitRate((int) ((float) ((head.size() - streamStart) / Utils.KILOBYTE_MULTIPLIER
				* Utils.BITS_IN_BYTE_MULTIPLIER) / info.getPreciseLength()));
		return new Audio(audio, new FlacTag(comments != null ? comments : VorbisCommentTag.createNewTag(),
				new ArrayList<>()));
	}

	/**
	 * MP3AudioHeader's search for the first frame, over the file head instead of a new stream:
	 * 5,000-byte windows, a frame counts when a Xing or VBRI frame follows its header or the
	 * next frame's header is valid.
	 */
	static final class FirstFrame extends MP3AudioHeader {

		private static final int WINDOW = 5000;
		/** MPEG header plus the most a Xing frame needs, as in MP3AudioHeader. */
		private static final int MIN_REMAINING = MPEGFrameHeader.HEADER_SIZE + XingFrame.MAX_BUFFER_SIZE_NEEDED_TO_READ_XING;

		boolean seek(FileHead head, long startByte) throws IOException {
			ByteBuffer window = ByteBuffer.allocate(WINDOW);
			long at = startByte;
			head.read(window, startByte);
			window.flip();
			boolean found = false;
			try {
				do {
					if (window.remaining() <= MIN_REMAINING) {
						window.clear();
						head.read(window, at);
						window.flip();
						if (window.limit() <= MIN_REMAINING) {
							return false;
						}
					}
					if (MPEGFrameHeader.isMPEGFrame(window)) {
						try {
							mp3FrameHeader = MPEGFrameHeader.parseMPEGHeader(window);
							found = true;
							ByteBuffer extra;
							if ((extra = XingFrame.isXingFrame(window, mp3FrameHeader)) != null) {
								try {
									mp3XingFrame = XingFrame.parseXingFrame(extra);
								} catch (InvalidAudioFrameException e) {
									// a broken Xing frame does not make a broken file
								}
								break;
							} else if ((extra = VbriFrame.isVbriFrame(window, mp3FrameHeader)) != null) {
								try {
									mp3VbriFrame = VbriFrame.parseVBRIFrame(extra);
								} catch (InvalidAudioFrameException e) {
									// likewise
								}
								break;
							}
							found = nextFrameValid(head, at, window);
							if (found) {
								break;
							}
						} catch (InvalidAudioFrameException e) {
							// sync bits by chance: go on
						}
					}
					window.position(window.position() + 1);
					at++;
				} while (!found);
			} catch (EOFException e) {
				return false;
			}
			setFileSize(head.size());
			setMp3StartByte(at);
			setTimePerFrame();
			setNumberOfFrames();
			setTrackLength();
			setBitRate();
			setEncoder();
			return true;
		}

		private boolean nextFrameValid(FileHead head, long at, ByteBuffer window) throws IOException {
			int current = window.position();
			int length = mp3FrameHeader.getFrameLength();
			if (length > WINDOW - MIN_REMAINING) {
				return false;
			}
			if (window.remaining() <= MIN_REMAINING + length) {
				window.clear();
				head.read(window, at);
				window.flip();
				current = 0;
				if (window.limit() <= MIN_REMAINING + length) {
					return false;
				}
			}
			window.position(window.position() + length);
			boolean valid = false;
			if (MPEGFrameHeader.isMPEGFrame(window)) {
				try {
					MPEGFrameHeader.parseMPEGHeader(window);
					valid = true;
				} catch (InvalidAudioFrameException e) {
					// not a frame after all
				}
			}
			window.position(current);
			return valid;
		}
	}
}
