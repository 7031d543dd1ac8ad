package orbit.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Gold rule: the online provider and the file agree on BPM (within 0.5), key (same Camelot
 * code) and duration (within 5 s), or the user declared the entry Gold. The evaluation lists
 * every condition that failed, so the inspector can explain why a track is not Gold.
 */
public final class GoldRule {

	public static final double BPM_TOLERANCE = 0.5;
	public static final int DURATION_TOLERANCE_SECONDS = 5;

	private GoldRule() {
	}

	/** @param failures one sentence per failed condition; empty when Gold */
	public record Evaluation(boolean gold, boolean userVerified, List<String> failures) {
		public Evaluation {
			failures = List.copyOf(failures);
		}
	}

	public static Evaluation evaluate(Double fileBpm, String fileKey, Integer durationSeconds, Double onlineBpm,
			String onlineKey, Integer onlineDurationSeconds, boolean userVerifiedGold) {
		List<String> failures = new ArrayList<>();
		if (fileBpm == null || onlineBpm == null) {
			failures.add("BPM: " + missing(fileBpm == null, onlineBpm == null));
		} else if (Math.abs(onlineBpm - fileBpm) > BPM_TOLERANCE) {
			failures.add("BPM: file " + fileBpm + " and online " + onlineBpm + " differ by more than " + BPM_TOLERANCE);
		}
		Optional<MusicalKey> file = MusicalKey.parse(fileKey);
		Optional<MusicalKey> online = MusicalKey.parse(onlineKey);
		if (fileKey == null || onlineKey == null) {
			failures.add("key: " + missing(fileKey == null, onlineKey == null));
		} else if (file.isEmpty() || online.isEmpty()) {
			failures.add("key: '" + (file.isEmpty() ? fileKey : onlineKey) + "' is not a recognised key");
		} else if (!file.get().equals(online.get())) {
			failures.add("key: file " + file.get().camelot() + " and online " + online.get().camelot() + " differ");
		}
		if (durationSeconds == null || onlineDurationSeconds == null) {
			failures.add("duration: " + missing(durationSeconds == null, onlineDurationSeconds == null));
		} else if (Math.abs(onlineDurationSeconds - durationSeconds) > DURATION_TOLERANCE_SECONDS) {
			failures.add("duration: file " + durationSeconds + " s and online " + onlineDurationSeconds
					+ " s differ by more than " + DURATION_TOLERANCE_SECONDS + " s");
		}
		return new Evaluation(userVerifiedGold || failures.isEmpty(), userVerifiedGold, failures);
	}

	private static String missing(boolean file, boolean online) {
		return file && online ? "no file or online value" : file ? "the file has no value" : "no online value";
	}
}
