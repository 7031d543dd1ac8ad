package orbit.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.internal.LogFile;

/**
 * The log is appended to by every process (each handler here stands for one), rotated past its
 * limit with the oldest dropped, followed by a process whose file another one rotated away, and
 * silent when it cannot be written.
 */
class LogFileTest {

	@TempDir
	Path dir;

	@Test
	void twoProcessesAppendToOneLogAndEarlierRunsAreKept() throws Exception {
		Path file = dir.resolve("logs/orbit.log");
		Files.createDirectories(file.getParent());
		Files.writeString(file, "an earlier run\n");
		LogFile first = new LogFile(file, 1 << 20), second = new LogFile(file, 1 << 20);
		first.publish(record("first says hello"));
		second.publish(record("second says hello"));
		first.publish(record("first again"));
		first.close();
		second.close();
		List<String> lines = Files.readAllLines(file);
		assertEquals("an earlier run", lines.get(0));
		assertEquals(4, lines.size(), lines.toString());
		assertTrue(lines.get(1).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[\\d+ .+\\] INFO orbit\\.test - first says hello"),
				lines.get(1));
		assertTrue(lines.get(2).endsWith("second says hello") && lines.get(3).endsWith("first again"), lines.toString());
	}

	@Test
	void aFullLogIsRotatedKeepingFourAndAnotherProcessFollowsTheNewFile() throws Exception {
		Path file = dir.resolve("orbit.log");
		long limit = 1000;
		LogFile writer = new LogFile(file, limit), other = new LogFile(file, limit);
		other.publish(record("the other process starts"));
		String filler = "x".repeat(200);
		for (int i = 0; i < 400; i++) {
			writer.publish(record(i + " " + filler));
		}
		for (int generation = 1; generation <= 4; generation++) {
			Path rotated = writer.rotated(generation);
			assertTrue(Files.exists(rotated), rotated + " is kept");
			assertTrue(Files.size(rotated) < limit + 64 * 260, rotated + " was rotated once full: " + Files.size(rotated));
		}
		assertFalse(Files.exists(writer.rotated(5)), "four rotated logs at most");
		assertTrue(Files.readString(file).contains("399 " + filler), "the newest record is in orbit.log");
		// the other process's file was renamed away; within a few records it writes to orbit.log again
		for (int i = 0; i < 64; i++) {
			other.publish(record("the other process goes on " + i));
		}
		assertTrue(Files.readString(file).contains("the other process goes on 63"), Files.readString(file));
		writer.close();
		other.close();
	}

	@Test
	void aLogThatCannotBeWrittenLosesLinesSilently() throws Exception {
		Path notADirectory = Files.writeString(dir.resolve("logs"), "a file where the folder should be");
		PrintStream err = System.err;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			LogFile log = new LogFile(notADirectory.resolve("orbit.log"), 1000);
			log.publish(record("lost"));
			log.publish(record("lost too"));
			log.close();
		} finally {
			System.setErr(err);
		}
		assertEquals("", printed.toString(StandardCharsets.UTF_8));
	}

	private static LogRecord record(String message) {
		LogRecord record = new LogRecord(Level.INFO, message);
		record.setLoggerName("orbit.test");
		return record;
	}
}
