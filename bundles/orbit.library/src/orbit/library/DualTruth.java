package orbit.library;

import java.util.Locale;
import java.util.Optional;

/**
 * Dual-truth resolution: the user's value wins, then the file's tags, then the online
 * provider. The result says which source it came from, so the UI can mark user overrides.
 */
public final class DualTruth {

	private DualTruth() {
	}

	/** A resolved value and its source; {@code value} is empty exactly when the source is NONE. */
	public record Resolved<T>(Optional<T> value, MetadataSource source) {
		public boolean userOverride() {
			return source == MetadataSource.USER;
		}
	}

	public static Resolved<Double> bpm(Double manual, Double fileTags, Double online) {
		return first(manual, fileTags, online);
	}

	/** Keys are compared and returned as {@link MusicalKey}; a stored text that is no key is skipped. */
	public static Resolved<MusicalKey> key(String manual, String fileTags, String online) {
		return first(MusicalKey.parse(manual).orElse(null), MusicalKey.parse(fileTags).orElse(null),
				MusicalKey.parse(online).orElse(null));
	}

	/** The file's own length, else the provider's; a user never sets a duration. */
	public static Resolved<Integer> duration(Integer fileTags, Integer online) {
		return first(null, fileTags, online);
	}

	/** A duration as a DJ reads it: {@code 6:05}, {@code 1:02:09} past an hour, empty when unknown. */
	public static String clock(Integer seconds) {
		if (seconds == null) {
			return "";
		}
		return seconds >= 3600
				? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
				: String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
	}

	private static <T> Resolved<T> first(T manual, T fileTags, T online) {
		if (manual != null) {
			return new Resolved<>(Optional.of(manual), MetadataSource.USER);
		}
		if (fileTags != null) {
			return new Resolved<>(Optional.of(fileTags), MetadataSource.FILE_TAGS);
		}
		if (online != null) {
			return new Resolved<>(Optional.of(online), MetadataSource.ONLINE_PROVIDER);
		}
		return new Resolved<>(Optional.empty(), MetadataSource.NONE);
	}
}
