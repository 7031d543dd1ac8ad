package orbit.library;

import java.time.Instant;

/** One library entry: an audio file and what its tags say about it. */
public record Track(
		long id,
		String uniqueHash,
		String filePath,
		long fileSize,
		Instant addedAt,
		String title,
		String artist,
		String album,
		String format,
		int bitrate,
		Integer durationSeconds,
		Double bpm,
		String musicalKey) {
}
