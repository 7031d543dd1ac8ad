package orbit.library;

import java.util.List;

/**
 * One entry with everything an inspector shows, read in one transaction: its file's state, every
 * provider's latest answer in the provider order, the Gold rule's verdict on them, and the history.
 */
public record EntryDetails(LibraryEntry entry, TrackState state, List<OnlineAnswer> answers, GoldRule.Evaluation gold,
		List<HistoryRecord> history) {

	public EntryDetails {
		answers = List.copyOf(answers);
		history = List.copyOf(history);
	}
}
