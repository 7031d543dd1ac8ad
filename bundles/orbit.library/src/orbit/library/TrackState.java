package orbit.library;

import java.time.Instant;

/**
 * What is going on with an entry's file, beyond its metadata: missing since a scan did not find
 * it, unreadable (a scan's reason), its audio damaged (a check's finding), a copy of a recording
 * another entry stands for, or waiting in the enrichment queue.
 *
 * @param copyOf the entry that stands for this one's recording; null when this one stands for it
 */
public record TrackState(Instant missingSince, String unreadable, String damagedAudio, Long copyOf,
		boolean enrichmentQueued) {

	public static final TrackState OK = new TrackState(null, null, null, null, false);

	/** The same state, now waiting in the enrichment queue. */
	public TrackState queued() {
		return enrichmentQueued ? this : new TrackState(missingSince, unreadable, damagedAudio, copyOf, true);
	}

	public boolean ok() {
		return missingSince == null && unreadable == null && damagedAudio == null && copyOf == null && !enrichmentQueued;
	}

	/** A short phrase for a table cell: "missing", "unreadable", "damaged audio", "copy of #12", ..., or empty. */
	public String label() {
		if (missingSince != null) {
			return "missing";
		}
		if (unreadable != null) {
			return "unreadable";
		}
		if (damagedAudio != null) {
			return "damaged audio";
		}
		if (copyOf != null) {
			return "copy of #" + copyOf;
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
		if (damagedAudio != null) {
			return "Damaged audio: " + damagedAudio;
		}
		if (copyOf != null) {
			return "A copy of the recording #" + copyOf + " stands for (a better copy, or the one kept where your music lives)"
					+ (enrichmentQueued ? "; queued for online enrichment" : "");
		}
		return enrichmentQueued ? "Queued for online enrichment" : "";
	}
}
