package orbit.library;

import java.time.Instant;

/**
 * What is going on with an entry's file, beyond its metadata: missing since a scan did not find
 * it, unreadable (a scan's reason), its audio damaged (a check's finding), a copy of a recording
 * another entry stands for, its upgrade deferred because another process held the file, or
 * waiting in the enrichment queue.
 *
 * @param copyOf        the entry that stands for this one's recording; null when this one stands for it
 * @param deferredUntil when a deferred upgrade of the track is tried again; null when none waits
 * @param heldBy        who held the file when the upgrade was deferred ("rekordbox (pid 4242) has it open")
 */
public record TrackState(Instant missingSince, String unreadable, String damagedAudio, Long copyOf,
		boolean enrichmentQueued, Instant deferredUntil, String heldBy) {

	public static final TrackState OK = new TrackState(null, null, null, null, false, null, null);

	/** The same state, now waiting in the enrichment queue. */
	public TrackState queued() {
		return enrichmentQueued ? this
				: new TrackState(missingSince, unreadable, damagedAudio, copyOf, true, deferredUntil, heldBy);
	}

	public boolean ok() {
		return missingSince == null && unreadable == null && damagedAudio == null && copyOf == null && !enrichmentQueued
				&& deferredUntil == null;
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
		if (deferredUntil != null) {
			return "Deferred (Locked)";
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
		if (deferredUntil != null) {
			return "Deferred (Locked): " + (heldBy == null || heldBy.isEmpty() ? "another process held the file"
					: heldBy) + "; its upgrade is tried again at " + deferredUntil;
		}
		if (copyOf != null) {
			return "A copy of the recording #" + copyOf + " stands for (a better copy, or the one kept where your music lives)"
					+ (enrichmentQueued ? "; queued for online enrichment" : "");
		}
		return enrichmentQueued ? "Queued for online enrichment" : "";
	}
}
