package orbit.recovery;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a recovery run did. {@link #summary()} is the notification ("Recovered 3 downloads, 1
 * tag write"), shown only when {@link #didWork()}.
 *
 * @param recovered    operations finished or undone, by display name
 * @param resumed      operations handed back to their owner to go on, by display name
 * @param deadLettered checkpoints set aside this run
 * @param pending      checkpoints left for a later run (failed this time, or no handler yet)
 */
public record RecoveryReport(Map<String, Integer> recovered, Map<String, Integer> resumed, List<DeadLetter> deadLettered,
		int pending) {

	public boolean didWork() {
		return !recovered.isEmpty() || !resumed.isEmpty() || !deadLettered.isEmpty();
	}

	/** "Recovered 3 downloads, 1 tag write"; a warning line follows when something was set aside. */
	public String summary() {
		StringBuilder text = new StringBuilder();
		if (!recovered.isEmpty()) {
			text.append("Recovered ").append(counts(recovered));
		}
		if (!resumed.isEmpty()) {
			text.append(text.isEmpty() ? "Resumed " : "; resumed ").append(counts(resumed));
		}
		if (!deadLettered.isEmpty()) {
			text.append(text.isEmpty() ? "" : ". ").append("Warning: ").append(deadLettered.size())
					.append(deadLettered.size() == 1 ? " operation was" : " operations were")
					.append(" set aside after repeated failures (see dead letters)");
		}
		return text.toString();
	}

	private static String counts(Map<String, Integer> byName) {
		return byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
				.map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 ? "" : "s")).collect(Collectors.joining(", "));
	}
}
