package orbit.download.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.core.ActionableException;
import orbit.core.ComponentConfiguration;
import orbit.core.DataDirectory;
import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import orbit.download.DownloadFault;
import orbit.download.DownloadListener;
import orbit.download.DownloadSource;
import orbit.download.DownloadSource.ResumeRefusedException;
import orbit.download.DownloadState;
import orbit.download.DownloadStatus;
import orbit.download.Downloads;
import orbit.download.RemoteItem;
import orbit.download.internal.FailedDownloads.Failure;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.Sha256;

/**
 * The download queue: a priority queue served by a fixed number of workers, a heartbeat that
 * watches every running download for stalls, retries with backoff that resume where the bytes
 * stopped, and a finalisation that moves the verified file into place through SafeWrite.
 */
@Component(service = { Downloads.class, DownloadEngine.class }, configurationPid = DownloadEngine.PID)
@Designate(ocd = DownloadEngine.Config.class)
public class DownloadEngine implements Downloads {

	/** Configuration Admin's PID of the engine's settings. */
	public static final String PID = "orbit.download";

	/** Timing and limits; the defaults are the design's numbers. */
	@ObjectClassDefinition(name = "Downloads", description = "How downloads are watched, retried and flushed.")
	public @interface Config {
		@AttributeDefinition(description = "Milliseconds between two heartbeats over the running downloads.")
		long heartbeat$_$ms() default 15_000;

		@AttributeDefinition(description = "Heartbeats without a new byte before a download counts as stalled.")
		int stall$_$checks() default 4;

		@AttributeDefinition(description = "Downloads running at once.")
		int concurrency() default 3;

		@AttributeDefinition(description = "Milliseconds before the first retry; each next one waits twice as long.")
		long first$_$retry$_$ms() default 2_000;

		@AttributeDefinition(description = "The longest wait between two retries, in milliseconds.")
		long max$_$retry$_$ms() default 120_000;

		@AttributeDefinition(description = "Attempts of one download before it fails.")
		int max$_$attempts() default 12;

		/** Bounds a run of retries in time as max-attempts does in count: a dead peer ends a run in minutes. */
		@AttributeDefinition(description = "Milliseconds a download may go on failing without receiving a byte before it fails (resumable).")
		long max$_$retrying$_$ms() default 180_000;

		/** Flushing in the background as the bytes arrive leaves finalising little to fsync. */
		@AttributeDefinition(description = "MiB received between two background flushes of the .part file.")
		long flush$_$every$_$mb() default 64;
	}

	/** The settings in the units the engine works in. */
	public record Settings(Duration heartbeat, int stallChecks, int concurrency, Duration firstRetry, Duration maxRetry,
			int maxAttempts, long flushEvery, Duration maxRetrying) {
		public static final Settings DEFAULTS = of(ComponentConfiguration.defaults(Config.class));

		public Settings(Duration heartbeat, int stallChecks, int concurrency, Duration firstRetry, Duration maxRetry,
				int maxAttempts) {
			this(heartbeat, stallChecks, concurrency, firstRetry, maxRetry, maxAttempts, DEFAULTS.flushEvery());
		}

		public Settings(Duration heartbeat, int stallChecks, int concurrency, Duration firstRetry, Duration maxRetry,
				int maxAttempts, long flushEvery) {
			this(heartbeat, stallChecks, concurrency, firstRetry, maxRetry, maxAttempts, flushEvery,
					DEFAULTS.maxRetrying());
		}

		public static Settings of(Config config) {
			return new Settings(Duration.ofMillis(config.heartbeat$_$ms()), config.stall$_$checks(), config.concurrency(),
					Duration.ofMillis(config.first$_$retry$_$ms()), Duration.ofMillis(config.max$_$retry$_$ms()),
					config.max$_$attempts(), config.flush$_$every$_$mb() * 1024 * 1024,
					Duration.ofMillis(config.max$_$retrying$_$ms()));
		}

		public Settings withHeartbeat(Duration beat) {
			return new Settings(beat, stallChecks, concurrency, firstRetry, maxRetry, maxAttempts, flushEvery, maxRetrying);
		}

		public Settings withFlushEvery(long bytes) {
			return new Settings(heartbeat, stallChecks, concurrency, firstRetry, maxRetry, maxAttempts, bytes, maxRetrying);
		}

		public Settings withMaxRetrying(Duration bound) {
			return new Settings(heartbeat, stallChecks, concurrency, firstRetry, maxRetry, maxAttempts, flushEvery, bound);
		}

		/** The wait before attempt {@code next} (2, 3, ...): doubling from the first, at most the longest. */
		Duration backoff(int next) {
			long millis = firstRetry.toMillis() << Math.min(30, Math.max(0, next - 2));
			return Duration.ofMillis(Math.min(Math.max(0, millis), maxRetry.toMillis()));
		}
	}

