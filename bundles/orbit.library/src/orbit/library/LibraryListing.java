package orbit.library;

/** One row of a library listing: the entry and its file's state. */
public record LibraryListing(LibraryEntry entry, TrackState state) {
}
