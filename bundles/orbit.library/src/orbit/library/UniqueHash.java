package orbit.library;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The identity of a recording in the library: MD5 of its normalised artist, title and album.
 *
 * <p>Normalisation makes tags that differ only in spelling details hash alike: Unicode NFKC
 * (full-width and compatibility forms fold to their plain letters, composed and decomposed
 * accents agree), lower case in the root locale, every run of whitespace collapsed to one
 * space and the ends trimmed. A missing field counts as empty. The three fields are joined
 * with U+001F (unit separator), which no tag contains, so "a b"+"c" and "a"+"b c" differ.
 */
public final class UniqueHash {

	private UniqueHash() {
	}

	public static String of(String artist, String title, String album) {
		String key = normalise(artist) + '\u001F' + normalise(title) + '\u001F' + normalise(album);
		try {
			byte[] digest = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform provides MD5", e);
		}
	}

	static String normalise(String value) {
		if (value == null) {
			return "";
		}
		String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return folded.strip().replaceAll("\\s+", " ");
	}
}
