package orbit.library;

/** What is known of a file when it enters the library; the library assigns id and hash. */
public record TrackInput(
		String filePath,
		long fileSize,
		String title,
		String artist,
		String album,
		String format,
		int bitrate,
		Integer durationSeconds,
		Double bpm,
		String musicalKey) {
}
