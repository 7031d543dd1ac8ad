package orbit.safewrite.internal.tags;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import orbit.safewrite.TagWriter.Id3Version;

/**
 * MP4 (m4a): the iTunes item list, moov/udta/meta/ilst. Items ORBIT was not asked to change are
 * written back as they were. When the moov box changes size, a free box right after the ilst or
 * right after the moov takes up the difference where it can; otherwise, when audio follows the
 * moov, every chunk offset (stco/co64) that points past it is moved by the difference.
 *
 * <p>BPM lives in {@code tmpo}, a 16-bit integer: a fractional tempo is rounded there, and kept
 * exactly in the freeform {@code ----:com.apple.iTunes:BPM} item that Mixxx writes and reads. The
 * key has no iTunes item: {@code ----:com.apple.iTunes:initialkey} (Mixxx, Traktor, jaudiotagger),
 * with an existing {@code ----:com.apple.iTunes:KEY} kept in step.
 */
public final class Mp4Tags implements TagFormat {

	static final String LOCATION = "ilst";
	static final String ITUNES = "com.apple.iTunes";
	private static final int UTF8 = 1;
	private static final int INTEGER = 21;

	/** A box inside a byte array, or at a file offset for the top level. */
	record Box(String type, long offset, int headerSize, long size) {
		long contentStart() {
			return offset + headerSize;
		}

		long end() {
			return offset + size;
		}
	}

	private static Box box(byte[] b, int at, int limit) throws IOException {
		if (at + 8 > limit) {
			throw new IOException("an MP4 box header runs past its parent");
		}
		long size = Binary.be32(b, at);
		String type = Binary.ascii(b, at + 4, 4);
		int header = 8;
		if (size == 1) {
			if (at + 16 > limit) {
				throw new IOException("an MP4 box header runs past its parent");
			}
			size = Binary.be64(b, at + 8);
			header = 16;
		} else if (size == 0) {
			size = limit - at;
		}
		if (size < header || at + size > limit) {
			throw new IOException("the MP4 box " + type + " at " + at + " runs past its parent");
		}
		return new Box(type, at, header, size);
	}

	static List<Box> children(byte[] b, long from, long to) throws IOException {
		List<Box> boxes = new ArrayList<>();
		int at = (int) from;
		while (at + 8 <= to) {
			Box box = box(b, at, (int) to);
			boxes.add(box);
			at = (int) box.end();
		}
		return boxes;
	}

	static Box child(byte[] b, Box parent, long contentStart, String type) throws IOException {
		for (Box box : children(b, contentStart, parent.end())) {
			if (box.type().equals(type)) {
				return box;
			}
		}
		return null;
	}

	/** The top-level boxes of the file. */
	static List<Box> topLevel(FileChannel channel) throws IOException {
		List<Box> boxes = new ArrayList<>();
		long at = 0;
		long size = channel.size();
		while (at + 8 <= size) {
			byte[] header = Binary.read(channel, at, Math.min(16, size - at));
			long length = Binary.be32(header, 0);
			String type = Binary.ascii(header, 4, 4);
			int headerSize = 8;
			if (length == 1 && header.length == 16) {
				length = Binary.be64(header, 8);
				headerSize = 16;
			} else if (length == 0) {
				length = size - at;
			}
			if (length < headerSize || at + length > size) {
				throw new IOException("the MP4 box " + type + " at " + at + " runs past the end of the file");
			}
			boxes.add(new Box(type, at, headerSize, length));
			at += length;
		}
		return boxes;
	}

	/** meta is a full box in iTunes files (4 bytes of version and flags), a plain one in some QuickTime files. */
	private static long metaContent(byte[] b, Box meta) {
		long plain = meta.contentStart();
		if (meta.size() >= meta.headerSize() + 8 && "hdlr".equals(Binary.ascii(b, (int) plain + 4, 4))) {
			return plain;
		}
		return plain + 4;
	}

