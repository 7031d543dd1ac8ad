package orbit.enrichment;

/** What a provider can tell about a track. */
public enum Capability {
	/** Find the provider's track by ISRC, or by artist, title and duration. */
	FIND_TRACK,
	/** Tempo (BPM). */
	TEMPO,
	/** Musical key. */
	KEY,
	/** Duration. */
	DURATION,
	/** Batch audio analysis (tempo and key for many tracks in one request). */
	AUDIO_FEATURES
}
