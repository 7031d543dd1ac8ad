package orbit.enrichment;

/**
 * A provider's answer for one track. {@code found} false means the provider does not know it
 * (cached as a negative entry). The key is in Camelot notation.
 */
public record TrackAnswer(long entryId, boolean found, String providerTrackId, Double bpm, String camelotKey,
		Integer durationSeconds, String isrc) {

	public static TrackAnswer notFound(long entryId) {
		return new TrackAnswer(entryId, false, null, null, null, null, null);
	}

	/**
	 * The Camelot name of a key given as pitch class (0 = C … 11 = B, as Spotify and most analysis
	 * APIs give it) and mode; null for an unknown pitch class.
	 */
	public static String camelot(int pitchClass, boolean minor) {
		if (pitchClass < 0 || pitchClass > 11) {
			return null;
		}
		// The wheel steps by fifths (7 semitones); 8A is A minor, 8B is C major.
		int fromWheelStart = Math.floorMod((pitchClass - (minor ? 9 : 0)) * 7, 12);
		return ((fromWheelStart + 7) % 12 + 1) + (minor ? "A" : "B");
	}
}
