package orbit.download.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.download.DownloadState;
import orbit.download.DownloadStatus;
import orbit.download.Downloads;
import orbit.download.internal.DownloadEngine;
import orbit.download.internal.DownloadEngine.Settings;
import orbit.download.internal.HttpSource;
import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.SafeWriteService;
import orbit.tests.support.OsgiServices;

/** Downloads from a misbehaving peer on loopback, with short heartbeats. */
class DownloadEngineTest {

	static final Settings FAST = new Settings(Duration.ofMillis(100), 4, 2, Duration.ofMillis(50),
			Duration.ofMillis(200), 4);

	@TempDir
	Path dir;

	FakePeer peer;
	DownloadEngine engine;

	static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	@BeforeEach
	void start() throws IOException {
		peer = new FakePeer();
		engine = engine(FAST);
	}

	SqliteJournal journal;

	DownloadEngine engine(Settings settings) {
		SafeWriteService safeWrite = OsgiServices.with(SafeWriteService.class, s -> s);
		if (journal == null) {
			journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"), Clock.systemUTC());
		}
		return new DownloadEngine(safeWrite, journal, settings, List.of(new HttpSource()));
	}

	@AfterEach
	void stop() throws IOException {
		engine.stop();
		peer.close();
		journal.close();
	}

	DownloadStatus download(String path, Path into) throws InterruptedException {
		long id = engine.enqueue(peer.uri(path), into, Downloads.USER_PRIORITY);
		return engine.await(id, Duration.ofSeconds(30));
	}

