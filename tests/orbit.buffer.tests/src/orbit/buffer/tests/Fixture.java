package orbit.buffer.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.buffer.internal.BufferConfig;
import orbit.buffer.internal.BufferEngine;
import orbit.buffer.internal.ChunkRenderer;
import orbit.tests.support.Commands;

/** Real audio made by sox and flac, and the real decoder and analysis services. */
final class Fixture {

	private Fixture() {
	}

	/**
	 * A 16-bit stereo FLAC with a beat (a 120 BPM pulse), a bass line and hiss: material whose
	 * spectrum and dynamics every preset changes audibly.
	 */
	static Path track(Path dir, String name, int seconds) throws Exception {
		Path flac = dir.resolve(name + ".flac");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", flac.toString(), "synth",
				Integer.toString(seconds), "sine", "55", "square", "110", "pinknoise", "tremolo", "2", "90", "gain", "-8");
		return flac;
	}

	static AudioDecoder decoder() {
		return service(AudioDecoder.class);
	}

	static AudioAnalysis analysis() {
		return service(AudioAnalysis.class);
	}

	private static final List<ServiceTracker<?, ?>> TRACKERS = new ArrayList<>();

	static synchronized <S> S service(Class<S> type) {
		BundleContext context = FrameworkUtil.getBundle(Fixture.class).getBundleContext();
		ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
		tracker.open();
		TRACKERS.add(tracker); // open for the test run: the services stay active
		try {
			S s = tracker.waitForService(Duration.ofSeconds(20).toMillis());
			if (s == null) {
				throw new AssertionError("no " + type.getName() + " service");
			}
			return s;
		} catch (InterruptedException e) {
			throw new AssertionError(e);
		}
	}

	/** Waits up to 20 s for something the buffer's threads do. */
	static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				throw new AssertionError("not within 20 s: " + what);
			}
			Thread.sleep(20);
		}
	}

	static BufferEngine engine(BufferConfig config, ChunkRenderer renderer) {
		return new BufferEngine(config, decoder(), analysis(), renderer, BufferEngine.PLAIN_WRITER);
	}

	static BufferEngine engine(Path dir) {
		return engine(BufferConfig.defaults(dir.resolve("transitions.csv")), ChunkRenderer.DSP);
	}
}
