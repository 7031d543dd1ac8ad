package orbit.buffer.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import orbit.buffer.BufferHealth.WorkerHealth;
import orbit.buffer.internal.dsp.ChunkRender;

/**
 * The threads that render chunks, at the lowest priority so the audio and the UI come first.
 * Each takes the next chunk the plans want; one more, the playhead's, takes only the chunks a deck
 * plays now or next, so that after a jump the chunk that is missing does not wait behind a
 * speculative render (about 20 ms). The monitor replaces a thread that died (an
 * {@link Error} escaped a render) or that has rendered one chunk for longer than the bound (its
 * result, if it ever comes, is thrown away).
 */
public final class RenderWorkers {

	private final BufferEngine engine;
	private final Duration bound;
	private final Slot[] slots;
	private final Object signal = new Object();
	private volatile boolean running = true;

	RenderWorkers(BufferEngine engine, int count, Duration bound) {
		this.engine = engine;
		this.bound = bound;
		this.slots = new Slot[count + 1];
		for (int i = 0; i < count; i++) {
			slots[i] = new Slot("orbit-buffer-render-" + (i + 1), false);
		}
		slots[count] = new Slot("orbit-buffer-render-playhead", true);
		for (Slot slot : slots) {
			slot.start();
		}
	}

	/** One worker: the thread in it now, and what it is doing. */
	private final class Slot {
		final String name;
		final boolean urgentOnly;
		volatile Thread thread;
		volatile RenderJob job;
		volatile long jobStart;
		volatile String state = "idle";
		volatile long rendered;
		volatile int restarts;

		Slot(String name, boolean urgentOnly) {
			this.name = name;
			this.urgentOnly = urgentOnly;
		}

		void start() {
			Thread t = new Thread(() -> run(this), name);
			t.setDaemon(true);
			t.setPriority(Thread.MIN_PRIORITY);
			t.setUncaughtExceptionHandler((th, e) -> {
				RenderJob lost = job;
				if (lost != null) {
					engine.abandoned(lost);
				}
				engine.errors.record("worker", "died", th.getName() + " died: " + e);
			});
			thread = t;
			job = null;
			state = "idle";
			t.start();
		}
	}

	private void run(Slot slot) {
		Thread me = Thread.currentThread();
		while (running && slot.thread == me) {
			RenderJob job = engine.nextJob(slot.urgentOnly);
			if (job == null) {
				synchronized (signal) {
					try {
						signal.wait(100);
					} catch (InterruptedException e) {
						return;
					}
				}
				continue;
			}
			slot.job = job;
			slot.jobStart = System.nanoTime();
			slot.state = "rendering";
			try {
				ChunkRender.Rendered result = engine.renderer().render(job.track(), job.key().settings(), job.profile(),
						job.outStart(), job.outFrames());
				if (slot.thread != me) {
					return; // replaced while rendering: too late to count
				}
				engine.rendered(job, result);
				slot.rendered++;
			} catch (InterruptedException e) {
				engine.abandoned(job);
				return;
			} catch (Exception e) {
				if (slot.thread != me) {
					return;
				}
				engine.renderFailed(job, e.getClass().getSimpleName(), job.track().file().getFileName() + " chunk "
						+ job.key().index() + " (" + job.key().settings() + "): " + e.getMessage());
			} finally {
				if (slot.thread == me) {
					slot.job = null;
					slot.state = "idle";
				}
			}
		}
	}

	/** Lets idle workers look at the queue again. */
	void wake() {
		synchronized (signal) {
			signal.notifyAll();
		}
	}

	/** Replaces dead and stuck threads; called by the monitor. */
	void check() {
		long now = System.nanoTime();
		for (Slot slot : slots) {
			Thread t = slot.thread;
			if (!running) {
				return;
			}
			if (!t.isAlive()) {
				slot.restarts++;
				slot.start();
				slot.state = "restarted";
				engine.errors.record("worker", "restarted", slot.name + " was dead; a new thread took its place");
				continue;
			}
			RenderJob job = slot.job;
			if (job != null && now - slot.jobStart > bound.toNanos()) {
				slot.thread = null; // the old thread sees it is no longer the slot's and stops
				t.interrupt();
				engine.renderFailed(job, "timeout", job.track().file().getFileName() + " chunk " + job.key().index()
						+ " took longer than " + bound.toSeconds() + " s; its worker was replaced");
				slot.restarts++;
				slot.start();
				slot.state = "restarted";
			}
		}
	}

	List<WorkerHealth> health() {
		List<WorkerHealth> list = new ArrayList<>();
		for (Slot slot : slots) {
			Thread t = slot.thread;
			String state = t == null || !t.isAlive() ? "dead" : slot.state;
			list.add(new WorkerHealth(slot.name, state, slot.rendered, slot.restarts));
		}
		return list;
	}

	/** For tests: the thread of worker {@code i}. */
	public Thread thread(int i) {
		return slots[i].thread;
	}

	void stop() {
		running = false;
		for (Slot slot : slots) {
			Thread t = slot.thread;
			if (t != null) {
				t.interrupt();
			}
		}
	}
}
