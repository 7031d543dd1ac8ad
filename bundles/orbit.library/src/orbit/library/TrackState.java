package orbit.library;

import java.time.Instant;

/**
 * What is going on with an entry's file, beyond its metadata: missing since a scan did not find
 * it, unreadable (a scan's reason), or waiting in the enrichment queue.
 */
public record TrackState(Instant missingSince, String unreadable, boolean enrichmentQueued) {

	public static final TrackState OK = new TrackState(null, null, false);

	/** The same state, now waiting in the enrichment queue. */
	public TrackState queued() {
		return enrichmentQueued ? this : new TrackState(missingSince, unreadable, true);
	}

	public boolean ok() {
		return missingSince == null && unreadable == null && !enrichmentQueued;
	}

	/** A short phrase for a table cell: "missing", "unreadable", "enriching", or empty. */
	public String label() {
		if (missingSince != null) {
			return "missing";
		}
		if (unreadable != null) {
			return "unreadable";
		}
		return enrichmentQueued ? "enrichment queued" : "";
	}

	/** The whole story, for a tooltip or the inspector. */
	public String describe() {
		if (missingSince != null) {
			return "Missing since " + missingSince + ": the last scan did not find the file";
		}
		if (unreadable != null) {
			return "Unreadable: " + unreadable;
		}
		return enrichmentQueued ? "Queued for online enrichment" : "";
	}
}
