package orbit.library;

import java.util.Locale;
import java.util.Optional;

/**
 * Dual-truth resolution: the user's value wins, then the file's tags, then the online value (the
 * first provider in the provider order that has one). The result says which source, and for an
 * online value which provider, it came from, so the UI can mark user overrides.
 */
public final class DualTruth {

	private DualTruth() {
	}

	/**
	 * A resolved value and its source; {@code value} is empty exactly when the source is NONE, and
	 * {@code provider} names the provider exactly when the source is ONLINE_PROVIDER.
	 */
	public record Resolved<T>(Optional<T> value, MetadataSource source, String provider) {
		public boolean userOverride() {
			return source == MetadataSource.USER;
		}

		/** "file tags", "you", "deezer": where the value came from, as a DJ reads it. */
		public String origin() {
			return source == MetadataSource.ONLINE_PROVIDER && provider != null ? provider : source.describe();
		}
	}

	public static Resolved<Double> bpm(Double manual, Double fileTags, OnlineValues online) {
		return first(manual, fileTags, online.bpm(), online.bpmProvider());
	}

	/** Keys are compared and returned as {@link MusicalKey}; a stored text that is no key is skipped. */
	public static Resolved<MusicalKey> key(String manual, String fileTags, OnlineValues online) {
		return key(manual, fileTags, online.musicalKey(), online.keyProvider());
	}

	public static Resolved<MusicalKey> key(String manual, String fileTags, String online, String provider) {
		return first(MusicalKey.parse(manual).orElse(null), MusicalKey.parse(fileTags).orElse(null),
				MusicalKey.parse(online).orElse(null), provider);
	}

	/** The file's own length, else the online one; a user never sets a duration. */
	public static Resolved<Integer> duration(Integer fileTags, OnlineValues online) {
		return first(null, fileTags, online.durationSeconds(), online.durationProvider());
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

	private static <T> Resolved<T> first(T manual, T fileTags, T online, String provider) {
		if (manual != null) {
			return new Resolved<>(Optional.of(manual), MetadataSource.USER, null);
		}
		if (fileTags != null) {
			return new Resolved<>(Optional.of(fileTags), MetadataSource.FILE_TAGS, null);
		}
		if (online != null) {
			return new Resolved<>(Optional.of(online), MetadataSource.ONLINE_PROVIDER, provider);
		}
		return new Resolved<>(Optional.empty(), MetadataSource.NONE, null);
	}
}
