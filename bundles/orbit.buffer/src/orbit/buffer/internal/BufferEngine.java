package orbit.buffer.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.buffer.Buffer;
import orbit.buffer.BufferHealth;
import orbit.buffer.BufferHealth.Alert;
import orbit.buffer.BufferHealth.Degradation;
import orbit.buffer.BufferHealth.TierHealth;
import orbit.buffer.PreviewDeck;
import orbit.buffer.internal.Plan.Planned;
import orbit.buffer.internal.dsp.ChunkRender;
import orbit.buffer.internal.dsp.TrackProfile;

/**
 * One buffer: three tiers, the render workers, the planner and the health monitor, shared by the
 * decks opened on it. The decks' read paths only look chunks up; everything that takes time
 * (planning, rendering, measuring, checking files) happens on the buffer's own threads.
 */
public final class BufferEngine implements Buffer, AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger(BufferEngine.class);

	/** The seed's alert thresholds. */
	static final double L1_HIT_RATE_LOW = 0.7, ACCURACY_LOW = 0.4, MEMORY_HIGH = 0.9;
	static final int EVICTIONS_PER_MINUTE_HIGH = 100;

	private final BufferConfig config;
	private final AudioDecoder decoder;
	private final AudioAnalysis analysis;
	private final ChunkRenderer renderer;
	private final Runnable saveTransitions;
	/** Set by a learned switch, cleared by the save that writes it: close saves what is left. */
	private final AtomicBoolean transitionsUnsaved = new AtomicBoolean();
	final Tier[] tiers;
	final RenderWorkers workers;
	final ErrorTracker errors = new ErrorTracker();
	final OperationTimes operations = new OperationTimes();
	final MemoryGuard memory = new MemoryGuard();
	final PresetTransitions transitions;
	private final List<Deck> decks = new CopyOnWriteArrayList<>();
	private final Map<Deck, Plan> plans = new ConcurrentHashMap<>();
	private volatile List<Planned> queue = List.of();
	private final Set<ChunkKey> inFlight = ConcurrentHashMap.newKeySet();
	private final Map<ChunkKey, Long> failed = new ConcurrentHashMap<>();
	private final Map<Long, TrackProfile> profiles = new ConcurrentHashMap<>();
	private final Set<Long> measuring = ConcurrentHashMap.newKeySet();
	private final ScheduledExecutorService planner;
	private final Deque<Long> evictionTimes = new ArrayDeque<>();
	private final AtomicLong lookups = new AtomicLong(), misses = new AtomicLong();
	private final AtomicLong renders = new AtomicLong(), renderErrors = new AtomicLong();
	private final AtomicLong predictions = new AtomicLong(), predicted = new AtomicLong();
	private final Map<String, Alert> alerts = new LinkedHashMap<>();
	/** Lookups and L1 hits of the last minute, for the hit-rate alert. */
	private final MinuteRate l1Rate = new MinuteRate();
	private volatile Degradation degradation = Degradation.NONE;
	private long lastValidation = System.nanoTime();
	private long lastSnapshot;
	private volatile boolean closed;

	/**
	 * @param transitionsWriter writes the transitions file durably (SafeWrite in the product); null
	 *                          when {@code config} has no file
	 */
	public BufferEngine(BufferConfig config, AudioDecoder decoder, AudioAnalysis analysis, ChunkRenderer renderer,
			TransitionsWriter transitionsWriter) {
		this.config = config;
		this.decoder = decoder;
		this.analysis = analysis;
		this.renderer = renderer;
		Tier.EvictionLog log = this::evicted;
		this.tiers = new Tier[] { new Tier("L1", config.l1Bytes(), log), new Tier("L2", config.l2Bytes(), log),
				new Tier("L3", config.l3Bytes(), log) };
		this.transitions = config.transitionsFile() == null ? new PresetTransitions()
				: PresetTransitions.read(config.transitionsFile());
		this.saveTransitions = transitionsWriter == null || config.transitionsFile() == null ? () -> {
		} : () -> {
			if (!transitionsUnsaved.getAndSet(false)) {
				return;
			}
			try {
				transitionsWriter.write(config.transitionsFile(), transitions.toCsv());
			} catch (Exception e) {
				errors.record("prediction", "save", "Cannot keep the learned preset switches: " + e.getMessage());
			}
		};
		this.planner = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "orbit-buffer-planner");
			t.setDaemon(true);
			return t;
		});
		this.workers = new RenderWorkers(this, config.workers(), config.renderBound());
		planner.scheduleWithFixedDelay(this::monitor, 250, 250, TimeUnit.MILLISECONDS);
	}

	/** Writes the learned preset switches where they survive a crash. */
	@FunctionalInterface
	public interface TransitionsWriter {
		void write(Path file, String csv) throws Exception;
	}

	/** A writer for tests and tools: a plain temp-file-and-rename. */
	public static final TransitionsWriter PLAIN_WRITER = (file, csv) -> {
		Files.createDirectories(file.getParent());
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temp, csv, StandardCharsets.UTF_8);
		Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	};

	public BufferConfig config() {
		return config;
	}

	AudioDecoder decoder() {
		return decoder;
	}

	ChunkRenderer renderer() {
		return renderer;
	}

	@Override
	public PreviewDeck openDeck() {
		Deck deck = new Deck(this);
		decks.add(deck);
		return deck;
	}

	@Override
	public PreviewDeck openDeck(DeckOutput output) {
		Deck deck = (Deck) openDeck();
		deck.output(new DeckPlayer(deck, output));
		return deck;
	}

	void closed(Deck deck) {
		decks.remove(deck);
		plans.remove(deck);
		planner.execute(this::applyPlans);
	}

	// ---- the read path ----

	/** Looks a chunk up in L1, L2 and L3; counts the hit or the miss. */
	Chunk lookup(ChunkKey key) {
		long start = System.nanoTime();
		lookups.incrementAndGet();
		Chunk found = null;
		int tier = -1;
		for (int i = 0; i < tiers.length && found == null; i++) {
			found = tiers[i].hit(key);
			tier = i;
		}
		if (found == null) {
			misses.incrementAndGet();
		}
		operations.add(System.nanoTime() - start);
		l1Rate.add(found != null && tier == 0);
		return found;
	}

	// ---- planning ----

	/** Asks for a new plan for a deck, soon, on the planner thread. */
	void replan(Deck deck) {
		if (!closed) {
			planner.execute(() -> {
				plans.put(deck, deck.plan(degradation));
				applyPlans();
			});
		}
	}

	/** The plan of a deck as last made. */
	Plan planOf(Deck deck) {
		return plans.getOrDefault(deck, Plan.empty());
	}

	/** Counts a user's switch or jump as predicted or not, for the accuracy. */
	void predictionOutcome(boolean wasPlanned) {
		predictions.incrementAndGet();
		if (wasPlanned) {
			predicted.incrementAndGet();
		}
	}

	void learnSwitch(orbit.buffer.Preset from, orbit.buffer.Preset to) {
		transitions.learn(from, to);
		transitionsUnsaved.set(true);
		if (!closed) {
			planner.execute(saveTransitions);
		}
	}

	/**
	 * Puts every planned chunk in its tier (moving it there if another tier has it), gives every
	 * held chunk its planned probability (0 when no plan wants it, so it is the first to go), and
	 * hands the workers the new queue: what the old plans wanted and the new ones do not is never
	 * rendered.
	 */
	private void applyPlans() {
		Map<ChunkKey, Double> probabilities = new HashMap<>();
		List<Planned> all = new ArrayList<>();
		for (Plan plan : plans.values()) {
			for (Planned p : plan.chunks()) {
				all.add(p);
				probabilities.merge(p.key(), p.probability(), Math::max);
			}
		}
		all.sort(java.util.Comparator.comparingInt(Planned::tier)
				.thenComparing(Planned::probability, java.util.Comparator.reverseOrder()));
		for (Tier tier : tiers) {
			tier.reprioritise(probabilities);
		}
		for (Planned p : all) {
			Tier target = tiers[p.tier()];
			for (Tier tier : tiers) {
				if (tier != target && tier.contains(p.key())) {
					Chunk chunk = tier.take(p.key());
					if (chunk != null) {
						chunk.probability = p.probability();
						if (!target.put(chunk)) {
							tier.put(chunk); // no room there: it stays where it was
						}
					}
				}
			}
		}
		if (degradation == Degradation.CURRENT_CHUNK_ONLY) {
			for (Tier tier : tiers) {
				tier.drop(k -> !probabilities.containsKey(k));
			}
		}
		queue = all;
		workers.wake();
	}

	/**
	 * The next chunk a worker should render: the first of the queue that no tier holds, no worker
	 * renders, that did not just fail, and whose source is decoded; null when there is none.
	 *
	 * @param urgentOnly only a chunk the deck plays now or next (see {@link Planned#urgent})
	 */
	synchronized RenderJob nextJob(boolean urgentOnly) {
		long now = System.nanoTime();
		for (Planned p : queue) {
			if (urgentOnly && !p.urgent()) {
				continue;
			}
			ChunkKey key = p.key();
			if (inFlight.contains(key) || held(key)) {
				continue;
			}
			Long failedAt = failed.get(key);
			if (failedAt != null && now - failedAt < TimeUnit.SECONDS.toNanos(30)) {
				continue;
			}
			Deck deck = deckOf(key.generation());
			if (deck == null) {
				continue;
			}
			RenderJob job = deck.job(key, config.chunkFrames());
			if (job == null) {
				continue;
			}
			TrackProfile profile = TrackProfile.NEUTRAL;
			if (key.settings().preset() == orbit.buffer.Preset.ADAPTIVE) {
				profile = profiles.get(key.generation());
				if (profile == null) {
					measure(job.track());
					continue;
				}
			}
			inFlight.add(key);
			return job.withProfile(profile, p.tier(), p.probability());
		}
		return null;
	}

	private boolean held(ChunkKey key) {
		for (Tier tier : tiers) {
			if (tier.contains(key)) {
				return true;
			}
		}
		return false;
	}

	private Deck deckOf(long generation) {
		for (Deck deck : decks) {
			if (deck.holds(generation)) {
				return deck;
			}
		}
		return null;
	}

	/** Measures a track for ADAPTIVE once it is decoded, on the planner thread. */
	private void measure(DecodedTrack track) {
		if (!track.complete() || !measuring.add(track.generation())) {
			return;
		}
		planner.execute(() -> {
			try {
				profiles.put(track.generation(), TrackProfile.measure(track, analysis));
			} catch (RuntimeException e) {
				errors.record("analysis", "profile", track.file() + ": " + e.getMessage() + "; adaptive uses a neutral profile");
				profiles.put(track.generation(), TrackProfile.NEUTRAL);
			}
			workers.wake();
		});
	}

	/** A worker's chunk: kept when a plan still wants it, else dropped. */
	void rendered(RenderJob job, ChunkRender.Rendered result) {
		inFlight.remove(job.key());
		renders.incrementAndGet();
		if (result.replaced() > 0) {
			errors.record("render", "non-finite", result.replaced() + " NaN or infinite samples replaced in "
					+ job.track().file().getFileName() + " chunk " + job.key().index());
		}
		Planned now = null;
		for (Plan plan : plans.values()) {
			Planned p = plan.get(job.key());
			if (p != null && (now == null || p.tier() < now.tier())) {
				now = p;
			}
		}
		if (now == null) {
			return;
		}
		long start = System.nanoTime();
		tiers[now.tier()].put(new Chunk(job.key(), result.samples(), job.track().channels(), now.probability()));
		operations.add(System.nanoTime() - start);
	}

	void renderFailed(RenderJob job, String type, String message) {
		inFlight.remove(job.key());
		failed.put(job.key(), System.nanoTime());
		renderErrors.incrementAndGet();
		errors.record("render", type, message);
	}

	void abandoned(RenderJob job) {
		inFlight.remove(job.key());
	}

	// ---- files that change under a deck ----

	/** A file was replaced (by SafeWrite, an upgrade, or anything else): its decks reload it. */
	public void fileChanged(Path file) {
		for (Deck deck : decks) {
			deck.fileChanged(file);
		}
	}

	/** Drops every chunk of a load. */
	int dropGeneration(long generation) {
		int dropped = 0;
		for (Tier tier : tiers) {
			dropped += tier.drop(k -> k.generation() == generation);
		}
		profiles.remove(generation);
		measuring.remove(generation);
		failed.keySet().removeIf(k -> k.generation() == generation);
		return dropped;
	}

	// ---- the monitor ----

	/** Every 250 ms: workers, files, memory, integrity every 10 s, alerts. */
	private void monitor() {
		try {
			workers.check();
			for (Deck deck : decks) {
				deck.checkFile();
				if (deck.positionDue()) {
					plans.put(deck, deck.plan(degradation));
				}
			}
			Degradation level = memory.check();
			if (level != degradation) {
				degrade(level);
			}
			if (System.nanoTime() - lastValidation > TimeUnit.SECONDS.toNanos(10)) {
				validate();
			}
			applyPlans();
			checkAlerts();
			if (!decks.isEmpty() && System.nanoTime() - lastSnapshot > TimeUnit.SECONDS.toNanos(5)) {
				snapshot();
			}
		} catch (RuntimeException e) {
			errors.record("monitor", e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
		}
	}

	/**
	 * Writes the health where {@code orbit buffer health} finds it, beside the transitions: a
	 * report that is replaced whole, never state to recover.
	 */
	private void snapshot() {
		lastSnapshot = System.nanoTime();
		Path file = healthFile();
		if (file == null) {
			return;
		}
		try {
			PLAIN_WRITER.write(file, HealthReport.format(health()));
		} catch (Exception e) {
			errors.record("monitor", "health file", file + ": " + e.getMessage());
		}
	}

	/** Where the running buffer's health is written, or null without a data directory. */
	public Path healthFile() {
		return config.transitionsFile() == null ? null : config.transitionsFile().resolveSibling(HEALTH_FILE);
	}

	static final String HEALTH_FILE = "health.txt";

	private void degrade(Degradation level) {
		LOG.warn("Memory pressure: the buffer goes from {} to {}", degradation, level);
		errors.record("memory", "degradation", degradation + " -> " + level + " at "
				+ Math.round(memory.usedFraction() * 100) + " % of the heap");
		degradation = level;
		tiers[2].budget(level.ordinal() >= Degradation.NO_L3.ordinal() ? 0 : config.l3Bytes());
		tiers[1].budget(level.ordinal() >= Degradation.NO_L2_L3.ordinal() ? 0 : config.l2Bytes());
		for (Deck deck : decks) {
			plans.put(deck, deck.plan(level));
		}
	}

	/** Checks every tier's accounting and entries, repairing what is wrong. */
	public List<String> validate() {
		lastValidation = System.nanoTime();
		List<String> issues = new ArrayList<>();
		for (Tier tier : tiers) {
			issues.addAll(tier.validate());
		}
		for (String issue : issues) {
			errors.record("integrity", "repaired", issue);
		}
		return issues;
	}

	private void evicted() {
		synchronized (evictionTimes) {
			evictionTimes.addLast(System.nanoTime());
		}
	}

	private long evictionsPerMinute() {
		long since = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);
		synchronized (evictionTimes) {
			while (!evictionTimes.isEmpty() && evictionTimes.peekFirst() < since) {
				evictionTimes.removeFirst();
			}
			return evictionTimes.size();
		}
	}

	private double recentL1HitRate() {
		return l1Rate.rate(100);
	}

	private void checkAlerts() {
		Map<String, Alert> now = new LinkedHashMap<>();
		double l1 = recentL1HitRate();
		if (l1 < L1_HIT_RATE_LOW) {
			now.put("L1_HIT_RATE_LOW", new Alert("L1_HIT_RATE_LOW", "warning",
					String.format(java.util.Locale.ROOT, "L1 hit rate at %.1f %% over the last minute", l1 * 100)));
		}
		double accuracy = accuracy();
		if (predictions.get() >= 10 && accuracy < ACCURACY_LOW) {
			now.put("PREDICTION_ACCURACY_LOW", new Alert("PREDICTION_ACCURACY_LOW", "warning",
					String.format(java.util.Locale.ROOT, "Prediction accuracy at %.1f %%", accuracy * 100)));
		}
		double heap = memory.usedFraction();
		if (heap >= MEMORY_HIGH) {
			now.put("MEMORY_USAGE_CRITICAL", new Alert("MEMORY_USAGE_CRITICAL", "critical",
					String.format(java.util.Locale.ROOT, "Memory usage at %.1f %% of the heap", heap * 100)));
		}
		long evictions = evictionsPerMinute();
		if (evictions > EVICTIONS_PER_MINUTE_HIGH) {
			now.put("CACHE_THRASHING", new Alert("CACHE_THRASHING", "warning", evictions + " evictions in the last minute"));
		}
		synchronized (alerts) {
			for (String type : now.keySet()) {
				if (!alerts.containsKey(type)) {
					LOG.warn("[ALERT:{}] {}: {}", now.get(type).severity().toUpperCase(java.util.Locale.ROOT), type,
							now.get(type).message());
				}
			}
			alerts.clear();
			alerts.putAll(now);
		}
	}

	private double accuracy() {
		long n = predictions.get();
		return n == 0 ? Double.NaN : predicted.get() / (double) n;
	}

	@Override
	public BufferHealth health() {
		long all = lookups.get();
		List<TierHealth> tierHealth = new ArrayList<>();
		for (Tier tier : tiers) {
			long hits = tier.hits();
			tierHealth.add(new TierHealth(tier.name(), tier.size(), tier.used(), tier.budget(), hits,
					all == 0 ? Double.NaN : hits / (double) all, tier.evictions()));
		}
		List<Alert> active;
		synchronized (alerts) {
			active = new ArrayList<>(alerts.values());
		}
		return new BufferHealth(tierHealth, all, misses.get(), accuracy(), predictions.get(), degradation,
				workers.health(), renders.get(), renderErrors.get(), evictionsPerMinute(), operations.p99Micros(),
				errors.recent(), errors.counts(), active);
	}

	/** The health of a buffer that has not started: empty tiers, no workers, nothing measured. */
	public static BufferHealth idle(BufferConfig config) {
		List<TierHealth> tiers = List.of(new TierHealth("L1", 0, 0, config.l1Bytes(), 0, Double.NaN, 0),
				new TierHealth("L2", 0, 0, config.l2Bytes(), 0, Double.NaN, 0),
				new TierHealth("L3", 0, 0, config.l3Bytes(), 0, Double.NaN, 0));
		return new BufferHealth(tiers, 0, 0, Double.NaN, 0, Degradation.NONE, List.of(), 0, 0, 0, Double.NaN, List.of(),
				Map.of(), List.of());
	}

	Degradation degradation() {
		return degradation;
	}

	/** For the memory-pressure test: runs the monitor's memory check now. */
	public Degradation checkMemory() {
		Degradation level = memory.check();
		if (level != degradation) {
			degrade(level);
			applyPlans();
		}
		return level;
	}

	/**
	 * The direct render of a chunk, as a worker would make it: for checking what decks serve.
	 *
	 * @throws IllegalStateException when no open deck holds the chunk's load, or the load is not
	 *                               measured yet for ADAPTIVE
	 */
	public float[] directRender(ChunkKey key) throws Exception {
		Deck deck = deckOf(key.generation());
		RenderJob job = deck == null ? null : deck.job(key, config.chunkFrames());
		if (job == null) {
			throw new IllegalStateException("No deck can render " + key + " now");
		}
		TrackProfile profile = TrackProfile.NEUTRAL;
		if (key.settings().preset() == orbit.buffer.Preset.ADAPTIVE) {
			profile = profiles.get(key.generation());
			if (profile == null) {
				throw new IllegalStateException("Not measured yet: " + key);
			}
		}
		return renderer.render(job.track(), key.settings(), profile, job.outStart(), job.outFrames()).samples();
	}

	/** The load a deck plays now, or null. */
	public static DecodedTrack trackOf(PreviewDeck deck) {
		return ((Deck) deck).track();
	}

	/** For replays faster than real time: the clock a deck's interaction filter reads, in ms. */
	public static void clock(PreviewDeck deck, java.util.function.LongSupplier millis) {
		((Deck) deck).clock(millis);
	}

	/** Preset switches learned so far (spamming and exploration must not add to them). */
	public long learnedSwitches() {
		return transitions.learned();
	}

	/** A deck's interaction filter, for tests of spamming. */
	public static InteractionFilter filterOf(PreviewDeck deck) {
		return ((Deck) deck).filter();
	}

	/** Every tier, for tests of the integrity check. */
	public Tier tier(int index) {
		return tiers[index];
	}

	public RenderWorkers workers() {
		return workers;
	}

	/** Runs a task on the planner thread and waits for it: tests use it to let queued plans land. */
	public void settle() {
		try {
			planner.submit(this::applyPlans).get(5, TimeUnit.SECONDS);
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	boolean isClosed() {
		return closed;
	}

	@Override
	public void close() {
		closed = true;
		for (Deck deck : new ArrayList<>(decks)) {
			deck.close();
		}
		workers.stop();
		planner.shutdownNow();
		// a save or a health report under way finishes before the files' folder may go away;
		// a switch learned since the last save is saved here rather than lost
		try {
			planner.awaitTermination(5, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		saveTransitions.run();
		// chunks are plain heap arrays: dropping the tiers frees them
		for (Tier tier : tiers) {
			tier.drop(k -> true);
		}
		new HashSet<>(profiles.keySet()).forEach(profiles::remove);
	}
}
