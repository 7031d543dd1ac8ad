package orbit.library;

import java.time.Instant;

/**
 * What the last check of an entry's audio found.
 *
 * @param decoded true for a full decode ('verify': FLAC's MD5 of the samples), false for the scan's
 *                frame check (FLAC frame CRCs, MPEG frame sync and count)
 * @param detail  what was checked and found, for the user
 */
public record AudioVerdict(Instant checkedAt, boolean intact, String detail, boolean decoded) {

	/** "intact" or "damaged", as a table cell says it. */
	public String label() {
		return intact ? "intact" : "damaged";
	}
}
