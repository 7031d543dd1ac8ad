package orbit.library;

/** A file holding the same recording (same {@link UniqueHash}) as an entry already in the library. */
public record DuplicateFile(String filePath, long entryId, String entryFilePath) {
}
