package orbit.safewrite;

import java.nio.file.Path;

/**
 * The result of an audio integrity check.
 *
 * @param format     "flac", "mp3", ...
 * @param intact     whether the audio passed the check
 * @param detail     what was checked and found, for the user
 * @param audioBytes the size of the encoded audio (without tags)
 */
public record AudioReport(Path file, String format, boolean intact, String detail, long audioBytes) {
}
