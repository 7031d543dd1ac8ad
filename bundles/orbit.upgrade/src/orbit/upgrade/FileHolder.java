package orbit.upgrade;

import java.util.Locale;

/**
 * Another process that holds a file.
 *
 * @param pid     its process id; -1 when the system did not say which process (a lock seen only
 *                by failing to take it)
 * @param process its name as the system knows it ({@code /proc/PID/comm}), or "another process"
 * @param hold    how it holds the file
 */
public record FileHolder(long pid, String process, Hold hold) {

	public enum Hold {
		OPEN("has it open"),
		FLOCK("holds an flock lock on it"),
		POSIX_LOCK("holds a POSIX lock on it"),
		LOCK("holds a lock on it");

		private final String words;

		Hold(String words) {
			this.words = words;
		}
	}

	/** "rekordbox (pid 4242) has it open". */
	public String sentence() {
		return pid < 0 ? process + " " + hold.words
				: String.format(Locale.ROOT, "%s (pid %d) %s", process, pid, hold.words);
	}
}
