package orbit.core;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns any failure into what the user reads: what happened and what to do, in the words of a
 * DJ, without Java class names. The command line and the workstation's dialogs both show
 * failures through this one mapping, so a full disk reads the same wherever it is met.
 *
 * <p>A full disk is named as such in every wording SQLite or Java gives it, also when an
 * {@link ActionableException} wraps it in more general words; otherwise an
 * {@link ActionableException} is shown as it was written.
 */
public final class ErrorSentences {

	/** Added on the command line to a sentence that has no remedy of its own. */
	public static final String VERBOSE_HINT = "(run with --verbose for details)";
	/** Added in the workstation to a sentence that has no remedy of its own. */
	public static final String LOG_HINT = "(details are in the log)";

	private static final Pattern CSV_LINE = Pattern.compile("line:? *(\\d[\\d,]*)", Pattern.CASE_INSENSITIVE);
	/** A JDK class name (java.io.X, org.sqlite.X) or a nested exception's "X: " prefix. */
	private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:? ?");
	private static final Pattern SQLITE_CODE = Pattern.compile("\\[SQLITE_[A-Z_]+\\] *");

	private ErrorSentences() {
	}

	/** The one line to show for a failure; {@code where} names the folder in use when the failure names none. */
	public static String sentence(Throwable failure, Path where) {
		return actionable(failure, where).getMessage();
	}

	/** As {@link #sentence(Throwable, Path)}, with {@code hint} after a sentence that has no remedy of its own. */
	public static String sentence(Throwable failure, Path where, String hint) {
		return actionable(failure, where, hint).getMessage();
	}

	/**
	 * The failure as an {@link ActionableException}: the one in its causes, or a new one saying
	 * what happened and what to do, with the failure as its cause (for {@code --verbose}).
	 *
	 * @param where the folder in use (the data directory) when the failure names no file; may be null
	 */
	public static ActionableException actionable(Throwable failure, Path where) {
		return actionable(failure, where, VERBOSE_HINT);
	}

	/** As {@link #actionable(Throwable, Path)}, with {@code hint} after a sentence that has no remedy of its own. */
	public static ActionableException actionable(Throwable failure, Path where, String hint) {
		Path named = namedFile(failure);
		String place = named != null ? named.toString() : where != null ? where.toString() : null;
		ActionableException written = find(failure, ActionableException.class);
		if (any(failure, ErrorSentences::fullDisk) || any(failure, ErrorSentences::lostTransaction) && noSpaceLeft(where)) {
			// Kept only when it already says so in its own words, not inside parentheses of a general one.
			if (written != null && written.problem().startsWith("The disk")) {
				return written;
			}
			return new ActionableException((place == null ? "The disk" : "The disk holding " + place) + " is full",
					"Free some space and retry", failure);
		}
		if (written != null) {
			return written;
		}
		if (any(failure, ErrorSentences::readOnly)) {
			String folder = named != null && named.getParent() != null && !(failure instanceof AccessDeniedException)
					? named.getParent().toString() : place;
			return new ActionableException(folder == null ? "ORBIT may not write where it keeps its data"
					: "ORBIT may not write in " + folder + " (it is read-only or not yours)",
					"Make it writable, or choose another --home DIR", failure);
		}
		if (any(failure, ErrorSentences::corrupt)) {
			String file = named != null ? named.toString() : where == null ? "A database" : "A database in " + where;
			return new ActionableException(file + " is damaged or is not an ORBIT database",
					"It was left untouched: run 'orbit doctor', and move the damaged file aside", failure);
		}
		Throwable csv = first(failure, t -> t.getClass().getName().startsWith("org.apache.commons.csv."));
		if (csv != null) {
			Matcher line = CSV_LINE.matcher(String.valueOf(csv.getMessage()));
			return new ActionableException((place == null ? "The CSV file" : place) + " is not valid CSV"
					+ (line.find() ? " at line " + line.group(1).replace(",", "") : "") + " (" + plain(csv) + ")",
					"Fix the quotes on that line and import it again", failure);
		}
		if (any(failure, t -> t instanceof InterruptedException || t instanceof InterruptedIOException
				|| t instanceof ClosedByInterruptException)) {
			return new ActionableException("The work was interrupted before it finished",
					"What was committed before is kept; run it again to finish", failure);
		}
		return new ActionableException(plain(deepestWithMessage(failure)) + (hint == null || hint.isEmpty() ? "" : " " + hint),
				null, failure);
	}