	private static final Logger LOG = LoggerFactory.getLogger(DownloadEngine.class);

	/** The journal's operation type for downloads. */
	public static final String OPERATION = "Download";

	/** The data directory's list of the downloads that failed and kept nothing. */
	public static final String FAILURES_FILE = "downloads-failed.json";

	private final List<DownloadSource> sources = new CopyOnWriteArrayList<>();
	private final List<DownloadListener> listeners = new CopyOnWriteArrayList<>();
	private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
	private final AtomicLong ids = new AtomicLong();
	private final AtomicLong sequence = new AtomicLong();

	@Reference
	private SafeWriteService safeWrite;

	@Reference
	private CrashRecoveryJournal journal;

	@Reference
	private DataDirectory dataDirectory;

	/** The failures that kept nothing, for {@code orbit downloads} in a later process. */
	private FailedDownloads failures;
	private volatile boolean stopping;
	private volatile Settings settings = Settings.DEFAULTS;
	private ThreadPoolExecutor workers;
	private ScheduledExecutorService heartbeat;
	private ScheduledFuture<?> beats;
	private ExecutorService flusher;

	public DownloadEngine() {
	}

	/** An engine outside DS, for tests and benchmarks with their own timing. */
	public DownloadEngine(SafeWriteService safeWrite, CrashRecoveryJournal journal, Settings settings,
			List<DownloadSource> sources) {
		this(safeWrite, journal, settings, sources, null);
	}

	/** An engine outside DS that lists the failures that kept nothing in {@code failuresFile}. */
	public DownloadEngine(SafeWriteService safeWrite, CrashRecoveryJournal journal, Settings settings,
			List<DownloadSource> sources, Path failuresFile) {
		this.safeWrite = safeWrite;
		this.journal = journal;
		this.sources.addAll(sources);
		this.failures = new FailedDownloads(failuresFile, safeWrite);
		start(settings);
	}

	@Activate
	void activate(Config config) {
		failures = new FailedDownloads(dataDirectory.resolve(FAILURES_FILE), safeWrite);
		start(Settings.of(ComponentConfiguration.withLaunchProperties(config, PID)));
	}

	/**
	 * New settings without a restart: running downloads go on; the pool, the heartbeat and each
	 * next retry, stall check and flush follow the new values.
	 */
	@Modified
	synchronized void modified(Config config) {
		Settings chosen = Settings.of(ComponentConfiguration.withLaunchProperties(config, PID));
		Settings before = settings;
		settings = chosen;
		// Core before maximum when shrinking, maximum before core when growing: core may never exceed it.
		if (chosen.concurrency() < before.concurrency()) {
			workers.setCorePoolSize(chosen.concurrency());
			workers.setMaximumPoolSize(chosen.concurrency());
		} else {
			workers.setMaximumPoolSize(chosen.concurrency());
			workers.setCorePoolSize(chosen.concurrency());
		}
		if (!chosen.heartbeat().equals(before.heartbeat())) {
			beats.cancel(false);
			scheduleBeats(chosen.heartbeat());
		}
	}

	/** The settings in force. */
	public Settings settings() {
		return settings;
	}