	/** The moov box, read whole, and the path to its item list. */
	private record Moov(Box top, byte[] bytes, Box udta, Box meta, Box ilst) {
	}

	private static Moov moov(FileChannel channel, List<Box> top) throws IOException {
		Box moovTop = null;
		for (Box box : top) {
			if (box.type().equals("moov")) {
				if (moovTop != null) {
					throw new IOException("the MP4 file has two moov boxes");
				}
				moovTop = box;
			}
		}
		if (moovTop == null) {
			throw new IOException("no moov box");
		}
		if (moovTop.size() > 256L * 1024 * 1024) {
			throw new IOException("the moov box is larger than 256 MB");
		}
		byte[] bytes = Binary.read(channel, moovTop.offset(), moovTop.size());
		Box moov = new Box("moov", 0, moovTop.headerSize(), moovTop.size());
		Box udta = child(bytes, moov, moov.contentStart(), "udta");
		Box meta = udta == null ? null : child(bytes, udta, udta.contentStart(), "meta");
		Box ilst = meta == null ? null : child(bytes, meta, metaContent(bytes, meta), "ilst");
		return new Moov(moovTop, bytes, udta, meta, ilst);
	}

	// ---- items

	private record Item(String key, byte[] raw) {
	}

	private static List<Item> items(byte[] b, Box ilst) throws IOException {
		List<Item> items = new ArrayList<>();
		if (ilst == null) {
			return items;
		}
		for (Box box : children(b, ilst.contentStart(), ilst.end())) {
			byte[] raw = Arrays.copyOfRange(b, (int) box.offset(), (int) box.end());
			String key = box.type();
			if (key.equals("----")) {
				String mean = "";
				String name = "";
				for (Box part : children(raw, box.headerSize(), raw.length)) {
					if (part.type().equals("mean") && part.size() >= 12) {
						mean = utf8(raw, part.contentStart() + 4, part.end());
					} else if (part.type().equals("name") && part.size() >= 12) {
						name = utf8(raw, part.contentStart() + 4, part.end());
					}
				}
				key = "----:" + mean + ":" + name;
			}
			items.add(new Item(key, raw));
		}
		return items;
	}

	private static String utf8(byte[] b, long from, long to) {
		return new String(b, (int) from, (int) (to - from), StandardCharsets.UTF_8);
	}

	/** The first data box of an item: its type code and payload. */
	private record Data(int type, byte[] payload) {
	}

	private static Data data(Item item) throws IOException {
		byte[] raw = item.raw();
		int header = Binary.be32(raw, 0) == 1 ? 16 : 8;
		for (Box part : children(raw, header, raw.length)) {
			if (part.type().equals("data") && part.size() >= part.headerSize() + 8) {
				int at = (int) part.contentStart();
				return new Data(Binary.be24(raw, at + 1), Arrays.copyOfRange(raw, at + 8, (int) part.end()));
			}
		}
		return null;
	}

	private static String text(Item item) throws IOException {
		Data data = data(item);
		if (data == null) {
			return null;
		}
		if (item.key().equals("tmpo") && data.payload().length > 0 && data.payload().length <= 8) {
			long value = 0;
			for (byte b : data.payload()) {
				value = value << 8 | (b & 0xFF);
			}
			return Long.toString(value);
		}
		return data.type() == UTF8 ? new String(data.payload(), StandardCharsets.UTF_8) : null;
	}

