package orbit.download.tests;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import orbit.download.DownloadStatus;
import orbit.download.Downloads;
import orbit.download.internal.DownloadEngine;
import orbit.download.internal.DownloadEngine.Settings;
import orbit.download.internal.HttpSource;
import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.internal.AtomicFiles;

/** The process the download kill test kills: {@code URL DIR} downloads URL into DIR/inbox. */
public final class DownloadChild {

	private DownloadChild() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[1]);
		SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"),
				Clock.systemUTC());
		Settings settings = new Settings(Duration.ofMillis(100), 4, 1, Duration.ofMillis(50), Duration.ofMillis(200), 6)
				.withFlushEvery(256 * 1024);
		DownloadEngine engine = new DownloadEngine(new AtomicFiles(journal), journal, settings, List.of(new HttpSource()));
		long id = engine.enqueue(URI.create(args[0]), dir.resolve("inbox"), Downloads.USER_PRIORITY);
		DownloadStatus status = engine.await(id, Duration.ofMinutes(2));
		engine.stop();
		journal.close();
		System.out.println(status.state() + " " + status.target());
	}
}
