package orbit.download.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.download.internal.DownloadEngine;
import orbit.recovery.internal.SqliteJournal;
import orbit.safewrite.internal.AtomicFiles;
import orbit.tests.support.JavaProcess;

/** The downloading process SIGKILLed at random points; each restart resumes; the file ends byte-identical. */
class DownloadKillTest {

	@TempDir
	Path dir;

	/** Waits until the child has written another 300 KB to the .part file; false when it ended first. */
	static boolean receivingMore(Process child, Path part) throws Exception {
		long start = Files.exists(part) ? Files.size(part) : 0;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (child.isAlive() && System.nanoTime() < deadline) {
			if (Files.exists(part) && Files.size(part) > start + 300_000) {
				return true;
			}
			Thread.sleep(10);
		}
		return false;
	}

	@Test
	void killedDownloadsResumeAfterARestartAndEndByteIdentical() throws Exception {
		long seed = Long.getLong("orbit.crash.seed", System.nanoTime());
		System.out.println("Download kill test seed: " + seed + " (rerun with -Dorbit.crash.seed=" + seed + ")");
		Random random = new Random(seed);
		try (FakePeer peer = new FakePeer()) {
			int kills = 0;
			for (int round = 0; round < 3; round++) {
				byte[] content = DownloadEngineTest.random(3_000_000 + round * 100_000, seed + round);
				peer.content = content;
				peer.trickle = 40_000;
				peer.requests.clear();
				String name = "set-" + round + ".flac";
				String result = null;
				for (int start = 0; start < 30 && result == null; start++) {
					Process child = JavaProcess.builder(DownloadChild.class, List.of(DownloadEngine.class,
							AtomicFiles.class, SqliteJournal.class, org.sqlite.JDBC.class, com.google.gson.Gson.class,
							orbit.core.ActionableException.class, org.slf4j.LoggerFactory.class, dev.failsafe.Failsafe.class,
							orbit.download.Downloads.class, orbit.safewrite.SafeWriteService.class,
							orbit.recovery.CrashRecoveryJournal.class), peer.uri("/" + name).toString(), dir.toString())
							.redirectError(ProcessBuilder.Redirect.DISCARD).start();
					if (start < 4 && receivingMore(child, dir.resolve("inbox").resolve(name + ".part"))) {
						// Somewhere in the body: the .part file is growing.
						Thread.sleep(random.nextInt(400));
						if (child.isAlive()) {
							child.destroyForcibly();
							child.waitFor(30, TimeUnit.SECONDS);
							kills++;
							continue;
						}
					}
					assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the download finishes");
					result = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
				}
				assertTrue(result != null && result.startsWith("COMPLETED"), String.valueOf(result));
				Path file = dir.resolve("inbox").resolve(name);
				assertArrayEquals(content, Files.readAllBytes(file), "round " + round + ": byte-identical");
				assertFalse(Files.exists(dir.resolve("inbox").resolve(name + ".part")));
				assertTrue(peer.requests.stream().anyMatch(r -> r.matches("GET .* bytes=[1-9][0-9]*-")),
						"round " + round + ": a restart resumed in the middle: " + peer.requests);
			}
			SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), dir.resolve("dead_letters.log"),
					Clock.systemUTC());
			try {
				assertEquals(List.of(), journal.active(), "every download's checkpoint is completed");
			} finally {
				journal.close();
			}
			System.out.println("Download kill test: " + kills + " kills over 3 downloads, all byte-identical");
			assertTrue(kills >= 6);
		}
	}
}
