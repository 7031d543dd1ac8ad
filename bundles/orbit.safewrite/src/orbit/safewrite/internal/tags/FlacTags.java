package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import orbit.safewrite.TagWriter.Id3Version;

/**
 * FLAC: the VORBIS_COMMENT metadata block. The other blocks are written back as they were; the
 * first PADDING block shrinks or grows so that the frames keep their place, and only when the
 * comments outgrow it are the metadata rewritten with fresh padding and the frames copied after.
 */
final class FlacTags implements TagFormat {

	static final int STREAMINFO = 0;
	static final int PADDING = 1;
	static final int VORBIS_COMMENT = 4;
	static final int PICTURE = 6;
	static final String[] BLOCK_NAMES = { "STREAMINFO", "PADDING", "APPLICATION", "SEEKTABLE", "VORBIS_COMMENT",
			"CUESHEET", "PICTURE" };
	/** Padding left for later edits when the metadata must grow. */
	static final int NEW_PADDING = 4096;
	static final int MAX_BLOCK = (1 << 24) - 1;

	private record Block(int type, byte[] content) {
	}

	/** The bytes before the first block (an ID3v2 tag some taggers put there, and "fLaC"), the blocks, the frames. */
	private record Layout(long prefix, List<Block> blocks, long framesStart) {
	}

	private static Layout layout(FileChannel channel) throws IOException {
		long at = 0;
		if (channel.size() >= 10) {
			long id3 = Id3v2Tag.size(Binary.read(channel, 0, 10));
			at = Math.max(0, id3);
		}
		if (!"fLaC".equals(Binary.ascii(Binary.read(channel, at, 4), 0, 4))) {
			throw new IOException("not a FLAC stream (no fLaC marker)");
		}
		long prefix = at + 4;
		at = prefix;
		List<Block> blocks = new ArrayList<>();
		boolean last = false;
		while (!last) {
			byte[] header = Binary.read(channel, at, 4);
			last = (header[0] & 0x80) != 0;
			int type = header[0] & 0x7F;
			int length = Binary.be24(header, 1);
			blocks.add(new Block(type, Binary.read(channel, at + 4, length)));
			at += 4 + length;
		}
		if (blocks.isEmpty() || blocks.get(0).type() != STREAMINFO) {
			throw new IOException("the FLAC stream does not start with STREAMINFO");
		}
		return new Layout(prefix, blocks, at);
	}

	@Override
	public List<RawField> read(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			List<RawField> fields = new ArrayList<>();
			// Named by type and count, not position: a new comment block moves the blocks after it.
			int[] seen = new int[128];
			for (Block block : layout(channel).blocks()) {
				int index = ++seen[block.type()];
				if (block.type() == VORBIS_COMMENT) {
					fields.addAll(VorbisComments.parse(block.content(), 0, block.content().length).comments().fields("vorbis"));
				} else if (block.type() != PADDING && block.type() != STREAMINFO) {
					// Pictures, cue sheets, application blocks: not ours to change.
					String name = block.type() < BLOCK_NAMES.length ? BLOCK_NAMES[block.type()] : "block type " + block.type();
					fields.add(new RawField("FLAC", name + " #" + index, null, null, block.content()));
				}
			}
			return fields;
		}
	}

	/** The PICTURE blocks (and any picture comments), and Serato's and Traktor's comments. */
	@Override
	public Attachments attachments(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			List<Picture> pictures = new ArrayList<>();
			List<DjFrame> dj = new ArrayList<>();
			List<String> problems = new ArrayList<>();
			for (Block block : layout(channel).blocks()) {
				if (block.type() == PICTURE) {
					try {
						pictures.add(Picture.fromFlac(block.content()));
					} catch (IOException e) {
						problems.add("a PICTURE block could not be read (" + e.getMessage() + "): not carried");
					}
				} else if (block.type() == VORBIS_COMMENT) {
					VorbisComments comments = VorbisComments.parse(block.content(), 0, block.content().length).comments();
					dj.addAll(comments.djFrames(Carrier.FLAC, problems));
				}
			}
			return new Attachments(pictures, dj, problems);
		}
	}

	@Override
	public Carrier carrier() {
		return Carrier.FLAC;
	}

	@Override
	public Plan plan(Path file, TagEdit edit, Id3Version id3Version) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Layout layout = layout(channel);
			List<Block> blocks = new ArrayList<>(layout.blocks());
			int comments = -1;
			for (int i = 0; i < blocks.size(); i++) {
				if (blocks.get(i).type() == VORBIS_COMMENT) {
					comments = i;
					break;
				}
			}
			VorbisComments vorbis = comments < 0 ? VorbisComments.empty("ORBIT")
					: VorbisComments.parse(blocks.get(comments).content(), 0, blocks.get(comments).content().length).comments();
			vorbis.apply(edit, Carrier.FLAC);
			Block edited = new Block(VORBIS_COMMENT, vorbis.bytes());
			if (edited.content().length > MAX_BLOCK) {
				throw new IOException("the comments would exceed a FLAC metadata block's 16 MB");
			}
			if (comments < 0) {
				// Right after STREAMINFO, where flac and metaflac put it.
				comments = 1;
				blocks.add(comments, edited);
			} else {
				blocks.set(comments, edited);
			}
			if (edit.pictures() != null) {
				// The new artwork takes the place of the old, right after the comments.
				for (int i = blocks.size() - 1; i >= 0; i--) {
					if (blocks.get(i).type() == PICTURE) {
						blocks.remove(i);
						if (i < comments) {
							comments--;
						}
					}
				}
				int at = comments + 1;
				for (Picture picture : edit.pictures()) {
					byte[] content = picture.flacBytes();
					if (content.length > MAX_BLOCK) {
						throw new IOException("a picture of " + content.length + " bytes exceeds a FLAC metadata block's 16 MB");
					}
					blocks.add(at++, new Block(PICTURE, content));
				}
			}
			long oldLength = layout.framesStart() - layout.prefix();
			long length = 0;
			int padding = -1;
			for (int i = 0; i < blocks.size(); i++) {
				if (padding < 0 && blocks.get(i).type() == PADDING) {
					padding = i;
				} else {
					length += 4 + blocks.get(i).content().length;
				}
			}
			long room = oldLength - length - 4;
			if (padding >= 0 && room >= 0 && room <= MAX_BLOCK) {
				blocks.set(padding, new Block(PADDING, new byte[(int) room]));
			} else if (padding >= 0) {
				blocks.set(padding, new Block(PADDING, new byte[NEW_PADDING]));
			} else if (length != oldLength) {
				blocks.add(new Block(PADDING, new byte[NEW_PADDING]));
			}
			ByteArrayOutputStream metadata = new ByteArrayOutputStream();
			for (int i = 0; i < blocks.size(); i++) {
				Block block = blocks.get(i);
				byte[] header = new byte[4];
				header[0] = (byte) (block.type() | (i == blocks.size() - 1 ? 0x80 : 0));
				Binary.putBe24(header, 1, block.content().length);
				metadata.writeBytes(header);
				metadata.writeBytes(block.content());
			}
			return new Plan(List.of(new Splice.Copy(0, layout.prefix()), new Splice.Data(metadata.toByteArray()),
					new Splice.Copy(layout.framesStart(), channel.size() - layout.framesStart())), List.of(), false);
		}
	}
}
