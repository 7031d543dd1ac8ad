package orbit.buffer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A processing chain the deck can play a track through. {@link #ORIGINAL} leaves the audio as
 * decoded; the five others are EQ, compression and limiting in different measures.
 */
public enum Preset {
	/** The decoded audio, unprocessed (tempo still applies). */
	ORIGINAL,
	/** EQ set from the track's measured spectrum and loudness, towards a balanced target. */
	ADAPTIVE,
	/** Light glue compression, a soft top end. */
	GENTLE,
	/** Low shelf up, presence and air down. */
	WARM,
	/** Presence and air up, low mids trimmed. */
	BRIGHT,
	/** Kick and snare forward, tighter dynamics. */
	PUNCHY;

	/** The name used on the command line and in traces. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @throws IllegalArgumentException naming the presets there are
	 */
	public static Preset named(String name) {
		for (Preset preset : values()) {
			if (preset.id().equalsIgnoreCase(name.strip())) {
				return preset;
			}
		}
		throw new IllegalArgumentException("No preset '" + name + "'; the presets are "
				+ Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", ")));
	}
}
