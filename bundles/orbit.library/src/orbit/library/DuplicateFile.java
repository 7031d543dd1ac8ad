package orbit.library;

/**
 * A file that holds the same recording as another entry, which stands for it (the best copy):
 * their tags name the same recording ({@link UniqueHash}) and their lengths agree within
 * {@link Library#COPY_DURATION_TOLERANCE_SECONDS}.
 *
 * @param copyId  the copy's own entry
 * @param entryId the entry that stands for the recording
 */
public record DuplicateFile(long copyId, String filePath, long entryId, String entryFilePath) {
}
