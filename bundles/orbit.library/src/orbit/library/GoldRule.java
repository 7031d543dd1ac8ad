package orbit.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Gold rule: the file and the online value agree on BPM (within 0.5), key (same Camelot code)
 * and duration (within 5 s), and no two providers that answered disagree beyond the same
 * tolerances; or the user declared the entry Gold. The online value is the first provider's, in
 * the provider order, that has one. The evaluation lists every condition that failed, naming the
 * providers, so the inspector can explain why a track is not Gold.
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

	/** An entry against the providers' answers, given in the provider order. */
	public static Evaluation evaluate(LibraryEntry entry, List<OnlineAnswer> answersInOrder) {
		return evaluate(entry.bpm(), entry.musicalKey(), entry.durationSeconds(), answersInOrder, entry.userVerifiedGold());
	}

	/** The file's values against one online source that is not named. */
	public static Evaluation evaluate(Double fileBpm, String fileKey, Integer durationSeconds, Double onlineBpm,
			String onlineKey, Integer onlineDurationSeconds, boolean userVerifiedGold) {
		List<OnlineAnswer> online = onlineBpm == null && onlineKey == null && onlineDurationSeconds == null ? List.of()
				: List.of(new OnlineAnswer(null, 0, true, null, onlineBpm, onlineKey, onlineDurationSeconds, null, null, null));
		return evaluate(fileBpm, fileKey, durationSeconds, online, userVerifiedGold);
	}

	/**
	 * @param answersInOrder the providers' latest answers, first provider first; "not found" answers
	 *                       take no part
	 */
	public static Evaluation evaluate(Double fileBpm, String fileKey, Integer durationSeconds,
			List<OnlineAnswer> answersInOrder, boolean userVerifiedGold) {
		List<OnlineAnswer> found = answersInOrder.stream().filter(OnlineAnswer::found).toList();
		List<String> failures = new ArrayList<>();
		compare(failures, "BPM", fileBpm, found, OnlineAnswer::bpm, BPM_TOLERANCE, "", GoldRule::bpm);
		compareKeys(failures, fileKey, found);
		compare(failures, "duration", durationSeconds == null ? null : durationSeconds.doubleValue(), found,
				a -> a.durationSeconds() == null ? null : a.durationSeconds().doubleValue(), DURATION_TOLERANCE_SECONDS,
				" s", v -> Integer.toString(v.intValue()));
		return new Evaluation(userVerifiedGold || failures.isEmpty(), userVerifiedGold, failures);
	}

	private static void compare(List<String> failures, String field, Double file, List<OnlineAnswer> found,
			Function<OnlineAnswer, Double> value, double tolerance, String unit, Function<Double, String> format) {
		List<OnlineAnswer> with = found.stream().filter(a -> value.apply(a) != null).toList();
		if (file == null || with.isEmpty()) {
			failures.add(field + ": " + missing(file == null, with.isEmpty()));
		} else {
			OnlineAnswer online = with.get(0);
			if (Math.abs(value.apply(online) - file) > tolerance) {
				failures.add(field + ": file " + format.apply(file) + unit + " and " + online(online) + " "
						+ format.apply(value.apply(online)) + unit + " differ by more than " + format.apply(tolerance) + unit);
			}
		}
		for (int i = 0; i < with.size(); i++) {
			for (int j = i + 1; j < with.size(); j++) {
				OnlineAnswer a = with.get(i), b = with.get(j);
				if (Math.abs(value.apply(a) - value.apply(b)) > tolerance) {
					failures.add(field + ": " + a.provider() + " " + format.apply(value.apply(a)) + unit + " and "
							+ b.provider() + " " + format.apply(value.apply(b)) + unit + " differ by more than "
							+ format.apply(tolerance) + unit);
				}
			}
		}
	}

	private static void compareKeys(List<String> failures, String fileKey, List<OnlineAnswer> found) {
		List<OnlineAnswer> with = found.stream().filter(a -> a.musicalKey() != null).toList();
		if (fileKey == null || with.isEmpty()) {
			failures.add("key: " + missing(fileKey == null, with.isEmpty()));
		} else {
			Optional<MusicalKey> file = MusicalKey.parse(fileKey);
			OnlineAnswer first = with.get(0);
			Optional<MusicalKey> online = MusicalKey.parse(first.musicalKey());
			if (file.isEmpty() || online.isEmpty()) {
				failures.add("key: '" + (file.isEmpty() ? fileKey : first.musicalKey()) + "' is not a recognised key");
			} else if (!file.get().equals(online.get())) {
				failures.add("key: file " + file.get().camelot() + " and " + online(first) + " " + online.get().camelot()
						+ " differ");
			}
		}
		for (int i = 0; i < with.size(); i++) {
			for (int j = i + 1; j < with.size(); j++) {
				OnlineAnswer a = with.get(i), b = with.get(j);
				Optional<MusicalKey> ka = MusicalKey.parse(a.musicalKey()), kb = MusicalKey.parse(b.musicalKey());
				if (ka.isPresent() && kb.isPresent() && !ka.get().equals(kb.get())) {
					failures.add("key: " + a.provider() + " " + ka.get().camelot() + " and " + b.provider() + " "
							+ kb.get().camelot() + " differ");
				}
			}
		}
	}

	/** "online (deezer)": the online value and, when known, whose it is. */
	private static String online(OnlineAnswer answer) {
		return answer.provider() == null ? "online" : "online (" + answer.provider() + ")";
	}

	private static String bpm(double value) {
		return value == Math.rint(value) ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
	}

	private static String missing(boolean file, boolean online) {
		return file && online ? "no file or online value" : file ? "the file has no value" : "no online value";
	}
}
