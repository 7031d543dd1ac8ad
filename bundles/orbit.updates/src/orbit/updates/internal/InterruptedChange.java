package orbit.updates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A change of the installation that p2's engine was making when ORBIT was stopped dead (killed,
 * power cut). p2 writes a new profile state and the installation's bundles.info one after the
 * other, neither of them atomically: a start finds a half-written profile state unreadable (and
 * then no profile at all), or a profile that does not say what bundles.info runs.
 *
 * <p>Before the engine runs, an intent is written to the p2 data area: the profile state being
 * left and a copy of bundles.info. It is removed when the change is done, or has failed (p2 rolls
 * a failed change back itself). When the next {@code orbit update} or {@code orbit plugins} finds
 * it, the change was interrupted: unless both its profile state and its bundles.info were written
 * in full, the installation is put back as it was before, the states written since set aside.
 */
final class InterruptedChange {

	private static final String INTENT = "intent.properties";
	private static final String BUNDLES_INFO = "bundles.info";
	/** The copy of bundles.info, compressed: on a nearly full disk the note takes two blocks. */
	private static final String BACKUP = "bundles.info.gz";
	/** Without the profile lock: a state that p2 could not read, written this long ago, is not being written now. */
	private static final long STALE_MILLIS = 5_000;
	private static final String STATE_SUFFIX = ".profile.gz";

	private final Path area;
	private final String profileId;

	/** @param area the p2 data area; {@code profileId} the installation's profile in it */
	InterruptedChange(Path area, String profileId) {
		this.area = area;
		this.profileId = profileId;
	}

	private Path folder() {
		return area.resolve("orbit.updates").resolve("interrupted");
	}

	private Path setAside() {
		return area.resolve("orbit.updates").resolve("set-aside");
	}

	private Path registry() {
		return area.resolve("org.eclipse.equinox.p2.engine").resolve("profileRegistry").resolve(profileId + ".profile");
	}

