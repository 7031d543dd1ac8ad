package orbit.download.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.download.DownloadState;
import orbit.download.DownloadStatus;
import orbit.download.Downloads;
import orbit.download.internal.DownloadEngine;
import orbit.download.internal.DownloadEngine.Settings;
import orbit.download.internal.DownloadIntent;
import orbit.download.internal.HttpSource;
import orbit.download.internal.FailedDownloads.Failure;
import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.SafeWriteService;
import orbit.tests.support.OsgiServices;

/**
 * Each class of fault a download meets, produced by a peer on loopback: a permanent one fails at
 * once and keeps nothing, a transient one is retried within its bounds and then keeps a
 * resumable {@code .part} file with its journal entry.
 */
class DownloadFaultEngineTest {

	/** Quick retries, but bounds far beyond what a permanent fault may take. */
	static final Settings FAST = new Settings(Duration.ofMillis(100), 4, 2, Duration.ofMillis(50),
			Duration.ofMillis(200), 8).withMaxRetrying(Duration.ofSeconds(20));

	@TempDir
	Path dir;
	@TempDir
	Path home;

	FakePeer peer;
	SqliteJournal journal;
	DownloadEngine engine;

	@BeforeEach
	void start() throws IOException {
		peer = new FakePeer();
		journal = new SqliteJournal(home.resolve("journal.db"), home.resolve("dead_letters.log"), Clock.systemUTC());
		engine = engine(FAST);
	}

	DownloadEngine engine(Settings settings) {
		SafeWriteService safeWrite = OsgiServices.with(SafeWriteService.class, s -> s);
		return new DownloadEngine(safeWrite, journal, settings, List.of(new HttpSource()),
				home.resolve(DownloadEngine.FAILURES_FILE));
	}

	@AfterEach
	void stop() throws IOException {
		engine.stop();
		peer.close();
		journal.close();
	}

	DownloadStatus download(String path) throws InterruptedException {
		long id = engine.enqueue(peer.uri(path), dir, Downloads.USER_PRIORITY);
		return engine.await(id, Duration.ofSeconds(60));
	}

