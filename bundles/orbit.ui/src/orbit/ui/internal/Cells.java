package orbit.ui.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import orbit.library.AudioVerdict;
import orbit.library.DualTruth;
import orbit.library.IntegrityLevel;
import orbit.library.KeyNotation;
import orbit.library.MusicalKey;

/** How values read in every view: one place for BPM, key, duration, time and the pin mark. */
public final class Cells {

	/** Marks a value the user set; it wins over the file's tags and the online providers. */
	public static final String PIN = "\u2691";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
			.withZone(ZoneId.systemDefault());

	private Cells() {
	}

	public static String text(String value) {
		return value == null ? "" : value;
	}

	public static String bpm(Double bpm) {
		return bpm == null ? "" : String.format(Locale.ROOT, "%.1f", bpm);
	}

	public static String key(String stored, KeyNotation notation) {
		return MusicalKey.display(stored, notation);
	}

	public static String resolvedBpm(DualTruth.Resolved<Double> bpm) {
		return bpm.value().map(Cells::bpm).orElse("") + (bpm.userOverride() ? " " + PIN : "");
	}

	public static String resolvedKey(DualTruth.Resolved<MusicalKey> key, KeyNotation notation) {
		return key.value().map(k -> k.format(notation)).orElse("") + (key.userOverride() ? " " + PIN : "");
	}

	/** An entry's last audio check as a sentence: "intact: 812 frames, every CRC matches (checked …)". */
	public static String audio(AudioVerdict verdict) {
		if (verdict == null) {
			return "not checked since the file last changed";
		}
		return verdict.label() + ": " + verdict.detail() + " (" + (verdict.decoded() ? "decoded" : "frames checked") + " "
				+ time(verdict.checkedAt()) + ")";
	}

	public static String duration(Integer seconds) {
		return DualTruth.clock(seconds);
	}

	/** "Gold", "Silver", … */
	public static String level(IntegrityLevel level) {
		String name = level.name();
		return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
	}

	public static String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}
}
