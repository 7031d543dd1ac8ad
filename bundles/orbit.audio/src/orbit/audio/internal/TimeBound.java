package orbit.audio.internal;

import java.nio.file.Path;
import java.time.Duration;

import orbit.audio.AudioException;

/** The moment a decode must have ended by; every read and seek asks it first. */
final class TimeBound {

	private final Path file;
	private final Duration bound;
	private final long deadline;

	TimeBound(Path file, Duration bound) {
		this.file = file;
		this.bound = bound;
		this.deadline = System.nanoTime() + bound.toNanos();
	}

	void check(long frame, int rate) throws AudioException {
		if (System.nanoTime() - deadline > 0) {
			throw exceeded(frame, rate);
		}
	}

	AudioException exceeded(long frame, int rate) {
		return new AudioException(file, frame, rate, "decoding took longer than " + seconds() + " s", null);
	}

	long remainingNanos() {
		return deadline - System.nanoTime();
	}

	long seconds() {
		return Math.max(1, (bound.toMillis() + 999) / 1000);
	}
}
