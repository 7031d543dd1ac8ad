package orbit.enrichment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * An entry leaves the queue once a provider found it, or every usable provider said it does not
 * know it; entries no provider could settle (breakers open, faults) stay queued for later.
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
		int found = 0, notFound = 0, done = 0, idleRounds = 0;
		boolean cancelled = false;
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
				continue;
			}
			// Nothing settled: every provider is degraded or failing. Wait for the first to reopen.
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
				break;
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
				chosen.stream().mapToLong(g -> g.faults.get()).sum() - faultsBefore, cancelled);
	}

	private static void sleep(Duration wait, SubMonitor progress) throws InterruptedException {
		long until = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < until && !progress.isCanceled()) {
			Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
		}
	}

	private record Round(int found, int notFound) {
	}

	/**
	 * One batch through the providers, in the provider order. An entry is settled (leaves the queue) when
	 * a provider found it and every richer provider answered "not found", or when all of them
	 * answered "not found". A provider that is degraded or failing leaves its entries queued, while
	 * the others still fill in what they know; answers already cached and fresh are not asked again.
	 */
	private Round round(List<ProviderGuard> chosen, List<LibraryEntry> entries) throws InterruptedException {
		Instant started = clock.instant();
		Map<Long, TrackQuery> queries = new HashMap<>();
		Map<Long, Map<String, Boolean>> known = new HashMap<>();
		for (LibraryEntry e : entries) {
			queries.put(e.id(), new TrackQuery(e.id(), e.artist(), e.title(), e.album(), e.durationSeconds(), null));
			Map<String, Boolean> fresh = new HashMap<>();
			for (OnlineAnswer m : store.cached(e.id())) {
				if (m.isFresh(started)) {
					fresh.putIfAbsent(m.provider(), m.found());
				}
			}
			known.put(e.id(), fresh);
		}
		Set<String> usable = new HashSet<>();
		Set<Long> decided = new HashSet<>();
		for (ProviderGuard guard : chosen) {
			String id = guard.provider.id();
			// Entries decided by a richer provider are not asked again; the rest are, unless cached.
			List<TrackQuery> pending = entries.stream().filter(e -> !decided.contains(e.id()))
					.filter(e -> !known.get(e.id()).containsKey(id)).map(e -> queries.get(e.id())).toList();
			boolean configured = true;
			for (int from = 0; from < pending.size(); from += guard.provider.batchSize()) {
				List<TrackQuery> chunk = pending.subList(from, Math.min(pending.size(), from + guard.provider.batchSize()));
				try {
					List<OnlineAnswer> cache = new ArrayList<>();
					Instant now = clock.instant();
					for (TrackAnswer answer : guard.lookup(chunk)) {
						Map<String, Boolean> answers = known.get(answer.entryId());
						if (answers == null) {
							continue;
						}
						answers.put(id, answer.found());
						cache.add(new OnlineAnswer(id, answer.entryId(), answer.found(), answer.providerTrackId(),
								answer.bpm(), answer.camelotKey(), answer.durationSeconds(), answer.isrc(), now,
								now.plus(answer.found() ? FOUND_TTL : NOT_FOUND_TTL)));
					}
					// One transaction per chunk: the answers and the entries' online values.
					store.store(cache);
				} catch (ProviderException.NotConfigured e) {
					LOG.debug("{} skipped: {}", guard.provider.displayName(), e.getMessage());
					configured = false;
					break;
				} catch (ProviderException e) {
					// Rate limited, restricted or faulty: this provider's answers for the rest wait.
					store.attemptFailed(chunk.stream().map(TrackQuery::entryId).toList(), e.getMessage());
					break;
				}
			}
			if (!configured) {
				continue;
			}
			usable.add(id);
			for (LibraryEntry e : entries) {
				if (Boolean.TRUE.equals(known.get(e.id()).get(id)) && usable.stream().allMatch(u -> known.get(e.id()).containsKey(u))) {
					decided.add(e.id());
				}
			}
		}
		int found = 0, notFound = 0;
		List<Long> settled = new ArrayList<>();
		for (LibraryEntry e : entries) {
			Map<String, Boolean> answers = known.get(e.id());
			if (decided.contains(e.id())) {
				settled.add(e.id());
				found++;
			} else if (!usable.isEmpty() && answers.keySet().containsAll(usable) && !answers.containsValue(true)) {
				settled.add(e.id());
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
