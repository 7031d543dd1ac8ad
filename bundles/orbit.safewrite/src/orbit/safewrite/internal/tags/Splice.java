package orbit.safewrite.internal.tags;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A file's new content as pieces: new bytes, or ranges of the original copied as they are. When
 * every copied range keeps its offset, only the new bytes are written into the temp copy (a tag
 * that fits its padding costs one small write); otherwise the temp is written from the start.
 */
public final class Splice {

	public sealed interface Piece permits Data, Copy {
		long length();
	}

	/** New bytes. */
	public record Data(byte[] bytes) implements Piece {
		@Override
		public long length() {
			return bytes.length;
		}
	}

	/** A range of the original, copied verbatim. */
	public record Copy(long offset, long length) implements Piece {
	}

	private Splice() {
	}

	/**
	 * Writes {@code pieces} to {@code temp}, which holds an exact copy of {@code original}.
	 */
	public static void write(Path original, Path temp, List<Piece> pieces) throws IOException {
		try (FileChannel source = FileChannel.open(original, StandardOpenOption.READ)) {
			if (inPlace(pieces, source.size())) {
				try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
					long at = 0;
					for (Piece piece : pieces) {
						if (piece instanceof Data data) {
							writeFully(out, ByteBuffer.wrap(data.bytes()), at);
						}
						at += piece.length();
					}
				}
				return;
			}
			try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				long at = 0;
				for (Piece piece : pieces) {
					if (piece instanceof Data data) {
						writeFully(out, ByteBuffer.wrap(data.bytes()), at);
					} else if (piece instanceof Copy copy) {
						if (copy.offset() + copy.length() > source.size()) {
							throw new IOException("a copied range runs past the end of the original");
						}
						long done = 0;
						while (done < copy.length()) {
							long n = source.transferTo(copy.offset() + done, copy.length() - done, out.position(at + done));
							if (n <= 0) {
								throw new IOException("could not copy the original's bytes at " + (copy.offset() + done));
							}
							done += n;
						}
					}
					at += piece.length();
				}
			}
		}
	}

	/** The new content has the original's length and every copied range stays where it was. */
	static boolean inPlace(List<Piece> pieces, long originalSize) {
		long at = 0;
		for (Piece piece : pieces) {
			if (piece instanceof Copy copy && copy.offset() != at) {
				return false;
			}
			at += piece.length();
		}
		return at == originalSize;
	}

	private static void writeFully(FileChannel out, ByteBuffer buffer, long at) throws IOException {
		while (buffer.hasRemaining()) {
			out.write(buffer, at + buffer.position());
		}
	}
}
