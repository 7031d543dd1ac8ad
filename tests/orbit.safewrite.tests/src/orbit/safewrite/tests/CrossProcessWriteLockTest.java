package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.SafeWriteException;
import orbit.safewrite.SafeWriteException.Reason;
import orbit.safewrite.TempVerifier;
import orbit.safewrite.WriteMode;
import orbit.safewrite.internal.AtomicFiles;
import orbit.safewrite.internal.WriteLocks;
import orbit.tests.support.JavaProcess;

/**
 * One writer per file across processes: writers in one JVM take turns, a writer waits for
 * another process's and then names it, and a killed holder lets the next writer in at once.
 * The other processes are real JVMs ({@link WriteLockChild}) sharing the lock folder.
 */
class CrossProcessWriteLockTest {

	@TempDir
	Path dir;

	private Path locks;
	private SqliteJournal journal;
	private final List<Process> children = new ArrayList<>();

	@BeforeEach
	void openJournal() throws IOException {
		locks = dir.resolve("home").resolve(AtomicFiles.LOCKS);
		journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"), Clock.systemUTC());
	}

	@AfterEach
	void cleanUp() throws Exception {
		for (Process child : children) {
			child.destroyForcibly();
			child.waitFor(10, TimeUnit.SECONDS);
		}
		journal.close();
	}

	private AtomicFiles safeWrite(Duration wait) {
		return new AtomicFiles(journal, locks, wait);
	}

	/** A child JVM that holds {@code target}'s lock once it has printed "held". */
	private Process holder(Path target) throws IOException {
		Process child = child("hold", locks.toString(), target.toString());
		BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		assertEquals("held", out.readLine(), "the other process locked the file");
		return child;
	}

	private Process child(String... args) throws IOException {
		Process child = JavaProcess.builder(WriteLockChild.class, List.of(WriteLocks.class, orbit.core.ActionableException.class,
				org.slf4j.LoggerFactory.class),
				args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		children.add(child);
		return child;
	}

	/** Appends {@code text} to the temp copy slowly, so that an unserialized second writer would overlap. */
	private static void append(Path temp, String text, AtomicInteger inside, AtomicInteger overlaps) throws IOException {
		if (inside.incrementAndGet() > 1) {
			overlaps.incrementAndGet();
		}
		try {
			Thread.sleep(5);
			Files.writeString(temp, text, StandardOpenOption.APPEND);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			inside.decrementAndGet();
		}
	}

	@Test
	void twoWritersInOneProcessTakeTurnsAndLoseNoEdit() throws Exception {
		Path file = Files.writeString(dir.resolve("notes.txt"), "start\n");
		AtomicFiles safeWrite = safeWrite(Duration.ofSeconds(30));
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		int writes = 40;
		ExecutorService writers = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (String writer : List.of("a", "b")) {
				done.add(writers.submit(() -> {
					for (int i = 0; i < writes; i++) {
						String line = writer + i + "\n";
						safeWrite.writeAtomic(file, WriteMode.EDIT_COPY, temp -> append(temp, line, inside, overlaps),
								TempVerifier.NOT_EMPTY);
					}
					return null;
				}));
			}
			for (Future<?> writer : done) {
				writer.get(120, TimeUnit.SECONDS);
			}
		} finally {
			writers.shutdownNow();
		}
		assertEquals(0, overlaps.get(), "no two writers were inside one write at once");
		List<String> lines = Files.readAllLines(file);
		assertEquals(1 + 2 * writes, lines.size(), "every edit is in the file: " + lines);
		for (int i = 0; i < writes; i++) {
			assertTrue(lines.contains("a" + i) && lines.contains("b" + i), "edit " + i + " of both writers is there");
		}
		assertEquals(List.of(), lockFiles(), "an uncontended lock file is deleted on release");
	}

	@Test
	void aWriterWaitsForAnotherProcessThenNamesItAndWritesNothing() throws Exception {
		Path file = Files.writeString(dir.resolve("track.flac"), "original");
		Process other = holder(file);
		AtomicFiles safeWrite = safeWrite(Duration.ofMillis(1500));
		long start = System.nanoTime();
		SafeWriteException busy = assertThrows(SafeWriteException.class, () -> safeWrite.writeAtomic(file,
				WriteMode.REPLACE, temp -> Files.writeString(temp, "new"), TempVerifier.NOT_EMPTY));
		long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		System.out.printf("A writer gave up on a file another process holds after %d ms (wait 1500 ms): %s%n", waited,
				busy.getMessage());
		assertEquals(Reason.BUSY, busy.reason());
		assertTrue(waited >= 1500 && waited < 5000, "it waited the configured time: " + waited + " ms");
		assertEquals(file + " is being written by ORBIT process " + other.pid() + " (java WriteLockChild) for more than "
				+ "1.5 s; try again when it has finished", busy.getMessage());
		assertEquals("original", Files.readString(file), "nothing was written");
		assertEquals(List.of(), leftovers(), "no temp file remains");
		assertTrue(other.isAlive(), "the holder still holds it");
	}

