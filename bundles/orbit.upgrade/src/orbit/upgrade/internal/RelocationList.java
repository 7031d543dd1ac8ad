package orbit.upgrade.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import orbit.core.ActionableException;

/**
 * The list of moved files for DJ applications that find files by path: one CSV line
 * {@code OldPath,NewPath,OffsetMs,MovedAt} per upgrade and per undo, in the data directory. An
 * append is made durable before the swap's journal entry is cleared; recovery may therefore append
 * the same move again, which the list takes as done already.
 */
final class RelocationList {

	static final String FILE = "relocations.csv";

	/** Enough of the end of the list for its last line: two paths of at most 4,096 bytes, and a little more. */
	private static final int TAIL = 3 * 4096 + 256;

	private final Path file;

	RelocationList(Path file) {
		this.file = file;
	}

	/**
	 * Appends a move, unless the last line is that move already; a last line a crash cut short (no
	 * line end) is cut off first, and its move is then written whole.
	 */
	void append(String from, String to, Double offsetMillis, Instant at) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			long size = channel.size();
			String tail = tail(channel, size);
			int lineStart = tail.lastIndexOf('\n', tail.length() - 2) + 1;
			if (!tail.isEmpty() && !tail.endsWith("\n")) {
				size -= tail.substring(tail.lastIndexOf('\n') + 1).getBytes(StandardCharsets.UTF_8).length;
				channel.truncate(size);
			} else if (!tail.isEmpty() && lastMove(tail.substring(lineStart)).equals(List.of(from, to))) {
				return;
			}
			channel.position(size);
			Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8);
			CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT);
			if (size == 0) {
				csv.printRecord("OldPath", "NewPath", "OffsetMs", "MovedAt");
			}
			csv.printRecord(from, to, offsetMillis == null ? "" : String.format(Locale.ROOT, "%.1f", offsetMillis), at);
			csv.flush();
			channel.force(true);
		} catch (IOException e) {
			throw new ActionableException("Could not add the move of " + from + " to " + file + " (" + e.getMessage()
					+ ")", "Check the data directory; the files themselves are in place");
		}
	}

	private static String tail(FileChannel channel, long size) throws IOException {
		ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, TAIL));
		long from = size - tail.capacity();
		while (tail.hasRemaining() && channel.read(tail, from + tail.position()) >= 0) {
			// on until the tail is read
		}
		return new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
	}

	/** The old and new path of a line; empty for the header or a line that does not parse. */
	private static List<String> lastMove(String line) {
		try {
			List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(line)).getRecords();
			return records.isEmpty() || records.get(0).size() < 2 ? List.of()
					: List.of(records.get(0).get(0), records.get(0).get(1));
		} catch (IOException | UncheckedIOException e) {
			return List.of();
		}
	}
}