	static List<Path> parts(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(f -> f.toString().endsWith(".part") || f.toString().endsWith(".tmp")).toList();
		}
	}

	@Test
	void downloadsAFileByteForByte() throws Exception {
		peer.content = random(1_500_000, 1);
		DownloadStatus status = download("/music/Glue%20(Extended).flac", dir);
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertEquals(dir.resolve("Glue (Extended).flac"), status.target());
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		assertEquals(List.of(), parts(dir));
	}

	@Test
	void aDroppedConnectionResumesWhereTheBytesStopped() throws Exception {
		peer.content = random(2_000_000, 2);
		peer.dropAfter = 700_000;
		DownloadStatus status = download("/a.flac", dir);
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		assertTrue(peer.requests.stream().anyMatch(r -> r.endsWith("bytes=700000-")), peer.requests.toString());
		assertEquals(2, status.attempts());
	}

	@Test
	void aStallIsDetectedAfterFourQuietHeartbeatsAndResumed() throws Exception {
		peer.content = random(1_000_000, 3);
		peer.stallAfter = 400_000;
		long started = System.nanoTime();
		DownloadStatus status = download("/stall.mp3", dir);
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		assertTrue(peer.requests.stream().anyMatch(r -> r.endsWith("bytes=400000-")), peer.requests.toString());
		assertTrue(millis >= 400, "a stall is declared only after 4 heartbeats of 100 ms: " + millis + " ms");
		assertTrue(millis < 20_000, "and not much later: " + millis + " ms");
	}

	@Test
	void aDownloadIsJournaledWhileItRunsAndAStallWritesNothing() throws Exception {
		peer.content = random(2_000_000, 13);
		peer.stallAfter = 500_000;
		engine.stop();
		// A long stall: 12 heartbeats before the stall is declared.
		engine = engine(new Settings(Duration.ofMillis(100), 12, 2, Duration.ofMillis(50), Duration.ofMillis(200), 4));
		long id = engine.enqueue(peer.uri("/journaled.flac"), dir, Downloads.USER_PRIORITY);
		while (engine.status(id).orElseThrow().received() < 500_000) {
			Thread.sleep(5);
		}
		Thread.sleep(150);
		assertEquals(1, journal.active().size(), "the download has a checkpoint");
		long writesBefore = journal.writes();
		Thread.sleep(800);
		assertEquals(writesBefore, journal.writes(), "heartbeats during a stall write nothing");
		DownloadStatus status = engine.await(id, Duration.ofSeconds(30));
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertEquals(List.of(), journal.active(), "a finished download leaves no checkpoint");
	}

	@Test
	void aPeerWithoutRangesIsRestartedFromZero() throws Exception {
		peer.content = random(800_000, 4);
		peer.acceptRanges = false;
		peer.dropAfter = 300_000;
		DownloadStatus status = download("/norange.flac", dir);
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertArrayEquals(peer.content, Files.readAllBytes(status.target()));
		assertTrue(peer.requests.stream().noneMatch(r -> r.contains("bytes=")), peer.requests.toString());
	}

	@Test
	void contentThatChangedBetweenAttemptsIsDownloadedAgainFromZero() throws Exception {
		peer.content = random(900_000, 5);
		byte[] replacement = random(600_000, 6);
		peer.dropAfter = 300_000;
		peer.afterDrop = () -> peer.change(replacement);
		DownloadStatus status = download("/changing.flac", dir);
		assertEquals(DownloadState.COMPLETED, status.state(), status.error());
		assertArrayEquals(replacement, Files.readAllBytes(status.target()), "never a mix of the two versions");
		assertTrue(peer.requests.stream().anyMatch(r -> r.endsWith("bytes=300000-")), "a resume was tried first");
	}

	/**
	 * The body ends short, the resume finds out (416, {@code bytes *}{@code /100000}) that the
	 * length was a lie: a permanent fault, told by the answers, not by how long anything took.
	 */
	@Test
	void aPeerThatLiesAboutTheLengthFailsClearlyAndPublishesNothing() throws Exception {
		peer.content = random(100_000, 7);
		peer.lengthLie = 5_000;
		DownloadStatus status = download("/liar.flac", dir);
		assertEquals(DownloadState.FAILED, status.state());
		assertTrue(status.error().contains("announced 105000 bytes but has only 100000"), status.error());
		assertFalse(status.resumable(), "a lie is not worth resuming");
		assertFalse(Files.exists(dir.resolve("liar.flac")), "no truncated file is published");
		assertEquals(List.of(), parts(dir), "nor a partial one kept");
		assertEquals(List.of(), journal.active(), "nor a journal entry");
		assertEquals(List.of("HEAD /liar.flac HTTP/1.1", "GET /liar.flac HTTP/1.1", "GET /liar.flac HTTP/1.1 bytes=100000-"),
				peer.requests, "one resume tells the lie, and nothing is asked after it");
	}

	@Test
	void hostileNamesStayInsideTheTargetFolder() throws Exception {
		peer.content = random(1000, 8);
		peer.disposition = "attachment; filename=\"../../../etc/passwd\"";
		DownloadStatus status = download("/x", dir);
		assertEquals(dir.resolve("passwd"), status.target());
		peer.disposition = "attachment; filename*=UTF-8''%2Ftmp%2Fevil%0A%1B.flac";
		status = download("/y", dir);
		assertEquals(dir, status.target().getParent());
		assertFalse(status.target().getFileName().toString().contains("\n"));
		peer.disposition = "attachment; filename=\"CON.mp3\"";
		status = download("/z", dir);
		assertEquals(dir.resolve("_CON.mp3"), status.target());
	}

	@Test
	void aNameAlreadyTakenGetsANumber() throws Exception {
		Files.writeString(dir.resolve("set.flac"), "the DJ's own file");
		peer.content = random(1000, 9);
		DownloadStatus status = download("/set.flac", dir);
		assertEquals(dir.resolve("set (2).flac"), status.target());
		assertEquals("the DJ's own file", Files.readString(dir.resolve("set.flac")));
	}

	@Test
	void userDownloadsGoBeforeBackgroundOnes() throws Exception {
		engine.stop();
		engine = engine(new Settings(Duration.ofMillis(100), 4, 1, Duration.ofMillis(50), Duration.ofMillis(200), 4));
		peer.content = random(1000, 10);
		peer.answerDelayMillis = 300;
		long first = engine.enqueue(peer.uri("/bg1.flac"), dir, Downloads.BACKGROUND_PRIORITY);
		Thread.sleep(100);
		long second = engine.enqueue(peer.uri("/bg2.flac"), dir, Downloads.BACKGROUND_PRIORITY);
		long user = engine.enqueue(peer.uri("/user.flac"), dir, Downloads.USER_PRIORITY);
		for (long id : new long[] { first, second, user }) {
			assertEquals(DownloadState.COMPLETED, engine.await(id, Duration.ofSeconds(30)).state());
		}
		List<String> gets = peer.requests.stream().filter(r -> r.startsWith("GET")).toList();
		assertEquals(List.of("GET /bg1.flac HTTP/1.1", "GET /user.flac HTTP/1.1", "GET /bg2.flac HTTP/1.1"), gets);
	}

	@Test
	void cancellingRemovesThePartialFile() throws Exception {
		peer.content = random(500_000, 11);
		peer.stallAfter = 100_000;
		long id = engine.enqueue(peer.uri("/cancel.flac"), dir, Downloads.USER_PRIORITY);
		while (engine.status(id).orElseThrow().received() < 100_000) {
			Thread.sleep(5);
		}
		engine.cancel(id);
		DownloadStatus status = engine.await(id, Duration.ofSeconds(10));
		assertEquals(DownloadState.CANCELLED, status.state());
		assertNull(status.error());
		assertEquals(List.of(), parts(dir));
	}

	@Test
	void aFullDiskStopsWithAClearErrorAndKeepsWhatWasReceived() throws Exception {
		assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a small tmpfs");
		Path volume = Files.createDirectories(dir.resolve("small"));
		Commands.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", volume.toString());
		try {
			peer.content = random(3_000_000, 12);
			DownloadStatus status = download("/big.flac", volume);
			assertEquals(DownloadState.FAILED, status.state());
			assertTrue(status.error().contains("is full"), status.error());
			assertEquals(1, status.attempts(), "a full disk is not retried in a loop");
			assertTrue(Files.exists(volume.resolve("big.flac.part")), "what was received stays for a resume");
			assertFalse(Files.exists(volume.resolve("big.flac")));
		} finally {
			Commands.run("umount", "-l", volume.toString());
		}
	}

}