	/** SQLITE_FULL, "database or disk is full", ENOSPC "No space left on device", Windows' "not enough space". */
	static boolean fullDisk(Throwable t) {
		String m = lower(t);
		return m.contains("sqlite_full") || m.contains("disk is full") || m.contains("no space left on device")
				|| m.contains("enospc") || m.contains("not enough space on the disk") || m.contains("disk full")
				|| m.contains("sqlite_ioerr_write") && m.contains("space");
	}

	/**
	 * SQLite rolls a transaction back by itself when a statement fails for want of space; a commit
	 * after that reports only that no transaction is active, and the full disk has to be found again.
	 */
	static boolean lostTransaction(Throwable t) {
		return lower(t).contains("no transaction is active");
	}

	private static boolean noSpaceLeft(Path where) {
		if (where == null) {
			return false;
		}
		try {
			return java.nio.file.Files.getFileStore(where).getUsableSpace() < 1024 * 1024;
		} catch (java.io.IOException | RuntimeException e) {
			return false;
		}
	}

	static boolean readOnly(Throwable t) {
		String m = lower(t);
		return t instanceof AccessDeniedException || m.contains("sqlite_readonly") || m.contains("readonly database")
				|| m.contains("read-only file system") || m.contains("erofs") || m.contains("permission denied")
				|| m.contains("sqlite_cantopen") || m.contains("sqlite_perm");
	}

	static boolean corrupt(Throwable t) {
		String m = lower(t);
		return m.contains("sqlite_corrupt") || m.contains("sqlite_notadb") || m.contains("file is not a database")
				|| m.contains("disk image is malformed");
	}

	/** The failure's words without class names or SQLite's codes; its kind when it has no words. */
	static String plain(Throwable t) {
		String message = t.getMessage();
		if (message == null || message.isBlank()) {
			return "An unexpected " + words(t.getClass().getSimpleName()) + " happened";
		}
		String plain = SQLITE_CODE.matcher(CLASS_NAME.matcher(message).replaceAll("")).replaceAll("").strip();
		if (plain.isEmpty()) {
			return "An unexpected " + words(t.getClass().getSimpleName()) + " happened";
		}
		return Character.toUpperCase(plain.charAt(0)) + plain.substring(1);
	}

	/** "NullPointerException" becomes "null pointer problem": a kind, not a class name. */
	private static String words(String simpleName) {
		String base = simpleName.replaceAll("(Exception|Error)$", "");
		return (base.isEmpty() ? "" : base.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT) + " ") + "problem";
	}

	private static Throwable deepestWithMessage(Throwable failure) {
		Throwable best = failure;
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			// A wrapper's message is often only its cause's toString(): the cause says it better.
			if (t.getMessage() != null && !t.getMessage().isBlank()) {
				best = t;
				if (t.getCause() == null || !t.getMessage().contains(String.valueOf(t.getCause().getMessage()))) {
					break;
				}
			}
		}
		return best;
	}

	/** The file a failure names (java.nio's exceptions carry it), the first one in the causes. */
	private static Path namedFile(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof FileSystemException fs && fs.getFile() != null) {
				try {
					return Path.of(fs.getFile());
				} catch (RuntimeException e) {
					return null;
				}
			}
		}
		return null;
	}

	private static String lower(Throwable t) {
		return String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
	}

	private static boolean any(Throwable failure, java.util.function.Predicate<Throwable> test) {
		return first(failure, test) != null;
	}

	private static Throwable first(Throwable failure, java.util.function.Predicate<Throwable> test) {
		int depth = 0;
		for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
			if (test.test(t)) {
				return t;
			}
			for (Throwable suppressed : t.getSuppressed()) {
				if (test.test(suppressed)) {
					return suppressed;
				}
			}
		}
		return null;
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		Throwable found = first(failure, type::isInstance);
		return found == null ? null : type.cast(found);
	}
}
