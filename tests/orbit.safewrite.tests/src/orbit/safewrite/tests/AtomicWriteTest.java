package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.safewrite.SafeWriteException;
import orbit.safewrite.SafeWriteException.Reason;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TempVerifier;
import orbit.safewrite.WriteMode;
import orbit.safewrite.WriteOutcome;
import orbit.safewrite.internal.AtomicFiles;
import orbit.tests.support.OsgiServices;

/** writeAtomic on real files and real volumes: what happens, and what never happens. */
class AtomicWriteTest {

	@TempDir
	Path dir;

	private final Volumes volumes = new Volumes();

	@AfterEach
	void unmount() throws Exception {
		volumes.close();
	}

	static SafeWriteService service() {
		return OsgiServices.with(SafeWriteService.class, s -> s);
	}

	static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	static List<Path> leftovers(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	@Test
	void editsACopyAndReplacesTheOriginalKeepingItsModificationTime() throws IOException {
		Path track = Files.write(dir.resolve("track.flac"), random(200_000, 1));
		FileTime added = FileTime.from(Instant.parse("2019-05-04T21:30:00Z"));
		Files.setLastModifiedTime(track, added);
		WriteOutcome outcome = service().writeAtomic(track, WriteMode.EDIT_COPY,
				temp -> Files.write(temp, "tagged".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND),
				TempVerifier.NOT_EMPTY);
		assertTrue(outcome.replacedExisting());
		assertEquals(200_006, Files.size(track));
		assertEquals(200_006, outcome.bytes());
		assertEquals(added, Files.getLastModifiedTime(track), "the track keeps its place in date-sorted lists");
		assertEquals(List.of(), leftovers(dir));
	}

	@Test
	void aRejectedVerificationReplacesNothing() throws IOException {
		byte[] original = random(50_000, 2);
		Path track = Files.write(dir.resolve("track.mp3"), original);
		SafeWriteException e = assertThrows(SafeWriteException.class,
				() -> service().writeAtomic(track, WriteMode.EDIT_COPY, temp -> Files.write(temp, new byte[10]), temp -> {
					throw new IOException("audio frames differ at byte 4096");
				}));
		assertEquals(Reason.VERIFICATION_FAILED, e.reason());
		assertTrue(e.getMessage().contains("audio frames differ at byte 4096"), e.getMessage());
		assertTrue(e.getMessage().contains("original is untouched"), e.getMessage());
		assertArrayEquals(original, Files.readAllBytes(track));
		assertEquals(List.of(), leftovers(dir));
	}

	@Test
	void aFailingWriterReplacesNothing() throws IOException {
		byte[] original = random(10_000, 3);
		Path track = Files.write(dir.resolve("track.m4a"), original);
		assertThrows(SafeWriteException.class, () -> service().writeAtomic(track, WriteMode.EDIT_COPY, temp -> {
			Files.write(temp, new byte[3]);
			throw new IOException("tag library refused the file");
		}, TempVerifier.NOT_EMPTY));
		assertArrayEquals(original, Files.readAllBytes(track));
		assertEquals(List.of(), leftovers(dir));
	}

	@Test
	void aTargetDeletedDuringTheWriteIsNotResurrected() throws IOException {
		Path track = Files.write(dir.resolve("gone.flac"), random(1000, 4));
		SafeWriteException e = assertThrows(SafeWriteException.class,
				() -> service().writeAtomic(track, WriteMode.EDIT_COPY, temp -> Files.delete(track), TempVerifier.NOT_EMPTY));
		assertEquals(Reason.TARGET_VANISHED, e.reason());
		assertFalse(Files.exists(track));
		assertEquals(List.of(), leftovers(dir));
	}

	@Test
	void twoWritersOnOneFileAreSerialisedAndNoEditIsLost() throws Exception {
		Path list = Files.writeString(dir.resolve("crate.m3u8"), "#EXTM3U\n");
		SafeWriteService service = service();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<?>> futures = new ArrayList<>();
		for (int writer = 0; writer < 2; writer++) {
			int w = writer;
			futures.add(pool.submit(() -> {
				for (int i = 0; i < 40; i++) {
					String line = "writer-" + w + "-" + i + "\n";
					service.writeAtomic(list, WriteMode.EDIT_COPY,
							temp -> Files.writeString(temp, line, StandardOpenOption.APPEND), TempVerifier.NOT_EMPTY);
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
		List<String> lines = Files.readAllLines(list);
		assertEquals(81, lines.size(), "every edit of both writers is there");
		assertEquals(List.of(), leftovers(dir));
	}

	@Test
	void aNewFileIsWrittenWhole() throws IOException {
		Path fresh = dir.resolve("new.wav");
		WriteOutcome outcome = service().writeAtomic(fresh, WriteMode.REPLACE, temp -> Files.write(temp, random(4096, 5)),
				TempVerifier.NOT_EMPTY);
		assertFalse(outcome.replacedExisting());
		assertArrayEquals(random(4096, 5), Files.readAllBytes(fresh));
	}

	@Test
	void aFullDiskIsRefusedUpFrontAndTheOriginalIsUntouched() throws Exception {
		assumeTrue(Volumes.available(), "needs root to mount a small tmpfs");
		Path volume = volumes.tmpfs(dir, "small", 4);
		byte[] original = random(1_000_000, 6);
		Path track = Files.write(volume.resolve("track.flac"), original);
		Volumes.fill(volume, 512 * 1024);
		SafeWriteException e = assertThrows(SafeWriteException.class, () -> service().writeAtomic(track,
				WriteMode.EDIT_COPY, temp -> Files.write(temp, new byte[1], StandardOpenOption.APPEND), TempVerifier.NOT_EMPTY));
		assertEquals(Reason.DISK_FULL, e.reason());
		assertTrue(e.getMessage().contains("is full"), e.getMessage());
		assertArrayEquals(original, Files.readAllBytes(track));
		assertEquals(List.of(), leftovers(volume));
	}

	@Test
	void runningOutOfSpaceMidWriteRemovesTheTempAndKeepsTheOriginal() throws Exception {
		assumeTrue(Volumes.available(), "needs root to mount a small tmpfs");
		Path volume = volumes.tmpfs(dir, "small", 5);
		byte[] original = random(500_000, 7);
		Path track = Files.write(volume.resolve("track.flac"), original);
		// Enough room for the up-front check, not for what the writer then produces.
		SafeWriteException e = assertThrows(SafeWriteException.class,
				() -> service().writeAtomic(track, WriteMode.EDIT_COPY,
						temp -> Files.write(temp, new byte[8 * 1024 * 1024], StandardOpenOption.APPEND),
						TempVerifier.NOT_EMPTY));
		assertEquals(Reason.DISK_FULL, e.reason(), e.getMessage());
		assertArrayEquals(original, Files.readAllBytes(track));
		assertEquals(List.of(), leftovers(volume), "the partial temp file is cleaned up");
	}

	@Test
	void aReadOnlyVolumeIsAClearErrorAndTheOriginalIsUntouched() throws Exception {
		assumeTrue(Volumes.available(), "needs root to mount a tmpfs read-only");
		Path volume = volumes.tmpfs(dir, "ro", 2);
		byte[] original = random(10_000, 8);
		Path track = Files.write(volume.resolve("track.mp3"), original);
		volumes.readOnly(volume);
		SafeWriteException e = assertThrows(SafeWriteException.class, () -> service().writeAtomic(track,
				WriteMode.EDIT_COPY, temp -> Files.write(temp, new byte[1], StandardOpenOption.APPEND), TempVerifier.NOT_EMPTY));
		assertEquals(Reason.NOT_WRITABLE, e.reason(), e.getMessage());
		assertTrue(e.getMessage().contains("read-only"), e.getMessage());
		assertArrayEquals(original, Files.readAllBytes(track));
	}

	@Test
	void tempNamesAreRecognisedOnlyForTheirTarget() {
		Path target = dir.resolve("a.flac");
		Path temp = AtomicFiles.tempFor(target);
		assertTrue(temp.getFileName().toString().matches("a\\.flac\\.[0-9a-f-]{36}\\.tmp"), temp.toString());
		assertTrue(AtomicFiles.isTempOf(temp, target));
		assertFalse(AtomicFiles.isTempOf(temp, dir.resolve("b.flac")));
		assertFalse(AtomicFiles.isTempOf(dir.resolve("a.flac.backup.tmp"), target));
	}
}
