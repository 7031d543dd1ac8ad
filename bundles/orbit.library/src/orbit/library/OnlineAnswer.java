package orbit.library;

import java.time.Instant;

/**
 * One provider's latest answer for one entry, kept as that provider's (the online metadata cache).
 *
 * @param provider the provider's id ("spotify", "deezer", a plugin's own)
 * @param found false for a negative answer: the provider does not know the track (until {@code expiresAt})
 * @param musicalKey in Camelot notation
 */
public record OnlineAnswer(String provider, long entryId, boolean found, String providerTrackId, Double bpm,
		String musicalKey, Integer durationSeconds, String isrc, Instant fetchedAt, Instant expiresAt) {

	/** A cached answer younger than its expiry; an expired one still counts as the provider's latest word. */
	public boolean isFresh(Instant now) {
		return expiresAt.isAfter(now);
	}
}