	private static boolean freeform(Item item, String... names) {
		String prefix = "----:" + ITUNES + ":";
		if (!item.key().startsWith(prefix)) {
			return false;
		}
		String name = item.key().substring(prefix.length());
		for (String candidate : names) {
			if (candidate.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	private static TagField fieldOf(Item item) {
		return switch (item.key()) {
		case "\u00a9nam" -> TagField.TITLE;
		case "\u00a9ART" -> TagField.ARTIST;
		case "\u00a9alb" -> TagField.ALBUM;
		case "\u00a9cmt" -> TagField.COMMENT;
		case "tmpo" -> TagField.BPM;
		default -> freeform(item, "BPM") ? TagField.BPM
				: freeform(item, "initialkey", "KEY") ? TagField.KEY : freeform(item, "ISRC") ? TagField.ISRC : null;
		};
	}

	private static String atom(TagField field) {
		return switch (field) {
		case TITLE -> "\u00a9nam";
		case ARTIST -> "\u00a9ART";
		case ALBUM -> "\u00a9alb";
		case COMMENT -> "\u00a9cmt";
		default -> null;
		};
	}

	static byte[] box(String type, byte[]... content) {
		byte[] body = Binary.concat(content);
		return Binary.concat(Binary.be32(8 + body.length), Binary.ascii(type), body);
	}

	private static byte[] dataBox(int type, byte[] payload) {
		return box("data", Binary.be32(type), new byte[4], payload);
	}

	private static byte[] fullBox(String type, String text) {
		return box(type, new byte[4], text.getBytes(StandardCharsets.UTF_8));
	}

	/** The item with a new first data box; its other parts (a freeform item's mean and name) as they were. */
	private static byte[] withData(Item item, byte[] data) throws IOException {
		byte[] raw = item.raw();
		int header = Binary.be32(raw, 0) == 1 ? 16 : 8;
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		boolean replaced = false;
		for (Box part : children(raw, header, raw.length)) {
			if (part.type().equals("data")) {
				if (!replaced) {
					content.writeBytes(data);
					replaced = true;
				}
			} else {
				content.write(raw, (int) part.offset(), (int) part.size());
			}
		}
		if (!replaced) {
			content.writeBytes(data);
		}
		return box(Binary.ascii(raw, 4, 4), content.toByteArray());
	}

	private static void apply(List<Item> items, TagEdit edit) throws IOException {
		applyAttachments(items, edit);
		for (TagField field : edit.fields()) {
			if (edit.removes(field)) {
				items.removeIf(item -> fieldOf(item) == field);
				continue;
			}
			String text = edit.text(field);
			byte[] utf8 = dataBox(UTF8, text.getBytes(StandardCharsets.UTF_8));
			switch (field) {
			case BPM -> {
				byte[] whole = new byte[2];
				Binary.putBe16(whole, 0, edit.bpm().whole());
				set(items, item -> item.key().equals("tmpo"), dataBox(INTEGER, whole), box("tmpo", dataBox(INTEGER, whole)));
				set(items, item -> freeform(item, "BPM"), utf8,
						edit.bpm().wholeIsRounded() ? freeformItem("BPM", utf8) : null);
			}
			case KEY -> {
				set(items, item -> freeform(item, "initialkey"), utf8,
						items.stream().anyMatch(item -> freeform(item, "KEY")) ? null : freeformItem("initialkey", utf8));
				set(items, item -> freeform(item, "KEY"), utf8, null);
			}
			case ISRC -> set(items, item -> freeform(item, "ISRC"), utf8, freeformItem("ISRC", utf8));
			default -> {
				String atom = atom(field);
				set(items, item -> item.key().equals(atom), utf8, box(atom, utf8));
			}
			}
		}
	}

	private static byte[] freeformItem(String name, byte[] data) {
		return freeformItem(ITUNES, name, data);
	}

	private static byte[] freeformItem(String mean, String name, byte[] data) {
		return box("----", fullBox("mean", mean), fullBox("name", name), data);
	}

	// ---- artwork (covr) and Serato's items

	/** Every data box of an item: its type code and payload (covr holds one per picture). */
	private static List<Data> allData(Item item) throws IOException {
		byte[] raw = item.raw();
		int header = Binary.be32(raw, 0) == 1 ? 16 : 8;
		List<Data> all = new ArrayList<>();
		for (Box part : children(raw, header, raw.length)) {
			if (part.type().equals("data") && part.size() >= part.headerSize() + 8) {
				int at = (int) part.contentStart();
				all.add(new Data(Binary.be24(raw, at + 1), Arrays.copyOfRange(raw, at + 8, (int) part.end())));
			}
		}
		return all;
	}

	private static final String SERATO_ITEM = "----:" + DjFrame.SERATO_MP4_MEAN + ":";

	private static Attachments attachments(List<Item> items) throws IOException {
		List<Picture> pictures = new ArrayList<>();
		List<DjFrame> dj = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (Item item : items) {
			if (item.key().equals("covr")) {
				for (Data data : allData(item)) {
					pictures.add(Picture.fromMp4(data.type(), data.payload()));
				}
			} else if (item.key().startsWith(SERATO_ITEM)) {
				String name = item.key().substring(SERATO_ITEM.length());
				Data data = data(item);
				if (DjFrame.seratoOfMp4(name) == null || data == null) {
					problems.add(item.key() + " not carried: not a Serato item ORBIT knows");
					continue;
				}
				try {
					dj.add(DjFrame.unenvelope(new String(data.payload(), StandardCharsets.UTF_8), Carrier.MP4));
				} catch (IOException e) {
					problems.add(item.key() + " could not be read (" + e.getMessage() + "): not carried");
				}
			}
		}
		return new Attachments(pictures, dj, problems);
	}

	/** The artwork replaces every covr item with one holding a data box per picture MP4 can hold; DJ frames replace theirs. */
	private static void applyAttachments(List<Item> items, TagEdit edit) throws IOException {
		if (edit.pictures() != null) {
			items.removeIf(item -> item.key().equals("covr"));
			List<byte[]> boxes = new ArrayList<>();
			for (Picture picture : edit.pictures()) {
				int type = Picture.mp4Type(picture.mime());
				if (type >= 0) {
					boxes.add(dataBox(type, picture.data()));
				}
			}
			if (!boxes.isEmpty()) {
				items.add(new Item("covr", box("covr", boxes.toArray(byte[][]::new))));
			}
		}
		for (DjFrame frame : edit.djFrames()) {
			String name = frame.nameIn(Carrier.MP4);
			if (name == null) {
				continue;
			}
			String key = SERATO_ITEM + name;
			byte[] value = dataBox(UTF8, DjFrame.envelope(frame.name(), frame.payload(), DjFrame.mp4Lines(frame.name()))
					.getBytes(StandardCharsets.US_ASCII));
			set(items, item -> item.key().equals(key), value, freeformItem(DjFrame.SERATO_MP4_MEAN, name, value));
		}
	}

	private interface Match {
		boolean test(Item item);
	}

	/** The first matching item gets {@code data}, later ones go; with none, {@code added} (if any) is appended. */
	private static void set(List<Item> items, Match match, byte[] data, byte[] added) throws IOException {
		int first = -1;
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			if (!match.test(item)) {
				continue;
			}
			if (first < 0) {
				first = i;
				items.set(i, new Item(item.key(), withData(item, data)));
			} else {
				items.remove(i--);
			}
		}
		if (first < 0 && added != null) {
			items.add(new Item("", added));
		}
	}

	/**
	 * Every chunk offset of every track (stco/co64), in track order: where the decoder looks for the
	 * audio. A tag write may move them only together with the audio they point at.
	 */
	public static List<Long> chunkOffsets(FileChannel channel) throws IOException {
		Moov moov = moov(channel, topLevel(channel));
		byte[] b = moov.bytes();
		Box root = new Box("moov", 0, moov.top().headerSize(), b.length);
		List<Long> offsets = new ArrayList<>();
		for (Box trak : children(b, root.contentStart(), root.end())) {
			Box stbl = trak.type().equals("trak") ? stbl(b, trak) : null;
			if (stbl == null) {
				continue;
			}
			for (Box table : children(b, stbl.contentStart(), stbl.end())) {
				boolean wide = table.type().equals("co64");
				if (!wide && !table.type().equals("stco")) {
					continue;
				}
				int at = (int) table.contentStart() + 4;
				long count = Binary.be32(b, at);
				at += 4;
				if (at + count * (wide ? 8 : 4) > table.end()) {
					throw new IOException("the chunk offset table of a track runs past its box");
				}
				for (long i = 0; i < count; i++, at += wide ? 8 : 4) {
					offsets.add(wide ? Binary.be64(b, at) : Binary.be32(b, at));
				}
			}
		}
		return offsets;
	}

	private static Box stbl(byte[] b, Box trak) throws IOException {
		Box mdia = child(b, trak, trak.contentStart(), "mdia");
		Box minf = mdia == null ? null : child(b, mdia, mdia.contentStart(), "minf");
		return minf == null ? null : child(b, minf, minf.contentStart(), "stbl");
	}

	// ---- the file

	@Override
	public List<RawField> read(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Moov moov = moov(channel, topLevel(channel));
			List<RawField> fields = new ArrayList<>();
			for (Item item : items(moov.bytes(), moov.ilst())) {
				fields.add(new RawField(LOCATION, item.key(), fieldOf(item), text(item), item.raw()));
			}
			return fields;
		}
	}

	@Override
	public Attachments attachments(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Moov moov = moov(channel, topLevel(channel));
			return attachments(items(moov.bytes(), moov.ilst()));
		}
	}

