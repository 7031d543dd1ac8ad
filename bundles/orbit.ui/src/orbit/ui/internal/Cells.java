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
import orbit.library.UpgradeCandidate;

/** How values read in every view: one place for BPM, key, duration, time and the pin mark. */
public final class Cells {

	/** Marks a value the user set; it wins over the file's tags and the online providers. */
	public static final String PIN = "\u2691";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
			.withZone(ZoneId.systemDefault());
	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
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

	/**
	 * Where an upgrade candidate stands, in words: "deferred until 18:05:00: rekordbox (pid 4242) has
	 * it open", "done (Auto, 18:00:12)", "rejected by you".
	 */
	public static String upgradeState(UpgradeCandidate c) {
		return switch (c.state()) {
			case DEFERRED -> "deferred until " + shortTime(c.nextRetryAt()) + ": "
					+ (c.heldBy() == null ? "another process held the track" : c.heldBy());
			case DONE -> "done (" + text(c.upgradeSource()) + ", " + shortTime(c.upgradedAt()) + ")";
			default -> upgradeLabel(c);
		};
	}

	/** The state alone: "deferred (locked)", "done", "rejected by you", ... */
	public static String upgradeLabel(UpgradeCandidate c) {
		return c.rejectedByUser() ? "rejected by you" : c.state().label();
	}

	/** How much later a recording starts in a better copy: "+26 ms", "\u2212120 ms"; empty when not compared. */
	public static String offset(Double millis) {
		if (millis == null) {
			return "";
		}
		long rounded = Math.round(millis);
		return (rounded > 0 ? "+" : rounded < 0 ? "\u2212" : "") + Math.abs(rounded) + " ms";
	}

	/** "incoming/Song.flac": a file by its folder's name and its own, short enough for a narrow table. */
	public static String folderAndName(java.nio.file.Path file) {
		java.nio.file.Path folder = file.getParent();
		return folder == null || folder.getFileName() == null ? file.toString()
				: folder.getFileName() + "/" + file.getFileName();
	}

	/** The time of day for an instant of today, the date and time otherwise. */
	public static String shortTime(Instant instant) {
		if (instant == null) {
			return "";
		}
		ZoneId zone = ZoneId.systemDefault();
		return instant.atZone(zone).toLocalDate().equals(java.time.LocalDate.now(zone)) ? CLOCK.format(instant)
				: TIME.format(instant);
	}

	public static String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}
}
