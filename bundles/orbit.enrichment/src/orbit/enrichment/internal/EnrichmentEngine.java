package orbit.enrichment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
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
import orbit.enrichment.Capability;
import orbit.enrichment.Enrichment;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.EnrichmentReport;
import orbit.enrichment.ProviderException;
import orbit.enrichment.ProviderState;
import orbit.enrichment.TrackAnswer;
import orbit.enrichment.TrackQuery;
import orbit.library.LibraryEntry;
import orbit.library.OnlineAnswer;
import orbit.library.OnlineMetadataStore;

/**
 * The {@link Enrichment} service: cache-first lookups on the library database, and the queue
 * drained in batches through every installed provider, each behind its {@link ProviderGuard}.
 * Providers are asked in the provider order, each for what the ones before it did not tell; an
 * entry leaves the queue once its BPM, key and duration are known or every provider that could
 * tell a missing one has answered. Entries no provider could settle (breakers open, faults) stay
 * queued for later, and a run in which no provider can be used (no network, no credentials) ends
 * at once and says why.
 */
@Component(service = Enrichment.class, configurationPid = EnrichmentEngine.PID)
@Designate(ocd = EnrichmentEngine.Config.class)
public class EnrichmentEngine implements Enrichment {

	/** Configuration Admin's PID of the engine's settings. */
	public static final String PID = "orbit.enrichment";

	@ObjectClassDefinition(name = "Enrichment", description = "How the enrichment engine treats failing providers.")
	public @interface Config {
		@AttributeDefinition(description = "Seconds a provider's breaker stays open after repeated faults (5xx, "
				+ "timeouts, malformed answers).")
		long fault$_$backoff$_$seconds() default 30;
	}

	private static final Logger LOG = LoggerFactory.getLogger(EnrichmentEngine.class);

	/** How long an answer is trusted: found values change rarely, "not found" may change sooner. */
	static final Duration FOUND_TTL = Duration.ofDays(90);
	static final Duration NOT_FOUND_TTL = Duration.ofDays(14);
	/** A foreground run waits for a breaker to close only this long; the background worker comes back later. */
	static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
	/**
	 * Waits in a row for breakers that faults opened and that reopen only to fail again, before a
	 * run stops with their last errors (with the default back-off, five minutes of a failing service).
	 */
	static final int MOST_IDLE_WAITS = 10;

	/** By default the provider that can tell the most is asked first; the others fill in what it does not know. */
	private static final Comparator<EnrichmentProvider> RICHEST_FIRST = Comparator
			.comparing((EnrichmentProvider p) -> -p.capabilities().size()).thenComparing(EnrichmentProvider::id);

	private final Map<String, EnrichmentProvider> providers = new ConcurrentHashMap<>();
	private final Map<String, ProviderGuard> guards = new ConcurrentHashMap<>();
	private final Clock clock;
	private volatile Duration faultBackoff;
	private volatile LibraryEnrichmentWorker worker;

	@Reference
	private OnlineMetadataStore store;

	public EnrichmentEngine() {
		this(Clock.systemUTC(), null);
	}

	/** An engine outside DS (tests). */
	public EnrichmentEngine(OnlineMetadataStore store, List<EnrichmentProvider> providers, Duration faultBackoff) {
		this(Clock.systemUTC(), faultBackoff);
		this.store = store;
		providers.forEach(this::addProvider);
	}