	List<Path> leftovers() throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.toList();
		}
	}

	/** Failed at once, with the reason, and nothing kept: no file, no journal entry; the list of failures tells. */
	void assertPermanent(DownloadStatus status, String reason, long startedNanos) throws IOException {
		long millis = (System.nanoTime() - startedNanos) / 1_000_000;
		assertEquals(DownloadState.FAILED, status.state(), status.error());
		assertTrue(status.error().contains(reason), status.error());
		assertFalse(status.error().contains("Exception"), status.error());
		assertFalse(status.resumable());
		assertTrue(millis < 3_000, "a permanent fault is not retried: " + millis + " ms");
		assertEquals(List.of(), leftovers());
		assertEquals(List.of(), journal.active());
		List<Failure> failed = engine.failedWithNothingKept();
		assertEquals(1, failed.size(), failed.toString());
		assertEquals(status.error(), failed.get(0).reason());
	}

	static String redirect(String to) {
		return "HTTP/1.1 302 Found\r\nLocation: " + to + "\r\nContent-Length: 0\r\n\r\n";
	}

	@Test
	void aNulByteInTheNameHeaderFailsAtOnce() throws Exception {
		peer.content = DownloadEngineTest.random(1000, 20);
		peer.disposition = "attachment; filename=\"a\u0000b.mp3\"";
		long started = System.nanoTime();
		assertPermanent(download("/nul"), "not valid HTTP", started);
		assertEquals(1, peer.requests.size(), "asked once: " + peer.requests);
	}

	@Test
	void anEncodedNulInTheNameIsReplaced() throws Exception {
		peer.content = DownloadEngineTest.random(1000, 21);
		peer.disposition = "attachment; filename*=UTF-8''a%00b.mp3";
		DownloadStatus status = download("/nul");
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertEquals(dir.resolve("a_b.mp3"), status.target());
	}

	@Test
	void aRedirectToAnUnreachableAddressFailsAtOnce() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		String target = "http://127.0.0.1:" + closed + "/gone.flac";
		peer.script = (method, path, headers) -> redirect(target);
		long started = System.nanoTime();
		assertPermanent(download("/moved.flac"), "nothing answers at 127.0.0.1:" + closed, started);
	}

	@Test
	void aRedirectLoopFailsAtOnce() throws Exception {
		peer.script = (method, path, headers) -> redirect(path.equals("/a") ? "/b" : "/a");
		long started = System.nanoTime();
		assertPermanent(download("/a"), "redirects in a loop", started);
	}

	@Test
	void tenRedirectsAreFollowedButNotEleven() throws Exception {
		peer.content = DownloadEngineTest.random(5000, 22);
		AtomicInteger chain = new AtomicInteger(10);
		peer.script = (method, path, headers) -> {
			if (!path.startsWith("/hop")) {
				return null;
			}
			int hop = Integer.parseInt(path.substring(4));
			return redirect(hop < chain.get() ? "/hop" + (hop + 1) : "/file.flac");
		};
		DownloadStatus status = download("/hop1");
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		Files.delete(status.target());
		chain.set(11);
		long started = System.nanoTime();
		assertPermanent(download("/hop1"), "redirects more than 10 times", started);
	}

	@Test
	void anAnswerThatIsNotHttpFailsAtOnce() throws Exception {
		peer.script = (method, path, headers) -> "SSH-2.0-OpenSSH_9.6\r\n\r\n";
		long started = System.nanoTime();
		assertPermanent(download("/ssh"), "does not speak HTTP", started);
	}

	@Test
	void aRedirectToAnotherSchemeFailsAtOnce() throws Exception {
		peer.script = (method, path, headers) -> redirect("ftp://127.0.0.1/x.flac");
		long started = System.nanoTime();
		assertPermanent(download("/ftp"), "not an HTTP address", started);
	}

	@Test
	void aClientErrorFailsAtOnceButNotATimeoutOrATooManyRequests() throws Exception {
		peer.script = (method, path, headers) -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
		long started = System.nanoTime();
		assertPermanent(download("/missing.flac"), "answered HTTP 404 (no such file)", started);
		assertEquals(1, peer.requests.size(), peer.requests.toString());
	}

	@Test
	void aBodyShorterThanItsLengthWithoutRangesFailsOnTheSecondIdenticalEnd() throws Exception {
		peer.content = DownloadEngineTest.random(100_000, 23);
		peer.acceptRanges = false;
		peer.lengthLie = 5_000;
		long started = System.nanoTime();
		assertPermanent(download("/liar.flac"), "announced 105000 bytes but sends only 100000", started);
		assertEquals(2, peer.gets.get(), "the second end at the same byte gives the lie away");
	}

	@Test
	void aTransientFaultThatRecoversCompletes() throws Exception {
		peer.content = DownloadEngineTest.random(300_000, 24);
		AtomicInteger unavailable = new AtomicInteger(2);
		AtomicInteger busy = new AtomicInteger(1);
		peer.script = (method, path, headers) -> {
			if (method.equals("GET") && unavailable.getAndDecrement() > 0) {
				return "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n";
			}
			if (method.equals("GET") && busy.getAndDecrement() > 0) {
				return "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n";
			}
			return null;
		};
		long started = System.nanoTime();
		DownloadStatus status = download("/flaky.flac");
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		assertEquals(4, status.attempts(), "two 503s, one 429, then the file");
		assertTrue(millis >= 1_000, "the 429's Retry-After of 1 s was honoured: " + millis + " ms");
		assertEquals(List.of(), journal.active());
		assertEquals(List.of(), engine.failedWithNothingKept());
	}

	@Test
	void aConnectionResetIsResumed() throws Exception {
		peer.content = DownloadEngineTest.random(2_000_000, 29);
		peer.dropAfter = 600_000;
		peer.resetOnDrop = true;
		DownloadStatus status = download("/reset.flac");
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		assertEquals(2, status.attempts());
		assertTrue(peer.requests.stream().anyMatch(r -> r.startsWith("GET /reset.flac HTTP/1.1 bytes=")),
				"resumed, not started again: " + peer.requests);
	}

	@Test
	void aTransientFaultBeyondItsCountKeepsAResumablePart() throws Exception {
		peer.content = DownloadEngineTest.random(400_000, 25);
		peer.dropAfter = 150_000;
		peer.afterDrop = () -> peer.script = (method, path, headers) -> "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n";
		DownloadStatus status = download("/dropped.flac");
		assertEquals(DownloadState.FAILED, status.state());
		assertTrue(status.error().contains("answered HTTP 502"), status.error());
		assertTrue(status.error().contains("after 8 attempts"), status.error());
		assertTrue(status.resumable());
		assertEquals(8, status.attempts());
		Path part = dir.resolve("dropped.flac.part");
		assertEquals(150_000, Files.size(part), "what was received stays");
		assertEquals(1, journal.active().size(), "with its journal entry");
		assertEquals(status.error(), DownloadIntent.parse(journal.active().get(0).stateJson()).failure());
		assertEquals(List.of(), engine.failedWithNothingKept());

		// The same download again resumes from the kept bytes once the peer is well.
		peer.script = null;
		status = download("/dropped.flac");
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		assertTrue(peer.requests.stream().anyMatch(r -> r.endsWith("bytes=150000-")), peer.requests.toString());
		assertEquals(List.of(), journal.active());
	}

	@Test
	void aTransientFaultEndsWithinItsTimeBound() throws Exception {
		engine.stop();
		engine = engine(new Settings(Duration.ofMillis(100), 4, 2, Duration.ofMillis(100), Duration.ofMillis(100), 1000)
				.withMaxRetrying(Duration.ofMillis(1_500)));
		peer.content = DownloadEngineTest.random(10_000, 26);
		peer.script = (method, path, headers) -> method.equals("GET")
				? "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n" : null;
		long started = System.nanoTime();
		DownloadStatus status = download("/slow.flac");
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertEquals(DownloadState.FAILED, status.state());
		assertTrue(status.error().contains("answered HTTP 408"), status.error());
		assertTrue(millis < 4_000, "the time bound ends it, not the count of 1000: " + millis + " ms");
		assertTrue(status.attempts() > 3, "but it was retried: " + status.attempts());
		assertTrue(status.resumable(), "an empty .part and its journal entry stay for the next run");
	}

	@Test
	void aRetryAfterBeyondTheBoundEndsAtOnce() throws Exception {
		peer.content = DownloadEngineTest.random(10_000, 27);
		peer.script = (method, path, headers) -> method.equals("GET")
				? "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n" : null;
		long started = System.nanoTime();
		DownloadStatus status = download("/later.flac");
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertEquals(DownloadState.FAILED, status.state());
		assertTrue(status.error().contains("answered HTTP 429 (too many requests) and asks to wait 3600 s"), status.error());
		assertTrue(millis < 3_000, "an hour's wait is beyond the 20 s bound: " + millis + " ms");
		assertEquals(1, status.attempts());
	}

	@Test
	void aThreeHundredAndFourByteNameKeepsItsExtensionOnDisk() throws Exception {
		peer.content = DownloadEngineTest.random(2000, 28);
		String name = "A".repeat(151) + " - " + "\u00e9".repeat(73) + ".mp3";
		assertEquals(304, name.getBytes(StandardCharsets.UTF_8).length);
		peer.disposition = "attachment; filename*=UTF-8''" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
				.replace("+", "%20");
		DownloadStatus status = download("/long");
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		String saved = status.target().getFileName().toString();
		assertTrue(saved.endsWith("\u00e9.mp3"), saved);
		assertTrue(saved.getBytes(StandardCharsets.UTF_8).length <= 250, saved);
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		// Taken: the number goes into the cut stem, the name still fits and keeps its .mp3.
		status = download("/long");
		String second = status.target().getFileName().toString();
		assertTrue(second.endsWith(" (2).mp3"), second);
		assertTrue(second.getBytes(StandardCharsets.UTF_8).length <= 250, second);
	}
}