	private synchronized void start(Settings chosen) {
		this.settings = chosen;
		workers = new ThreadPoolExecutor(chosen.concurrency(), chosen.concurrency(), 0, TimeUnit.MILLISECONDS,
				new PriorityBlockingQueue<>(), runnable -> {
					Thread thread = new Thread(runnable, "orbit-download");
					thread.setDaemon(true);
					return thread;
				});
		flusher = Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "orbit-download-flush");
			thread.setDaemon(true);
			return thread;
		});
		heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "orbit-download-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		scheduleBeats(chosen.heartbeat());
	}

	private void scheduleBeats(Duration every) {
		long period = every.toMillis();
		beats = heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
	}

	@Deactivate
	public void stop() {
		stopping = true;
		heartbeat.shutdownNow();
		flusher.shutdownNow();
		for (Task task : tasks.values()) {
			task.interrupt();
		}
		workers.shutdownNow();
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addSource(DownloadSource source) {
		sources.add(source);
	}

	void removeSource(DownloadSource source) {
		sources.remove(source);
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addListener(DownloadListener listener) {
		listeners.add(listener);
	}

	void removeListener(DownloadListener listener) {
		listeners.remove(listener);
	}

	@Override
	public long enqueue(URI uri, Path directory, int priority) {
		DownloadSource source = sources.stream().filter(s -> s.handles(uri)).findFirst()
				.orElseThrow(() -> new ActionableException("ORBIT cannot download " + uri,
						"No installed download source handles '" + uri.getScheme() + "' addresses"));
		Path dir = directory.toAbsolutePath().normalize();
		Task task = new Task(ids.incrementAndGet(), sequence.incrementAndGet(), uri, dir, priority, source);
		// Trying again forgets the last failure; a new one is noted if it fails again.
		failures.forget(uri.toString(), dir.toString());
		// The same download interrupted earlier (crash, stop, failure) is resumed, not started anew.
		for (Checkpoint c : journal.active()) {
			if (c.operationType().equals(OPERATION)) {
				DownloadIntent intent = DownloadIntent.parse(c.stateJson());
				if (intent.uri().equals(uri.toString()) && intent.directory().equals(dir.toString())) {
					task.adopt(c.id(), intent, c.progress());
					break;
				}
			}
		}
		tasks.put(task.id, task);
		workers.execute(task);
		return task.id;
	}

	/**
	 * The downloads that failed for good (or before anything was received) and kept nothing; the
	 * resumable ones are in the journal, their intent naming the last failure.
	 */
	public List<Failure> failedWithNothingKept() {
		return failures.all();
	}

	/** Resumes a download the journal holds (start-up recovery). */
	public long resume(Checkpoint checkpoint) {
		DownloadIntent intent = DownloadIntent.parse(checkpoint.stateJson());
		return enqueue(URI.create(intent.uri()), Path.of(intent.directory()), checkpoint.priority());
	}

	@Override
	public Optional<DownloadStatus> status(long id) {
		return Optional.ofNullable(tasks.get(id)).map(Task::status);
	}

	@Override
	public List<DownloadStatus> all() {
		List<DownloadStatus> list = new ArrayList<>();
		tasks.values().stream().sorted(Comparator.comparingLong(t -> t.id)).forEach(t -> list.add(t.status()));
		return list;
	}

	@Override
	public void cancel(long id) {
		Task task = tasks.get(id);
		if (task != null && !task.state.finished() && task.state != DownloadState.FINALIZING) {
			task.cancelled = true;
			task.interrupt();
			if (workers.remove(task)) {
				task.finish(DownloadState.CANCELLED, null);
			}
		}
	}

	@Override
	public DownloadStatus await(long id, Duration timeout) throws InterruptedException {
		Task task = tasks.get(id);
		if (task == null) {
			throw new IllegalArgumentException("no download " + id);
		}
		synchronized (task) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!task.state.finished()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				TimeUnit.NANOSECONDS.timedWait(task, left);
			}
		}
		return task.status();
	}

	/** One heartbeat over every running download: stall detection, never touching a finalising one. */
	private void beat() {
		boolean progressed = false;
		for (Task task : tasks.values()) {
			if (task.state != DownloadState.RUNNING || task.finalizing) {
				continue;
			}
			// Only fsynced bytes are journaled; the journal skips moves under 1 KB (so a stall writes nothing).
			String checkpoint = task.checkpoint;
			if (checkpoint != null && !task.finalizing) {
				journal.heartbeat(checkpoint, task.durable);
				progressed = true;
			}
			long bytes = task.received.get();
			// An attempt younger than the stall checks cannot have stalled yet, whatever the ones before it did.
			boolean young = System.nanoTime() - task.attemptStarted < settings.heartbeat()
					.multipliedBy(settings.stallChecks()).toNanos();
			if (bytes == task.lastBeatBytes) {
				if (++task.quietBeats >= settings.stallChecks() && !young) {
					task.quietBeats = 0;
					task.error = "no data arrived from " + task.uri.getHost() + " for "
							+ settings.heartbeat().multipliedBy(settings.stallChecks()).toSeconds() + " s";
					task.state = DownloadState.STALLED;
					LOG.info("Download {} stalled at {} bytes; retrying", task.uri, bytes);
					task.interrupt();
				}
			} else {
				task.quietBeats = 0;
				task.lastBeatBytes = bytes;
			}
		}
		if (progressed) {
			journal.flush();
		}
	}

	/** One download, runnable on a worker; ordered by priority, then by arrival. */
	final class Task implements Runnable, Comparable<Task> {
		final long id;
		final long order;
		final URI uri;
		final Path directory;
		final int priority;
		final DownloadSource source;
		/** Bytes written to the .part file; written by the worker, read by the heartbeat. */
		final AtomicLong received = new AtomicLong();
		volatile DownloadState state = DownloadState.QUEUED;
		volatile boolean finalizing;
		volatile boolean cancelled;
		volatile String error;
		/** Whether a failure kept a .part file and a journal entry for the same command to resume. */
		volatile boolean resumable;
		/** Whether the source answered in this download (now or in an earlier run): a later silence may pass. */
		volatile boolean reached;
		volatile int attempts;
		volatile long size = -1;
		volatile Path target;
		volatile Thread worker;
		volatile RemoteItem item;
		/** The journal's checkpoint of this download, once it has one. */
		volatile String checkpoint;
		/** Bytes of the .part file known to be on the device (fsynced). */
		volatile long durable;
		/** The validator and safe length of an adopted checkpoint: the resume must match them. */
		volatile String adoptedValidator;
		volatile long adoptedSafeLength = -1;
		/** When the running attempt started (System.nanoTime). */
		volatile long attemptStarted;
		/** Where the last attempt from byte zero ended early, or -1. */
		long shortFromZero = -1;
		long lastBeatBytes = -1;
		int quietBeats;

		Task(long id, long order, URI uri, Path directory, int priority, DownloadSource source) {
			this.id = id;
			this.order = order;
			this.uri = uri;
			this.directory = directory;
			this.priority = priority;
			this.source = source;
		}

		void adopt(String id, DownloadIntent intent, long safeLength) {
			checkpoint = id;
			reached = true;
			adoptedValidator = intent.validator();
			adoptedSafeLength = safeLength;
		}

		@Override
		public int compareTo(Task other) {
			int byPriority = Integer.compare(other.priority, priority);
			return byPriority != 0 ? byPriority : Long.compare(order, other.order);
		}

		DownloadStatus status() {
			return new DownloadStatus(id, uri, target, priority, state, received.get(), size, attempts, error, resumable);
		}

		/** Ends the running attempt: the source's copy stops at the worker's interrupt. */
		void interrupt() {
			Thread thread = worker;
			if (thread != null) {
				thread.interrupt();
			}
		}

		synchronized void finish(DownloadState end, String why) {
			state = end;
			error = why;
			notifyAll();
		}

		@Override
		public void run() {
			if (cancelled) {
				finish(DownloadState.CANCELLED, null);
				return;
			}
			worker = Thread.currentThread();
			try {
				transferWithinBounds();
				complete(item);
			} catch (IOException | RuntimeException e) {
				fail(e);
			} finally {
				worker = null;
				Thread.interrupted();
			}
		}

		/**
		 * Attempts until every byte is in the .part file. A permanent fault ends at once; a
		 * transient one is retried with a doubling wait (or the server's Retry-After) while both
		 * bounds hold: {@code max-attempts} in count, {@code max-retrying-ms} without a new byte in
		 * time. Past them the last fault ends the download. (Not a Failsafe policy: its time bound
		 * counts from the first attempt, and a slow peer that keeps sending must not be cut by it.)
		 */
		private void transferWithinBounds() throws IOException {
			long quietSince = System.nanoTime();
			long highest = received.get();
			for (int tries = 1;; tries++) {
				try {
					if (item == null) {
						describe();
					}
					attempt();
					return;
				} catch (IOException | RuntimeException e) {
					if (cancelled || stopping) {
						throw new InterruptedIOException("cancelled");
					}
					DownloadFault fault = DownloadFault.of(e, uri, reached);
					if (received.get() > highest) {
						highest = received.get();
						quietSince = System.nanoTime();
					}
					if (fault.permanent() || fault.waitsForUser()) {
						throw fault;
					}
					Settings bounds = settings;
					Duration spent = Duration.ofNanos(System.nanoTime() - quietSince);
					Duration wait = fault.retryAfter().orElse(bounds.backoff(tries + 1));
					if (fault.retryAfter().isPresent() && spent.plus(wait).compareTo(bounds.maxRetrying()) > 0) {
						throw DownloadFault.transientFault(fault.reason() + " and asks to wait " + wait.toSeconds()
								+ " s, longer than downloads wait (" + bounds.maxRetrying().toSeconds() + " s)");
					}
					if (tries >= bounds.maxAttempts() || spent.plus(wait).compareTo(bounds.maxRetrying()) > 0) {
						throw DownloadFault.transientFault(fault.reason() + " (still failing after " + tries
								+ (tries == 1 ? " attempt" : " attempts") + " in " + Math.max(1, spent.toSeconds()) + " s)");
					}
					error = fault.reason();
					state = DownloadState.RETRYING;
					LOG.info("Download {}: {}; attempt {} in {} ms", uri, fault.reason(), tries + 1, wait.toMillis());
					pause(wait);
				}
			}
		}

		/** Waits before the next attempt; only a cancel or a stop ends the wait early. */
		private void pause(Duration wait) throws InterruptedIOException {
			long until = System.nanoTime() + wait.toNanos();
			for (long left; (left = until - System.nanoTime()) > 0;) {
				if (cancelled || stopping) {
					throw new InterruptedIOException("cancelled");
				}
				try {
					TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
				} catch (InterruptedException late) {
					// A stall declared as the attempt ended interrupts the wait instead: it goes on.
				}
			}
		}

		private RemoteItem describe() throws IOException {
			RemoteItem described = source.describe(uri);
			reached = true;
			item = described;
			size = described.size();
			String fallback = "download-" + id;
			target = FileNames.inside(directory, FileNames.sanitize(described.fileName(), fallback));
			Files.createDirectories(directory);
			DownloadIntent intent = new DownloadIntent(uri.toString(), directory.toString(), target.toString(),
					described.validator(), described.size(), null);
			if (checkpoint == null) {
				checkpoint = journal.log(OPERATION, target, intent.json(), priority);
			} else {
				smartResume(described);
				journal.update(checkpoint, intent.json());
			}
			return described;
		}

		/**
		 * An adopted checkpoint's .part file: if the remote item is the same version and the file
		 * holds at least the journaled safe length, the download resumes from that length (bytes
		 * after it were never confirmed on the device); otherwise it starts again from zero.
		 */
		private void smartResume(RemoteItem described) throws IOException {
			Path part = part();
			boolean sameVersion = adoptedValidator == null || adoptedValidator.equals(described.validator());
			long length = Files.exists(part) ? Files.size(part) : 0;
			long keep = sameVersion && described.rangeSupported() && adoptedSafeLength >= 0 && length >= adoptedSafeLength
					? adoptedSafeLength : 0;
			if (Files.exists(part)) {
				try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
					channel.truncate(keep);
					channel.force(true);
				}
			}
			durable = keep;
			LOG.info("Resuming {} from byte {} ({})", uri, keep, sameVersion ? "safe length" : "the remote changed");
		}

		private Path part() {
			return target.resolveSibling(target.getFileName() + ".part");
		}

		/** One attempt: resume from the bytes already in the .part file, or start over when refused. */
		private void attempt() throws IOException {
			Thread.interrupted();
			RemoteItem item = this.item;
			if (cancelled) {
				throw new InterruptedIOException("cancelled");
			}
			attempts++;
			attemptStarted = System.nanoTime();
			state = DownloadState.RUNNING;
			Path part = part();
			long offset = Files.exists(part) ? Files.size(part) : 0;
			if (item.size() >= 0 && offset > item.size()) {
				offset = 0;
			}
			try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
				try {
					offset = transfer(item, offset, out);
				} catch (ResumeRefusedException refused) {
					LOG.info("Restarting {} from zero: {}", uri, refused.getMessage());
					// The item may have changed: its size and validator are asked again.
					item = describe();
					offset = transfer(item, 0, out);
				}
				if (item.size() >= 0 && received.get() < item.size()) {
					throw shortBody(item, offset, null);
				}
			} catch (IOException e) {
				if (cancelled) {
					throw new InterruptedIOException("cancelled");
				}
				// A stall interrupts the worker; the retry's backoff must not see that interrupt.
				Thread.interrupted();
				if (state == DownloadState.STALLED) {
					throw DownloadFault.transientFault(error);
				}
				throw e;
			}
		}

		/** Copies from {@code offset} into the .part file, counting every byte written. */
		private long transfer(RemoteItem item, long offset, FileChannel out) throws IOException {
			out.truncate(offset);
			out.position(offset);
			received.set(offset);
			long limit = item.size();
			long[] nextFlush = { offset + settings.flushEvery() };
			java.util.concurrent.atomic.AtomicBoolean flushing = new java.util.concurrent.atomic.AtomicBoolean();
			try {
				source.copy(item, offset, new DiskAwareChannel(out, part()), bytes -> {
					long now = received.addAndGet(bytes);
					if (limit >= 0 && now > limit) {
						throw new IllegalStateException(item.uri().getHost() + " sent more than the " + limit
								+ " bytes it announced (its Content-Length is wrong)");
					}
					// Overlap the disk's work with the network's: flush what has arrived so far.
					if (now >= nextFlush[0] && flushing.compareAndSet(false, true)) {
						nextFlush[0] = now + settings.flushEvery();
						long mark = now;
						flusher.execute(() -> {
							try {
								out.force(false);
								durable = mark;
							} catch (IOException | RuntimeException closed) {
								// the attempt ended meanwhile; finalising flushes anyway
							} finally {
								flushing.set(false);
							}
						});
					}
				});
			} catch (IllegalStateException overflow) {
				throw longBody(out, overflow);
			} catch (DownloadFault | ResumeRefusedException | InterruptedIOException e) {
				throw e;
			} catch (IOException e) {
				if (e.getCause() instanceof DownloadFault fault) {
					throw fault;
				}
				if (e.getCause() instanceof IllegalStateException overflow) {
					throw longBody(out, overflow);
				}
				if (e.getMessage() == null || !e.getMessage().startsWith("fixed content-length")
						&& !e.getMessage().contains("EOF")) {
					// Not an early end of the body: the connection failed (reset, refused, ...).
					throw e;
				}
				throw shortBody(item, offset, e);
			}
			return offset;
		}

		/** More bytes than announced: what was received is of no use, and the answer will not change. */
		private DownloadFault longBody(FileChannel out, IllegalStateException overflow) throws IOException {
			out.truncate(0);
			received.set(0);
			return DownloadFault.permanent(overflow.getMessage());
		}

		/**
		 * A body that ended before its length. Transient, as a dropped connection is, unless an
		 * attempt from byte zero ended at the very byte the one before it did: then the server's
		 * length is wrong, which no retry mends (a resume finds it out through Content-Range).
		 */
		private IOException shortBody(RemoteItem item, long offset, IOException cause) {
			long at = received.get();
			String of = item.size() >= 0 ? " of " + item.size() : "";
			if (offset == 0 && item.size() >= 0 && at == shortFromZero) {
				return DownloadFault.permanent(item.uri().getHost() + " announced " + item.size()
						+ " bytes but sends only " + at + " (its Content-Length is wrong)");
			}
			if (offset == 0) {
				shortFromZero = at;
			}
			return new IOException("the connection ended after " + at + of + " bytes", cause);
		}

		/** Finalise: no heartbeat from here on; fsync, verify, move into place. */
		private void complete(RemoteItem item) throws IOException {
			finalizing = true;
			state = DownloadState.FINALIZING;
			Path part = part();
			try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			long length = Files.size(part);
			if (item.size() >= 0 && length != item.size()) {
				throw DownloadFault.permanent("the file has " + length + " bytes, the source announced " + item.size());
			}
			if (item.checksum() != null) {
				String actual = "sha-256:" + Sha256.of(part);
				if (!actual.equals(item.checksum())) {
					Files.delete(part);
					throw DownloadFault.permanent("the file's SHA-256 does not match the one the source published");
				}
			}
			Path finalTarget = free(target);
			safeWrite.moveAtomic(part, finalTarget);
			target = finalTarget;
			if (checkpoint != null) {
				journal.complete(checkpoint);
			}
			finish(DownloadState.COMPLETED, null);
			DownloadStatus done = status();
			for (DownloadListener listener : listeners) {
				try {
					listener.finished(done);
				} catch (RuntimeException e) {
					LOG.warn("A listener failed on the finished download {}", done.target(), e);
				}
			}
		}

		private void fail(Throwable e) {
			if (cancelled) {
				try {
					if (target != null) {
						Files.deleteIfExists(part());
					}
				} catch (IOException ignored) {
					// the partial file stays; nothing else is at stake
				}
				if (checkpoint != null) {
					journal.complete(checkpoint);
				}
				finish(DownloadState.CANCELLED, null);
				return;
			}
			if (stopping) {
				// ORBIT is closing: the journal keeps the download for the next start to resume.
				resumable = checkpoint != null;
				finish(DownloadState.FAILED, "ORBIT stopped before the download ended");
				return;
			}
			DownloadFault fault = e instanceof ActionableException a ? DownloadFault.permanent(a.problem())
					: DownloadFault.of(e, uri, reached);
			if (fault.permanent() || checkpoint == null) {
				// Nothing worth keeping: no partial file, no journal entry; the list of failures tells.
				try {
					if (target != null) {
						Files.deleteIfExists(part());
					}
				} catch (IOException kept) {
					LOG.warn("The partial file {} of a failed download cannot be removed: {}", part(), kept.getMessage());
				}
				if (checkpoint != null) {
					journal.complete(checkpoint);
					checkpoint = null;
				}
				failures.add(uri.toString(), directory.toString(), fault.reason());
				resumable = false;
			} else {
				// What was received stays, on the device and journaled, so that the next run resumes from it;
				// the journal's intent names the failure for 'orbit downloads'.
				try (FileChannel channel = FileChannel.open(part(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
					channel.force(true);
					durable = channel.size();
					journal.heartbeat(checkpoint, durable);
					journal.flush();
				} catch (IOException unsynced) {
					LOG.warn("The partial file {} cannot be flushed: {}", part(), unsynced.getMessage());
				}
				journal.update(checkpoint, new DownloadIntent(uri.toString(), directory.toString(), target.toString(),
						item == null ? null : item.validator(), size, fault.reason()).json());
				resumable = true;
			}
			LOG.warn("Download {} failed{}: {}", uri, resumable ? " (resumable)" : " (nothing kept)", fault.reason());
			finish(DownloadState.FAILED, fault.reason());
		}
	}

	/** The .part file's channel, reporting a full disk as such. */
	static final class DiskAwareChannel implements java.nio.channels.GatheringByteChannel {
		private final FileChannel channel;
		private final Path part;

		DiskAwareChannel(FileChannel channel, Path part) {
			this.channel = channel;
			this.part = part;
		}

		@Override
		public int write(ByteBuffer source) throws IOException {
			try {
				return channel.write(source);
			} catch (IOException e) {
				throw diskFullOr(e);
			}
		}

		@Override
		public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
			try {
				return channel.write(sources, offset, length);
			} catch (IOException e) {
				throw diskFullOr(e);
			}
		}

		@Override
		public long write(ByteBuffer[] sources) throws IOException {
			return write(sources, 0, sources.length);
		}

		private IOException diskFullOr(IOException e) {
			String message = String.valueOf(e.getMessage());
			return message.contains("No space left") || message.contains("Disk quota") ? diskFull(part) : e;
		}

		@Override
		public boolean isOpen() {
			return channel.isOpen();
		}

		@Override
		public void close() {
			// the download owns the channel
		}
	}

	/** The disk filled up: not worth retrying until the user frees space; the .part file stays. */
	static DownloadFault diskFull(Path part) {
		return DownloadFault.waitingForUser("the disk holding " + part.getParent() + " is full; free some space and retry: the "
				+ part.getFileName() + " file keeps what was received");
	}

	/** {@code name.ext}, or {@code name (2).ext} ... when it is taken. */
	static Path free(Path target) {
		if (!Files.exists(target)) {
			return target;
		}
		String name = target.getFileName().toString();
		for (int n = 2;; n++) {
			Path candidate = target.resolveSibling(FileNames.numbered(name, n));
			if (!Files.exists(candidate)) {
				return candidate;
			}
		}
	}
}