	private EnrichmentEngine(Clock clock, Duration faultBackoff) {
		this.clock = clock;
		this.faultBackoff = faultBackoff;
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addProvider(EnrichmentProvider provider) {
		providers.put(provider.id(), provider);
		guards.remove(provider.id());
	}

	void removeProvider(EnrichmentProvider provider) {
		providers.remove(provider.id(), provider);
		guards.remove(provider.id());
	}

	/** The guards ask for the back-off each time a breaker opens, so a change counts without a restart. */
	@Activate
	@Modified
	void configure(Config config) {
		Config settings = ComponentConfiguration.withLaunchProperties(config, PID);
		faultBackoff = Duration.ofSeconds(settings.fault$_$backoff$_$seconds());
	}

	@Deactivate
	void deactivate() {
		LibraryEnrichmentWorker w = worker;
		if (w != null) {
			w.cancel();
		}
	}

	private ProviderGuard guard(EnrichmentProvider provider) {
		return guards.computeIfAbsent(provider.id(), id -> new ProviderGuard(provider, store, clock, () -> faultBackoff));
	}

	@Override
	public Optional<OnlineAnswer> lookup(long entryId) {
		Instant now = clock.instant();
		Optional<OnlineAnswer> fresh = store.cached(entryId).stream().filter(m -> m.isFresh(now))
				.sorted(Comparator.comparing((OnlineAnswer m) -> !m.found())).findFirst();
		if (fresh.isEmpty()) {
			store.enqueue(List.of(entryId));
		}
		return fresh;
	}

	@Override
	public void queue(Collection<Long> entryIds) {
		store.enqueue(entryIds);
	}

	@Override
	public int queueSize() {
		return store.queueSize();
	}

	@Override
	public List<ProviderState> providers() {
		return installedInOrder().stream().map(p -> guard(p).state()).toList();
	}

	@Override
	public List<String> providerOrder() {
		List<String> preferred = store.preferredOrder();
		LinkedHashSet<String> order = new LinkedHashSet<>(preferred);
		providers.values().stream().sorted(RICHEST_FIRST).map(EnrichmentProvider::id).forEach(order::add);
		// A provider no longer installed keeps its answers, and their place after the installed ones.
		order.addAll(store.providerOrder());
		return List.copyOf(order);
	}

	@Override
	public int chooseProviderOrder(List<String> providerIds) {
		Set<String> known = new HashSet<>(providers.keySet());
		known.addAll(store.providerOrder());
		for (String id : providerIds) {
			if (!known.contains(id)) {
				throw new ActionableException("No enrichment provider is called '" + id + "'",
						"Name installed providers, first first: " + String.join(",", providerOrder()));
			}
		}
		store.preferOrder(providerIds);
		return store.applyProviderOrder(providerOrder());
	}

	/** The installed providers in the provider order. */
	private List<EnrichmentProvider> installedInOrder() {
		List<String> order = providerOrder();
		return providers.values().stream().sorted(Comparator.comparingInt((EnrichmentProvider p) -> order.indexOf(p.id())))
				.toList();
	}

	@Override
	public void schedule() {
		LibraryEnrichmentWorker w = worker;
		if (w == null) {
			w = new LibraryEnrichmentWorker(this);
			worker = w;
		}
		w.schedule();
	}

	@Override
	public EnrichmentReport run(String providerId, int limit, IProgressMonitor monitor) {
		// Answers are resolved in the order the providers are asked in.
		store.applyProviderOrder(providerOrder());
		List<ProviderGuard> chosen = installedInOrder().stream().filter(p -> providerId == null || p.id().equals(providerId))
				.map(this::guard).toList();
		if (chosen.isEmpty()) {
			throw new ActionableException(providerId == null ? "No enrichment provider is installed"
					: "No enrichment provider is called '" + providerId + "'", "See the installed ones with 'orbit providers'");
		}
		int total = limit > 0 ? Math.min(limit, store.queueSize()) : store.queueSize();
		SubMonitor progress = SubMonitor.convert(monitor, "Enriching " + total + " tracks", Math.max(1, total));
		long requestsBefore = chosen.stream().mapToLong(g -> g.requests.get()).sum();
		long refusedBefore = chosen.stream().mapToLong(g -> g.refused.get()).sum();
		long faultsBefore = chosen.stream().mapToLong(g -> g.faults.get()).sum();
		int found = 0, notFound = 0, done = 0, idleRounds = 0, idleWaits = 0;
		long faultsAtProgress = faults(chosen);
		boolean cancelled = false;
		String stoppedBecause = null;
		Set<Long> skip = new HashSet<>();
		int batchSize = chosen.stream().mapToInt(g -> g.provider.batchSize()).max().orElse(50);
		while (done < total) {
			if (progress.isCanceled()) {
				cancelled = true;
				break;
			}
			List<LibraryEntry> entries = store.queued(Math.min(batchSize, total - done) + skip.size()).stream()
					.filter(e -> !skip.contains(e.id())).limit(Math.min(batchSize, total - done)).toList();
			if (entries.isEmpty()) {
				break;
			}
			Round round;
			try {
				round = round(chosen, entries);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				cancelled = true;
				break;
			}
			found += round.found;
			notFound += round.notFound;
			done += round.found + round.notFound;
			try {
				// The round's entries as one step, reported at once; a cancelled monitor ends the run with a report.
				progress.split(round.found + round.notFound).done();
			} catch (OperationCanceledException e) {
				cancelled = true;
				break;
			}
			if (round.found + round.notFound > 0) {
				idleRounds = 0;
				idleWaits = 0;
				faultsAtProgress = faults(chosen);
				continue;
			}
			// Nothing settled. No provider that can be used (no network, no credentials): say so now.
			if (chosen.stream().allMatch(g -> g.unusable() != null)) {
				stoppedBecause = because(chosen, ProviderGuard::unusable);
				break;
			}
			// Every provider is degraded or failing: wait for the first to reopen, a few times at most.
			if (idleWaits >= MOST_IDLE_WAITS) {
				stoppedBecause = "no provider answered after " + MOST_IDLE_WAITS + " waits: "
						+ because(chosen, g -> g.state().lastError());
				break;
			}
			Instant reopen = chosen.stream().map(ProviderGuard::openUntil).filter(t -> t != null && t.isAfter(clock.instant()))
					.min(Comparator.naturalOrder()).orElse(null);
			if (reopen == null) {
				if (++idleRounds >= ProviderGuard.FAULT_THRESHOLD + 1) {
					// The providers answer but cannot settle these entries: leave them queued, go on with others.
					entries.forEach(e -> skip.add(e.id()));
					idleRounds = 0;
				}
				continue;
			}
			Duration wait = Duration.between(clock.instant(), reopen);
			if (wait.compareTo(LONGEST_WAIT) > 0) {
				LOG.info("Every provider is degraded until {} at the earliest; {} entries stay queued", reopen, total - done);
				stoppedBecause = "every provider is degraded until " + reopen + " at the earliest: "
						+ because(chosen, g -> g.state().lastError());
				break;
			}
			// Waiting out a rate limit is progress deferred; waiting on breakers that faults opened is not.
			if (faults(chosen) > faultsAtProgress) {
				idleWaits++;
			}
			try {
				sleep(wait.plusMillis(5), progress);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				cancelled = true;
				break;
			}
		}
		return new EnrichmentReport(found, notFound, store.queueSize(),
				chosen.stream().mapToLong(g -> g.requests.get()).sum() - requestsBefore,
				chosen.stream().mapToLong(g -> g.refused.get()).sum() - refusedBefore,
				chosen.stream().mapToLong(g -> g.faults.get()).sum() - faultsBefore, cancelled, stoppedBecause);
	}

	private static long faults(List<ProviderGuard> guards) {
		return guards.stream().mapToLong(g -> g.faults.get()).sum();
	}

	/** "deezer: no network: api.deezer.com cannot be resolved; spotify: needs credentials: …". */
	private static String because(List<ProviderGuard> guards, java.util.function.Function<ProviderGuard, String> reason) {
		return String.join("; ", guards.stream().map(g -> g.provider.id() + ": "
				+ java.util.Objects.requireNonNullElse(reason.apply(g), "no answer")).toList());
	}

	private static void sleep(Duration wait, SubMonitor progress) throws InterruptedException {
		long until = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < until && !progress.isCanceled()) {
			Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
		}
	}

