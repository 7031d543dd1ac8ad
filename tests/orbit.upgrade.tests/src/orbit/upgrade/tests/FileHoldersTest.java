package orbit.upgrade.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.OsgiServices;
import orbit.upgrade.FileHolder;
import orbit.upgrade.FileHolder.Hold;
import orbit.upgrade.FileHolders;

/**
 * The pre-flight check against real processes: one that has the track open, one that flocks it,
 * one that holds a POSIX lock on it; each is named with its pid, and once it ends the file is free.
 */
class FileHoldersTest {

	@TempDir
	Path temp;

	private Process child;

	@AfterEach
	void stopChild() throws InterruptedException {
		if (child != null) {
			child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private Path track() throws Exception {
		Path track = temp.resolve("track.mp3");
		Files.write(track, new byte[4096]);
		return track;
	}

	private static List<FileHolder> holders(Path file) {
		return OsgiServices.with(FileHolders.class, holders -> {
			try {
				return holders.holders(file);
			} catch (java.io.IOException e) {
				throw new AssertionError(e);
			}
		});
	}

	/** Starts a child that prints "held" once it holds the file, and waits for that line. */
	private Process holding(String... command) throws Exception {
		child = new ProcessBuilder(command).redirectErrorStream(true).start();
		BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		String line = out.readLine();
		assertEquals("held", line, "the child holds the file");
		return child;
	}

	@Test
	void aFreeFileHasNoHolderAndOurOwnHandleIsNotOne() throws Exception {
		Path track = track();
		assertEquals(List.of(), holders(track));
		try (FileChannel ours = FileChannel.open(track, StandardOpenOption.READ)) {
			assertEquals(List.of(), holders(track), "this process's own reader is not another holder");
		}
	}

	@Test
	void aProcessThatHasTheFileOpenIsNamed() throws Exception {
		Path track = track();
		Process sleeper = holding("sh", "-c", "exec 3<\"$1\"; echo held; exec sleep 60", "sh", track.toString());
		List<FileHolder> holders = holders(track);
		assertEquals(List.of(new FileHolder(sleeper.pid(), "sleep", Hold.OPEN)), holders);
		assertEquals("sleep (pid " + sleeper.pid() + ") has it open", holders.get(0).sentence());
		sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		assertEquals(List.of(), holders(track), "free once the holder ended");
	}

	@Test
	void anFlockIsNamedWithTheProcessThatTookIt() throws Exception {
		Path track = track();
		Process flock = holding("flock", track.toString(), "sh", "-c", "echo held; exec sleep 60");
		List<FileHolder> holders = holders(track);
		assertTrue(holders.contains(new FileHolder(flock.pid(), "flock", Hold.FLOCK)), holders.toString());
		assertTrue(holders.stream().allMatch(h -> h.pid() > 0), holders.toString());
	}

	@Test
	void aPosixLockIsNamedAndRefusesOurLock() throws Exception {
		Path track = track();
		Process python = holding("/usr/bin/python3", "-c", String.join("\n", "import fcntl, sys, time",
				"f = open(sys.argv[1], 'r+')", "fcntl.lockf(f, fcntl.LOCK_EX)", "print('held', flush=True)",
				"time.sleep(60)"), track.toString());
		List<FileHolder> holders = holders(track);
		assertTrue(holders.contains(new FileHolder(python.pid(), "python3", Hold.POSIX_LOCK)), holders.toString());
		assertTrue(holders.contains(new FileHolder(python.pid(), "python3", Hold.OPEN)), holders.toString());
	}
}