	/** Records that {@code command} is about to change the installation, from profile state {@code fromState}. */
	void begin(String command, long fromState, Path bundlesInfo) throws IOException {
		Path folder = Files.createDirectories(folder());
		Files.deleteIfExists(folder.resolve(INTENT));
		if (Files.isRegularFile(bundlesInfo)) {
			try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve(BACKUP)))) {
				Files.copy(bundlesInfo, out);
			}
		}
		Properties intent = new Properties();
		ProcessHandle self = ProcessHandle.current();
		intent.setProperty("pid", Long.toString(self.pid()));
		intent.setProperty("started", self.info().startInstant().map(Object::toString).orElse(""));
		intent.setProperty("command", command);
		intent.setProperty("from", Long.toString(fromState));
		intent.setProperty("bundlesInfo", bundlesInfo.toString());
		Path written = folder.resolve(INTENT + ".tmp");
		try (OutputStream out = Files.newOutputStream(written)) {
			intent.store(out, "a change of the installation under way");
		}
		Files.move(written, folder.resolve(INTENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/** The change has ended, done or rolled back by p2. */
	void end() {
		try {
			Files.deleteIfExists(folder().resolve(INTENT));
			Files.deleteIfExists(folder().resolve(BACKUP));
		} catch (IOException e) {
			// The next start sees the intent and finds the change complete or puts it back.
		}
	}

	/**
	 * Before p2 reads the profile: sets aside profile states that were not written in full, and
	 * puts an interrupted change back. Returns the state a completed {@code update apply} left
	 * (to be remembered for a revert), else -1. {@code exclusive}: the caller holds the
	 * {@link ProfileLock}, so no other ORBIT is writing a state now.
	 */
	long recover(boolean exclusive) throws IOException {
		Path intentFile = folder().resolve(INTENT);
		Properties intent = new Properties();
		if (Files.isRegularFile(intentFile)) {
			try (InputStream in = Files.newInputStream(intentFile)) {
				intent.load(in);
			}
			if (running(intent)) {
				// Another ORBIT is making the change now: nothing of it is touched.
				return -1;
			}
		}
		setAsideUnreadableStates(exclusive);
		if (!Files.isRegularFile(intentFile)) {
			return -1;
		}
		long from;
		try {
			from = Long.parseLong(intent.getProperty("from", ""));
		} catch (NumberFormatException e) {
			end();
			return -1;
		}
		Path bundlesInfo = Path.of(intent.getProperty("bundlesInfo", ""));
		byte[] backup = backup();
		byte[] now = Files.isRegularFile(bundlesInfo) ? Files.readAllBytes(bundlesInfo) : null;
		boolean newState = states().stream().anyMatch(s -> timestamp(s) > from);
		boolean newConfiguration = backup != null && now != null && !Arrays.equals(backup, now) && complete(now);
		long completed = -1;
		if (newState && newConfiguration) {
			completed = "update apply".equals(intent.getProperty("command")) ? from : -1;
		} else {
			for (Path state : states()) {
				if (timestamp(state) > from) {
					setAside(state);
				}
			}
			if (backup != null && !Arrays.equals(backup, now)) {
				Path restored = bundlesInfo.resolveSibling(BUNDLES_INFO + ".restored");
				Files.write(restored, backup);
				Files.move(restored, bundlesInfo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		end();
		return completed;
	}

	/** The process that wrote {@code intent} is alive (the same process: its pid and when it started). */
	private static boolean running(Properties intent) {
		try {
			long pid = Long.parseLong(intent.getProperty("pid", ""));
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
					.filter(p -> p.info().startInstant().map(Object::toString).orElse("")
							.equals(intent.getProperty("started", "")))
					.isPresent();
		} catch (NumberFormatException e) {
			return false;
		}
	}

	/** bundles.info as it was before the change; null when there was none. */
	private byte[] backup() throws IOException {
		Path backup = folder().resolve(BACKUP);
		if (!Files.isRegularFile(backup)) {
			return null;
		}
		try (InputStream in = new GZIPInputStream(Files.newInputStream(backup))) {
			return in.readAllBytes();
		} catch (IOException e) {
			// Cut off itself: the change had not begun when the note was being written.
			return null;
		}
	}

	/**
	 * The newest states, while p2 could not read them: a state cut off while it was written. Without
	 * the lock, a state written in the last seconds may be another ORBIT's, still being written.
	 */
	private void setAsideUnreadableStates(boolean exclusive) throws IOException {
		for (Path state : states().reversed()) {
			if (readable(state) || !exclusive
					&& System.currentTimeMillis() - Files.getLastModifiedTime(state).toMillis() < STALE_MILLIS) {
				return;
			}
			setAside(state);
		}
	}

	private void setAside(Path state) throws IOException {
		Path aside = Files.createDirectories(setAside());
		Files.move(state, aside.resolve(state.getFileName() + ".interrupted"), StandardCopyOption.REPLACE_EXISTING);
	}

	/** The profile's states, oldest first. */
	private List<Path> states() throws IOException {
		if (!Files.isDirectory(registry())) {
			return List.of();
		}
		try (Stream<Path> all = Files.list(registry())) {
			return all.filter(p -> p.getFileName().toString().endsWith(STATE_SUFFIX) && timestamp(p) >= 0)
					.sorted(Comparator.comparingLong(InterruptedChange::timestamp)).toList();
		}
	}

	private static long timestamp(Path state) {
		String name = state.getFileName().toString();
		try {
			return Long.parseLong(name.substring(0, name.length() - STATE_SUFFIX.length()));
		} catch (NumberFormatException e) {
			return -1;
		}
	}

	/** The whole compressed stream is there (gzip's trailer checks length and CRC) and the XML ends. */
	private static boolean readable(Path state) {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(state))) {
			byte[] all = in.readAllBytes();
			return new String(all, StandardCharsets.UTF_8).strip().endsWith("</profile>");
		} catch (IOException e) {
			return false;
		}
	}

	/** bundles.info written to its end: every line whole. */
	private static boolean complete(byte[] bundlesInfo) {
		String text = new String(bundlesInfo, StandardCharsets.ISO_8859_1);
		if (!text.endsWith("\n")) {
			return false;
		}
		return text.lines().allMatch(l -> l.isBlank() || l.startsWith("#") || l.split(",", -1).length >= 5);
	}
}
