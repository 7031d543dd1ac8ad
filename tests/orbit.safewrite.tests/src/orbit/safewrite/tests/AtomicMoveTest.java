package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.safewrite.MoveOutcome;
import orbit.safewrite.SafeWriteException;
import orbit.safewrite.SafeWriteException.Reason;

/** moveAtomic within a volume and across real volumes (tmpfs mounts: EXDEV). */
class AtomicMoveTest {

	@TempDir
	Path dir;

	private final Volumes volumes = new Volumes();

	@AfterEach
	void unmount() throws Exception {
		volumes.close();
	}

	@Test
	void aMoveOnOneVolumeIsARename() throws Exception {
		byte[] content = AtomicWriteTest.random(100_000, 10);
		Path source = Files.write(dir.resolve("in.flac"), content);
		Path target = Files.createDirectories(dir.resolve("crate")).resolve("in.flac");
		MoveOutcome outcome = AtomicWriteTest.service().moveAtomic(source, target);
		assertFalse(outcome.crossVolume());
		assertFalse(Files.exists(source));
		assertArrayEquals(content, Files.readAllBytes(target));
	}

	@Test
	void aMoveOntoAnExistingFileIsRefused() throws Exception {
		Path source = Files.write(dir.resolve("a.mp3"), new byte[] { 1 });
		Path target = Files.write(dir.resolve("b.mp3"), new byte[] { 2 });
		SafeWriteException e = assertThrows(SafeWriteException.class,
				() -> AtomicWriteTest.service().moveAtomic(source, target));
		assertEquals(Reason.TARGET_EXISTS, e.reason());
		assertArrayEquals(new byte[] { 1 }, Files.readAllBytes(source));
		assertArrayEquals(new byte[] { 2 }, Files.readAllBytes(target));
	}

	@Test
	void aMoveAcrossVolumesCopiesVerifiesThenDeletesTheSource() throws Exception {
		assumeTrue(Volumes.available(), "needs root to mount two tmpfs volumes");
		Path a = volumes.tmpfs(dir, "a", 8);
		Path b = volumes.tmpfs(dir, "b", 8);
		byte[] content = AtomicWriteTest.random(3_000_000, 11);
		Path source = Files.write(a.resolve("set.flac"), content);
		MoveOutcome outcome = AtomicWriteTest.service().moveAtomic(source, b.resolve("set.flac"));
		assertTrue(outcome.crossVolume());
		assertEquals(3_000_000, outcome.bytes());
		assertFalse(Files.exists(source));
		assertArrayEquals(content, Files.readAllBytes(b.resolve("set.flac")));
		assertEquals(List.of(), AtomicWriteTest.leftovers(b));
	}

	@Test
	void aMoveOntoAFullVolumeKeepsTheSourceAndLeavesNoTemp() throws Exception {
		assumeTrue(Volumes.available(), "needs root to mount two tmpfs volumes");
		Path a = volumes.tmpfs(dir, "a", 8);
		Path b = volumes.tmpfs(dir, "b", 2);
		byte[] content = AtomicWriteTest.random(3_000_000, 12);
		Path source = Files.write(a.resolve("set.flac"), content);
		SafeWriteException e = assertThrows(SafeWriteException.class,
				() -> AtomicWriteTest.service().moveAtomic(source, b.resolve("set.flac")));
		assertEquals(Reason.DISK_FULL, e.reason());
		assertArrayEquals(content, Files.readAllBytes(source));
		assertFalse(Files.exists(b.resolve("set.flac")));
		assertEquals(List.of(), AtomicWriteTest.leftovers(b));
	}
}