	@Test
	void aWriterGoesOnOnceTheOtherProcessReleasesTheFile() throws Exception {
		Path file = Files.writeString(dir.resolve("track.flac"), "original");
		Process other = holder(file);
		AtomicFiles safeWrite = safeWrite(Duration.ofSeconds(30));
		CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
			safeWrite.writeAtomic(file, WriteMode.REPLACE, temp -> Files.writeString(temp, "new"), TempVerifier.NOT_EMPTY);
			return System.nanoTime();
		});
		Thread.sleep(500);
		assertFalse(written.isDone(), "the writer waits while the other process holds the file");
		assertEquals("original", Files.readString(file));
		other.getOutputStream().write('\n');
		other.getOutputStream().flush();
		long released = System.nanoTime();
		long took = TimeUnit.NANOSECONDS.toMillis(written.get(30, TimeUnit.SECONDS) - released);
		System.out.printf("A writer went on %d ms after the other process released the file%n", took);
		assertEquals("new", Files.readString(file));
		assertTrue(other.waitFor(10, TimeUnit.SECONDS));
		assertEquals(List.of(), lockFiles(), "the last holder deleted the lock file");
	}

	@Test
	void aKilledHolderReleasesTheFileAtOnce() throws Exception {
		Path file = Files.writeString(dir.resolve("track.flac"), "original");
		Process other = holder(file);
		AtomicFiles safeWrite = safeWrite(Duration.ofSeconds(30));
		CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
			safeWrite.writeAtomic(file, WriteMode.REPLACE, temp -> Files.writeString(temp, "new"), TempVerifier.NOT_EMPTY);
			return System.nanoTime();
		});
		Thread.sleep(500);
		assertFalse(written.isDone(), "the writer waits while the other process holds the file");
		long killed = System.nanoTime();
		other.destroyForcibly();
		long took = TimeUnit.NANOSECONDS.toMillis(written.get(30, TimeUnit.SECONDS) - killed);
		System.out.printf("A writer went on %d ms after the holder was killed (SIGKILL)%n", took);
		assertTrue(took < 2000, "the kernel released the dead holder's lock at once: " + took + " ms");
		assertEquals("new", Files.readString(file));
		assertEquals(List.of(), lockFiles(), "the writer took over the dead holder's lock file and deleted it");
	}

	@Test
	void processesThatDeleteTheirLockFilesStillTakeTurns() throws Exception {
		// Each release deletes the lock file while others wait on it: a writer that locked the
		// deleted file must notice and start again, or two writers count at once and counts are lost.
		Path counter = Files.writeString(dir.resolve("counter.txt"), "0");
		int rounds = 150;
		List<Process> counting = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < 2; i++) {
			counting.add(child("count", locks.toString(), counter.toString(), Integer.toString(rounds)));
		}
		WriteLocks mine = new WriteLocks(() -> locks, Duration.ofSeconds(60));
		Path target = counter.toAbsolutePath().normalize();
		for (int i = 0; i < rounds; i++) {
			try (WriteLocks.Held held = mine.acquire(target)) {
				WriteLockChild.increment(target);
			}
		}
		for (Process process : counting) {
			assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the counting process finished");
			assertEquals(0, process.exitValue());
		}
		System.out.printf("Three processes counted %d times in %d ms%n", 3 * rounds,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		assertEquals(Integer.toString(3 * rounds), Files.readString(counter).strip(), "no count was lost");
		assertEquals(List.of(), lockFiles(), "the last holder deleted the lock file");
	}

	@Test
	void anInterruptedWriteSaysSoAndLeavesTheOriginal() throws Exception {
		byte[] original = "original content".getBytes(StandardCharsets.UTF_8);
		Path file = Files.write(dir.resolve("track.flac"), original);
		AtomicFiles safeWrite = safeWrite(Duration.ofSeconds(5));
		SafeWriteException interrupted = assertThrows(SafeWriteException.class, () -> safeWrite.writeAtomic(file,
				WriteMode.EDIT_COPY, temp -> {
					Thread.currentThread().interrupt();
					try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
						channel.write(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
					}
				}, TempVerifier.NOT_EMPTY));
		assertTrue(Thread.interrupted(), "the thread is still interrupted");
		assertEquals(Reason.INTERRUPTED, interrupted.reason());
		assertEquals("The write of " + file + " was interrupted before it replaced the file, so the original is untouched",
				interrupted.getMessage());
		assertArrayEquals(original, Files.readAllBytes(file));
		assertEquals(List.of(), leftovers());
	}

	@Test
	void theHolderNamesItselfByItsCommand() {
		assertEquals("orbit tag", WriteLocks.command(List.of("-Dx=y", "-jar",
				"/opt/orbit/plugins/org.eclipse.equinox.launcher_1.jar", "-application", "orbit.app.cli", "--home", "/data",
				"tag", "a.flac", "--bpm", "128")));
		assertEquals("orbit workstation", WriteLocks.command(List.of("-jar",
				"/opt/orbit/plugins/org.eclipse.equinox.launcher_1.jar", "-data", "/data/workbench")));
	}

	private List<Path> lockFiles() throws IOException {
		if (!Files.isDirectory(locks)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(locks)) {
			return files.toList();
		}
	}

	private List<Path> leftovers() throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
		}
	}
}
