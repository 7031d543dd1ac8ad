package orbit.enrichment;

/** What the library knows of a track to look it up with. */
public record TrackQuery(long entryId, String artist, String title, String album, Integer durationSeconds, String isrc) {
}
