package orbit.core.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the command line shows values, the same in every command: moments in the user's own time
 * zone to the second, and an absent value as "-", never "null".
 */
public final class CliFormat {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private CliFormat() {
	}

	/** {@code at} as the user's clock shows it, to the second ({@code 2026-12-02 01:14:05}); "-" for none. */
	public static String time(Instant at) {
		return at == null ? "-" : LOCAL.format(at.atZone(ZoneId.systemDefault()));
	}

	/** A moment stored as ISO-8601 text, shown as {@link #time(Instant)}; text that is not one, as it is. */
	public static String time(String stored) {
		if (stored == null) {
			return "-";
		}
		try {
			return time(Instant.parse(stored.strip()));
		} catch (java.time.format.DateTimeParseException e) {
			return stored;
		}
	}

	/** {@code value} for a column or a line; "-" for none. */
	public static String text(Object value) {
		return value == null ? "-" : value.toString();
	}
}
