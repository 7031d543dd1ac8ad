package orbit.safewrite.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryReport;
import orbit.recovery.internal.RecoveryRunner;
import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.Sha256;
import orbit.safewrite.internal.AtomicFiles;
import orbit.safewrite.internal.SafeWriteRecovery;

/** Every crash point of the SafeWrite table, left on disk as a crash leaves it, then recovered. */
class SafeWriteRecoveryTest {

	@TempDir
	Path dir;

	SqliteJournal journal;

	@BeforeEach
	void open() {
		journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"), Clock.systemUTC());
	}

	@AfterEach
	void close() {
		journal.close();
	}

	RecoveryReport recover() {
		Map<String, RecoveryHandler> handlers = Map.of(SafeWriteService.TAG_WRITE,
				SafeWriteRecovery.of(SafeWriteService.TAG_WRITE, journal), SafeWriteService.CROSS_VOLUME_MOVE,
				SafeWriteRecovery.of(SafeWriteService.CROSS_VOLUME_MOVE, journal));
		return new RecoveryRunner(journal, handlers::get, Duration.ofHours(24), Clock.systemUTC()).run();
	}

	String write(Path target, Path temp, String phase, boolean existed) {
		JsonObject state = new JsonObject();
		state.addProperty("kind", "write");
		state.addProperty("target", target.toString());
		state.addProperty("temp", temp.toString());
		state.addProperty("phase", phase);
		state.addProperty("originalExisted", existed);
		state.addProperty("modifiedMillis", 1_600_000_000_000L);
		state.addProperty("createdMillis", 1_600_000_000_000L);
		return journal.log(SafeWriteService.TAG_WRITE, target, state.toString(), 0);
	}

	@Test
	void crashDuringTheWriteDiscardsTheTempAndKeepsTheOriginal() throws Exception {
		Path target = Files.writeString(dir.resolve("a.flac"), "old");
		Path temp = Files.writeString(AtomicFiles.tempFor(target), "half-writ");
		write(target, temp, "writing", true);
		RecoveryReport report = recover();
		assertEquals("Recovered 1 tag write", report.summary());
		assertEquals("old", Files.readString(target));
		assertFalse(Files.exists(temp));
		assertEquals(List.of(), journal.active());
		assertFalse(recover().didWork(), "idempotent: a second run finds nothing");
	}

	@Test
	void crashAfterTheWriteRollsTheVerifiedTempForward() throws Exception {
		Path target = Files.writeString(dir.resolve("b.flac"), "old");
		Path temp = Files.writeString(AtomicFiles.tempFor(target), "new");
		write(target, temp, "verified", true);
		recover();
		assertEquals("new", Files.readString(target));
		assertFalse(Files.exists(temp));
		assertEquals(1_600_000_000_000L, Files.getLastModifiedTime(target).toMillis(), "timestamps restored");
		assertFalse(recover().didWork());
	}

	@Test
	void crashDuringTheSwapCompletesTheRename() throws Exception {
		Path target = dir.resolve("c.flac");
		Path temp = Files.writeString(AtomicFiles.tempFor(target), "new");
		write(target, temp, "verified", true);
		recover();
		assertEquals("new", Files.readString(target));
		assertFalse(Files.exists(temp));
	}

	@Test
	void crashAfterTheSwapOnlyCompletesTheCheckpoint() throws Exception {
		Path target = Files.writeString(dir.resolve("d.flac"), "new");
		write(target, AtomicFiles.tempFor(target), "verified", true);
		RecoveryReport report = recover();
		assertFalse(report.didWork(), "nothing needed doing: " + report.summary());
		assertEquals("new", Files.readString(target));
		assertEquals(List.of(), journal.active());
	}

	@Test
	void anUnverifiedTempThatIsTheOnlyCopyIsNeverDeleted() throws Exception {
		Path target = dir.resolve("e.flac");
		Path temp = Files.writeString(AtomicFiles.tempFor(target), "the only copy");
		write(target, temp, "writing", true);
		RecoveryReport report = recover();
		assertEquals(1, report.deadLettered().size());
		assertTrue(report.deadLettered().get(0).lastError().contains("was kept"), report.deadLettered().get(0).lastError());
		assertEquals("the only copy", Files.readString(temp));
	}

	@Test
	void aCrossVolumeMoveIsFinishedOrUndoneByPhase() throws Exception {
		Path source = Files.writeString(dir.resolve("src.flac"), "audio");
		Path target = Files.createDirectories(dir.resolve("other")).resolve("src.flac");
		Path temp = Files.writeString(AtomicFiles.tempFor(target), "audio");
		JsonObject state = new JsonObject();
		state.addProperty("kind", "move");
		state.addProperty("target", target.toString());
		state.addProperty("temp", temp.toString());
		state.addProperty("phase", "verified");
		state.addProperty("source", source.toString());
		state.addProperty("sha256", Sha256.of(source));
		state.addProperty("size", 5);
		journal.log(SafeWriteService.CROSS_VOLUME_MOVE, target, state.toString(), 0);
		assertEquals("Recovered 1 move", recover().summary());
		assertEquals("audio", Files.readString(target));
		assertFalse(Files.exists(source), "the source goes only once the copy is in place and verified");
		assertFalse(Files.exists(temp));

		Path source2 = Files.writeString(dir.resolve("src2.flac"), "audio2");
		Path target2 = dir.resolve("other").resolve("src2.flac");
		Path temp2 = Files.writeString(AtomicFiles.tempFor(target2), "aud");
		state.addProperty("target", target2.toString());
		state.addProperty("temp", temp2.toString());
		state.addProperty("source", source2.toString());
		state.addProperty("phase", "writing");
		journal.log(SafeWriteService.CROSS_VOLUME_MOVE, target2, state.toString(), 0);
		recover();
		assertEquals("audio2", Files.readString(source2), "an unfinished copy is undone");
		assertFalse(Files.exists(temp2));
		assertFalse(Files.exists(target2));
	}

	@Test
	void theOrphanSweepRemovesOnlyTempsWhoseOriginalIsIntact() throws Exception {
		Path intact = Files.writeString(dir.resolve("intact.mp3"), "ok");
		Path orphan = Files.writeString(AtomicFiles.tempFor(intact), "leftover");
		Path lonely = Files.writeString(AtomicFiles.tempFor(dir.resolve("missing.mp3")), "maybe the only copy");
		Path unrelated = Files.writeString(dir.resolve("notes.tmp"), "not ours");
		List<Path> kept = SafeWriteRecovery.sweepOrphans(dir, java.util.Set.of());
		assertFalse(Files.exists(orphan));
		assertEquals(List.of(lonely), kept);
		assertTrue(Files.exists(lonely));
		assertTrue(Files.exists(unrelated));
		assertArrayEquals("ok".getBytes(), Files.readAllBytes(intact));
	}
}
