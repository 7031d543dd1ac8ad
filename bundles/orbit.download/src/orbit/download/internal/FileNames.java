package orbit.download.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names that come from the remote side, made safe: whatever a server or peer sends, the
 * file lands directly inside the chosen directory under a name every platform accepts.
 */
public final class FileNames {

	/** The file systems' limit of one name, in bytes (ext4, XFS, Btrfs, APFS; NTFS counts 255 UTF-16 units). */
	static final int FILESYSTEM_MAX_BYTES = 255;

	/** A name's limit in UTF-8 bytes: the file system's, less the {@code .part} suffix it is downloaded under. */
	public static final int MAX_BYTES = FILESYSTEM_MAX_BYTES - ".part".length();

	/** An extension kept through a cut: a dot and up to 10 letters or digits ({@code .mp3}, {@code .flac}). */
	private static final Pattern EXTENSION = Pattern.compile("\\.[\\p{L}\\p{N}]{1,10}$");

	private static final Pattern RESERVED = Pattern.compile("[\\p{Cntrl}<>:\"/\\\\|?*\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e]");
	private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
			"com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

	private FileNames() {
	}

	/** A safe single file name for {@code remote}, or {@code fallback} when nothing usable is left. */
	public static String sanitize(String remote, String fallback) {
		if (remote == null) {
			return fallback;
		}
		// Only the last path element counts, whichever separator the remote side used.
		String name = remote.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1);
		name = RESERVED.matcher(name).replaceAll("_").strip();
		// Windows drops trailing dots and spaces; leading dots would hide the file.
		name = name.replaceAll("[. ]+$", "").replaceAll("^\\.+", "");
		if (name.isEmpty()) {
			return fallback;
		}
		String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
		if (DEVICE_NAMES.contains(stem.toLowerCase(Locale.ROOT))) {
			name = "_" + name;
		}
		return truncate(name);
	}

	/** Cuts a name to {@link #MAX_BYTES} UTF-8 bytes, keeping its extension. */
	static String truncate(String name) {
		return truncate(name, MAX_BYTES);
	}

	/**
	 * Cuts a name to {@code maxBytes} UTF-8 bytes: the stem loses its end, the extension stays
	 * whole, and no character is split.
	 */
	public static String truncate(String name, int maxBytes) {
		if (name.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
			return name;
		}
		Matcher ext = EXTENSION.matcher(name);
		String extension = ext.find() && ext.start() > 0 ? ext.group() : "";
		String stem = name.substring(0, name.length() - extension.length());
		int budget = maxBytes - extension.getBytes(StandardCharsets.UTF_8).length;
		StringBuilder kept = new StringBuilder();
		int bytes = 0;
		for (int i = 0; i < stem.length();) {
			int codePoint = stem.codePointAt(i);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > budget) {
				break;
			}
			kept.appendCodePoint(codePoint);
			bytes += size;
			i += Character.charCount(codePoint);
		}
		// A cut may end the stem in spaces or dots, which Windows drops.
		return kept.toString().replaceAll("[. ]+$", "") + extension;
	}

	/** {@code name (n).ext}, cut so that it still fits the limit. */
	public static String numbered(String name, int n) {
		Matcher ext = EXTENSION.matcher(name);
		String extension = ext.find() && ext.start() > 0 ? ext.group() : "";
		String stem = name.substring(0, name.length() - extension.length());
		String suffix = " (" + n + ")" + extension;
		return truncate(stem, MAX_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length) + suffix;
	}

	/** {@code directory/name}, proven to be directly inside {@code directory}. */
	public static Path inside(Path directory, String name) {
		Path dir = directory.toAbsolutePath().normalize();
		Path file = dir.resolve(name).normalize();
		if (!dir.equals(file.getParent())) {
			throw new IllegalArgumentException("refusing a file name that leaves " + dir + ": " + name);
		}
		return file;
	}
}
