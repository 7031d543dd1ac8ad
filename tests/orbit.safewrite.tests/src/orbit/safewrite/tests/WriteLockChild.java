package orbit.safewrite.tests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import orbit.safewrite.internal.WriteLocks;

/**
 * A second ORBIT process for the write-lock tests, outside OSGi.
 *
 * <ul>
 * <li>{@code hold LOCKS TARGET}: locks TARGET, prints "held", and keeps it until a line (or the end)
 * arrives on its input, or it is killed; then prints "released".</li>
 * <li>{@code count LOCKS COUNTER N}: N times, under the lock of COUNTER, reads the number in it and
 * writes the next one (a read-modify-write that loses counts unless the writers take turns).</li>
 * </ul>
 */
public final class WriteLockChild {

	private WriteLockChild() {
	}

	public static void main(String[] args) throws Exception {
		WriteLocks locks = new WriteLocks(() -> Path.of(args[1]), Duration.ofSeconds(60));
		Path target = Path.of(args[2]).toAbsolutePath().normalize();
		switch (args[0]) {
		case "hold" -> {
			try (WriteLocks.Held held = locks.acquire(target)) {
				System.out.println("held");
				System.out.flush();
				new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			}
			System.out.println("released");
		}
		case "count" -> {
			int rounds = Integer.parseInt(args[3]);
			for (int i = 0; i < rounds; i++) {
				try (WriteLocks.Held held = locks.acquire(target)) {
					increment(target);
				}
			}
			System.out.println("counted");
		}
		default -> throw new IllegalArgumentException(args[0]);
		}
	}

	/** Read, pause, write: another writer slipping in between would be overwritten. */
	static void increment(Path counter) throws Exception {
		int value = Integer.parseInt(Files.readString(counter).strip());
		Thread.onSpinWait();
		Files.writeString(counter, Integer.toString(value + 1));
	}
}