	private record Round(int found, int notFound) {
	}

	/** The values a provider can tell, by the capability it needs for each. */
	private static final Set<Capability> VALUES = EnumSet.of(Capability.TEMPO, Capability.KEY, Capability.DURATION);

	/** The values no answer found so far holds. */
	private static Set<Capability> missing(Collection<OnlineAnswer> answers) {
		Set<Capability> missing = EnumSet.copyOf(VALUES);
		for (OnlineAnswer a : answers) {
			if (a.found()) {
				if (a.bpm() != null) {
					missing.remove(Capability.TEMPO);
				}
				if (a.musicalKey() != null) {
					missing.remove(Capability.KEY);
				}
				if (a.durationSeconds() != null) {
					missing.remove(Capability.DURATION);
				}
			}
		}
		return missing;
	}

	/** Whether a provider could tell one of the missing values. */
	private static boolean fills(ProviderGuard guard, Set<Capability> missing) {
		return missing.stream().anyMatch(guard.provider.capabilities()::contains);
	}

	/**
	 * One batch through the providers, in the provider order: the first is asked for every entry
	 * it has no fresh answer for, the others only for entries that still lack a value they can tell
	 * (a BPM from Deezer where Spotify's audio features are closed). An entry is settled (leaves the
	 * queue) once its answers hold a BPM, a key and a duration, or once every provider that could
	 * tell a missing one has answered; a provider that is degraded or failing leaves those entries
	 * queued, one that is not set up is skipped. Fresh cached answers are not asked again.
	 */
	private Round round(List<ProviderGuard> chosen, List<LibraryEntry> entries) throws InterruptedException {
		Instant started = clock.instant();
		Map<Long, TrackQuery> queries = new HashMap<>();
		Map<Long, Map<String, OnlineAnswer>> known = new HashMap<>();
		for (LibraryEntry e : entries) {
			queries.put(e.id(), new TrackQuery(e.id(), e.artist(), e.title(), e.album(), e.durationSeconds(), null));
			Map<String, OnlineAnswer> fresh = new HashMap<>();
			for (OnlineAnswer m : store.cached(e.id())) {
				if (m.isFresh(started)) {
					fresh.putIfAbsent(m.provider(), m);
				}
			}
			known.put(e.id(), fresh);
		}
		Set<String> skipped = new HashSet<>();
		for (ProviderGuard guard : chosen) {
			String id = guard.provider.id();
			List<TrackQuery> pending = entries.stream().filter(e -> !known.get(e.id()).containsKey(id))
					.filter(e -> fills(guard, missing(known.get(e.id()).values()))).map(e -> queries.get(e.id())).toList();
			for (int from = 0; from < pending.size(); from += guard.provider.batchSize()) {
				List<TrackQuery> chunk = pending.subList(from, Math.min(pending.size(), from + guard.provider.batchSize()));
				try {
					List<OnlineAnswer> cache = new ArrayList<>();
					Instant now = clock.instant();
					for (TrackAnswer answer : guard.lookup(chunk)) {
						Map<String, OnlineAnswer> answers = known.get(answer.entryId());
						if (answers == null) {
							continue;
						}
						OnlineAnswer kept = new OnlineAnswer(id, answer.entryId(), answer.found(), answer.providerTrackId(),
								answer.bpm(), answer.camelotKey(), answer.durationSeconds(), answer.isrc(), now,
								now.plus(answer.found() ? FOUND_TTL : NOT_FOUND_TTL));
						answers.put(id, kept);
						cache.add(kept);
					}
					// One transaction per chunk: the answers and the entries' online values.
					store.store(cache);
				} catch (ProviderException.NotConfigured e) {
					LOG.debug("{} skipped: {}", guard.provider.displayName(), e.getMessage());
					skipped.add(id);
					break;
				} catch (ProviderException e) {
					// Rate limited, restricted, unreachable or faulty: this provider's answers for the rest wait.
					store.attemptFailed(chunk.stream().map(TrackQuery::entryId).toList(), e.getMessage());
					break;
				}
			}
		}
		int found = 0, notFound = 0;
		List<Long> settled = new ArrayList<>();
		for (LibraryEntry e : entries) {
			Map<String, OnlineAnswer> answers = known.get(e.id());
			Set<Capability> missing = missing(answers.values());
			boolean waiting = chosen.stream().anyMatch(g -> !skipped.contains(g.provider.id())
					&& !answers.containsKey(g.provider.id()) && fills(g, missing));
			if (!missing.isEmpty() && waiting || chosen.stream().allMatch(g -> skipped.contains(g.provider.id()))) {
				continue;
			}
			settled.add(e.id());
			if (answers.values().stream().anyMatch(OnlineAnswer::found)) {
				found++;
			} else {
				notFound++;
			}
		}
		store.dequeue(settled);
		return new Round(found, notFound);
	}

	List<String> providerIds() {
		return new ArrayList<>(providers.keySet());
	}
}