	@Override
	public Carrier carrier() {
		return Carrier.MP4;
	}

	@Override
	public Plan plan(Path file, TagEdit edit, Id3Version id3Version) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			List<Box> top = topLevel(channel);
			Moov moov = moov(channel, top);
			byte[] b = moov.bytes();
			List<Item> items = items(b, moov.ilst());
			apply(items, edit);
			ByteArrayOutputStream ilstContent = new ByteArrayOutputStream();
			items.forEach(item -> ilstContent.writeBytes(item.raw()));
			byte[] ilst = box("ilst", ilstContent.toByteArray());

			byte[] meta;
			if (moov.meta() == null) {
				// hdlr "mdir"/"appl", as iTunes writes it.
				byte[] hdlr = box("hdlr", new byte[8], Binary.ascii("mdirappl"), new byte[9]);
				meta = box("meta", new byte[4], hdlr, ilst);
			} else {
				meta = replace(slice(b, moov.meta()), relative(moov.ilst(), moov.meta()), ilst, true);
			}
			byte[] udta = moov.udta() == null ? box("udta", meta)
					: replace(slice(b, moov.udta()), relative(moov.meta(), moov.udta()), meta, false);
			byte[] newMoov = replace(b, moov.udta(), udta, false);

			long delta = newMoov.length - moov.top().size();
			List<Splice.Piece> pieces = new ArrayList<>();
			pieces.add(new Splice.Copy(0, moov.top().offset()));
			long rest = moov.top().end();
			int index = top.indexOf(moov.top());
			Box next = index + 1 < top.size() ? top.get(index + 1) : null;
			if (delta != 0 && next != null && (next.type().equals("free") || next.type().equals("skip"))
					&& next.size() - delta >= 8 && next.size() - delta < 1L << 31 && next.headerSize() == 8) {
				// The free box after the moov takes up the difference: nothing after it moves.
				pieces.add(new Splice.Data(newMoov));
				pieces.add(new Splice.Data(box(next.type(), new byte[(int) (next.size() - delta - 8)])));
				rest = next.end();
			} else {
				if (delta != 0) {
					shiftChunkOffsets(top, moov.top(), newMoov, delta);
				}
				pieces.add(new Splice.Data(newMoov));
			}
			pieces.add(new Splice.Copy(rest, channel.size() - rest));
			List<String> notes = new ArrayList<>();
			if (edit.bpm() != null && edit.bpm().wholeIsRounded()) {
				notes.add("M4A keeps BPM as a whole number: " + edit.bpm().text() + " was written as " + edit.bpm().whole()
						+ " (tmpo) and exactly as " + edit.bpm().text() + " (----:com.apple.iTunes:BPM)");
			}
			return new Plan(pieces, notes, false);
		}
	}

	private static byte[] slice(byte[] b, Box box) {
		return Arrays.copyOfRange(b, (int) box.offset(), (int) box.end());
	}

	private static Box relative(Box child, Box parent) {
		return child == null ? null
				: new Box(child.type(), child.offset() - parent.offset(), child.headerSize(), child.size());
	}

	/**
	 * {@code parent} with {@code old} (a child box, or null to append) replaced by {@code replacement}
	 * and its size updated. With {@code absorb}, a free box right after the old child shrinks or
	 * grows by the difference, so that the parent keeps its size.
	 */
	private static byte[] replace(byte[] parent, Box old, byte[] replacement, boolean absorb)
			throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (old == null) {
			out.write(parent, 0, parent.length);
			out.writeBytes(replacement);
		} else {
			out.write(parent, 0, (int) old.offset());
			out.writeBytes(replacement);
			long after = old.end();
			long delta = replacement.length - old.size();
			if (absorb && delta != 0 && after + 8 <= parent.length) {
				Box free = box(parent, (int) after, parent.length);
				if (free.type().equals("free") && free.headerSize() == 8 && free.size() - delta >= 8) {
					out.writeBytes(box("free", new byte[(int) (free.size() - delta - 8)]));
					after = free.end();
				}
			}
			out.write(parent, (int) after, (int) (parent.length - after));
		}
		byte[] bytes = out.toByteArray();
		if (Binary.be32(bytes, 0) == 1) {
			Binary.putBe64(bytes, 8, bytes.length);
		} else if (bytes.length >= 1L << 32) {
			throw new IOException("an MP4 box would exceed 4 GB");
		} else {
			Binary.putBe32(bytes, 0, bytes.length);
		}
		return bytes;
	}

	/**
	 * Moves every chunk offset that points past the old moov by {@code delta}: the audio after the
	 * moov moves with it. Fragmented files (moof) keep offsets elsewhere and are refused.
	 */
	private static void shiftChunkOffsets(List<Box> top, Box moov, byte[] newMoov, long delta) throws IOException {
		boolean audioAfter = false;
		for (Box box : top) {
			if (box.type().equals("moof")) {
				throw new IOException("fragmented MP4 files need room in their header for new tags, and this one has none");
			}
			audioAfter |= box.type().equals("mdat") && box.offset() > moov.offset();
		}
		if (!audioAfter) {
			return;
		}
		Box root = new Box("moov", 0, moov.headerSize(), newMoov.length);
		for (Box trak : children(newMoov, root.contentStart(), root.end())) {
			if (!trak.type().equals("trak")) {
				continue;
			}
			Box stbl = stbl(newMoov, trak);
			if (stbl == null) {
				continue;
			}
			for (Box table : children(newMoov, stbl.contentStart(), stbl.end())) {
				boolean wide = table.type().equals("co64");
				if (!wide && !table.type().equals("stco")) {
					continue;
				}
				int at = (int) table.contentStart() + 4;
				long count = Binary.be32(newMoov, at);
				at += 4;
				if (at + count * (wide ? 8 : 4) > table.end()) {
					throw new IOException("the chunk offset table of a track runs past its box");
				}
				for (long i = 0; i < count; i++, at += wide ? 8 : 4) {
					long offset = wide ? Binary.be64(newMoov, at) : Binary.be32(newMoov, at);
					if (offset < moov.end()) {
						continue;
					}
					offset += delta;
					if (wide) {
						Binary.putBe64(newMoov, at, offset);
					} else if (offset >= 1L << 32) {
						throw new IOException("a chunk offset would exceed 4 GB");
					} else {
						Binary.putBe32(newMoov, at, offset);
					}
				}
			}
		}
	}
}
