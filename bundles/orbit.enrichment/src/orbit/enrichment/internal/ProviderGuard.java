package orbit.enrichment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import orbit.enrichment.Capability;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.ProviderException;
import orbit.enrichment.ProviderSession;
import orbit.enrichment.ProviderState;
import orbit.enrichment.RateLimit;
import orbit.enrichment.TrackAnswer;
import orbit.enrichment.TrackQuery;
import orbit.library.OnlineMetadataStore;
import orbit.library.OnlineMetadataStore.ProviderRecord;

/**
 * One provider behind its guards: a rolling-window rate limit, a circuit breaker that a 429 opens
 * for exactly its Retry-After, another that repeated faults open for a back-off, and the
 * capabilities a 403 switched off. Open-until times and disabled capabilities are persisted in
 * the library database, so another process (the command line) honours them too.
 */
final class ProviderGuard implements ProviderSession {

	private static final Logger LOG = LoggerFactory.getLogger(ProviderGuard.class);

	/** Consecutive faults that open the fault breaker. */
	static final int FAULT_THRESHOLD = 3;

	final EnrichmentProvider provider;
	private final OnlineMetadataStore store;
	private final Clock clock;
	private final RateLimit limit;
	private final Supplier<Duration> faultBackoff;
	private final ArrayDeque<Long> sent = new ArrayDeque<>();
	private final Set<Capability> disabled = java.util.Collections.synchronizedSet(EnumSet.noneOf(Capability.class));
	private final CircuitBreaker<Object> rateBreaker;
	private final CircuitBreaker<Object> faultBreaker;
	private final FailsafeExecutor<Object> guarded;
	final AtomicLong requests = new AtomicLong();
	final AtomicLong refused = new AtomicLong();
	final AtomicLong faults = new AtomicLong();
	private volatile Instant openUntil;
	/** Set while the service could not be reached at all, or the provider is not set up; cleared by an answer. */
	private volatile String unreachable;
	private volatile String notConfigured;
	private volatile String lastError;

	/** {@code faultBackoff} is asked each time the fault breaker opens: a reconfigured back-off counts at once. */
	ProviderGuard(EnrichmentProvider provider, OnlineMetadataStore store, Clock clock, Supplier<Duration> faultBackoff) {
		this.provider = provider;
		this.store = store;
		this.clock = clock;
		this.limit = provider.rateLimit();
		this.faultBackoff = faultBackoff;
		rateBreaker = CircuitBreaker.builder().handle(ProviderException.RateLimited.class).withFailureThreshold(1)
				.withDelayFn(context -> context.getLastException() instanceof ProviderException.RateLimited limited
						? limited.retryAfter() : Duration.ofSeconds(30))
				.withSuccessThreshold(1).build();
		faultBreaker = CircuitBreaker.builder().handle(ProviderException.Fault.class).withFailureThreshold(FAULT_THRESHOLD)
				.withDelayFn(context -> faultBackoff.get()).withSuccessThreshold(1).build();
		guarded = Failsafe.with(List.of(rateBreaker, faultBreaker));
		store.providerRecord(provider.id()).ifPresent(record -> {
			openUntil = record.openUntil();
			lastError = record.lastError();
			for (String name : record.disabledCapabilities()) {
				try {
					disabled.add(Capability.valueOf(name));
				} catch (IllegalArgumentException unknown) {
					// a capability this version no longer has
				}
			}
		});
	}

	/**
	 * One guarded lookup. While a breaker is open (here or, persisted, in another process) the
	 * provider is not called at all.
	 */
	List<TrackAnswer> lookup(List<TrackQuery> batch) throws ProviderException, InterruptedException {
		Instant now = clock.instant();
		Instant until = openUntil;
		if (until != null && until.isAfter(now)) {
			refused.incrementAndGet();
			throw new ProviderException.RateLimited(provider.displayName() + " is degraded until " + until,
					Duration.between(now, until));
		}
		java.util.Optional<String> setup = provider.setupProblem();
		if (setup.isPresent()) {
			notConfigured = setup.get();
			throw new ProviderException.NotConfigured(setup.get());
		}
		try {
			@SuppressWarnings("unchecked")
			List<TrackAnswer> answers = (List<TrackAnswer>) guarded.get(() -> provider.lookup(batch, this));
			unreachable = null;
			notConfigured = null;
			return answers;
		} catch (CircuitBreakerOpenException open) {
			refused.incrementAndGet();
			throw new ProviderException.RateLimited(provider.displayName() + " is degraded until " + openUntil,
					remaining());
		} catch (FailsafeException wrapped) {
			Throwable cause = wrapped.getCause();
			if (cause instanceof ProviderException.RateLimited limited) {
				opened(clock.instant().plus(limited.retryAfter()), limited.getMessage());
				throw limited;
			}
			if (cause instanceof ProviderException.Fault fault) {
				faults.incrementAndGet();
				lastError = fault.getMessage();
				if (faultBreaker.isOpen()) {
					opened(clock.instant().plus(faultBreaker.getRemainingDelay()), fault.getMessage());
				}
				throw fault;
			}
			if (cause instanceof ProviderException.Unreachable unreachable) {
				// Counted once and the breaker opens at once: without a network a second try tells nothing new.
				faults.incrementAndGet();
				this.unreachable = unreachable.getMessage();
				opened(clock.instant().plus(faultBackoff.get()), unreachable.getMessage());
				throw unreachable;
			}
			if (cause instanceof ProviderException.NotConfigured missing) {
				notConfigured = missing.getMessage();
				throw missing;
			}
			if (cause instanceof ProviderException.Restricted restricted) {
				restricted(restricted.capability(), restricted.getMessage());
				throw restricted;
			}
			if (cause instanceof ProviderException other) {
				throw other;
			}
			if (cause instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			faults.incrementAndGet();
			throw new ProviderException.Fault(provider.displayName() + " failed: " + cause, cause);
		}
	}

	private Duration remaining() {
		Instant until = openUntil;
		Duration left = until == null ? Duration.ZERO : Duration.between(clock.instant(), until);
		return left.isNegative() ? Duration.ZERO : left;
	}

	private void opened(Instant until, String why) {
		openUntil = until;
		lastError = why;
		LOG.warn("{} is degraded until {}: {}", provider.displayName(), until, why);
		persist();
	}

	@Override
	public void beforeRequest() throws ProviderException, InterruptedException {
		Instant until = openUntil;
		if (until != null && until.isAfter(clock.instant())) {
			refused.incrementAndGet();
			throw new ProviderException.RateLimited(provider.displayName() + " is degraded until " + until, remaining());
		}
		// A little margin: the service measures the window on arrival, and arrival jitters.
		long window = limit.window().toNanos() + limit.window().toNanos() / 50 + 5_000_000;
		synchronized (sent) {
			// A provider sends one request at a time, so the previous one has been answered by now:
			// it counts from here, as late as the service may have counted its arrival.
			if (!sent.isEmpty()) {
				sent.pollLast();
				sent.addLast(System.nanoTime());
			}
			while (true) {
				long now = System.nanoTime();
				while (!sent.isEmpty() && now - sent.peekFirst() >= window) {
					sent.pollFirst();
				}
				if (sent.size() < limit.requests()) {
					sent.addLast(now);
					break;
				}
				long wait = window - (now - sent.peekFirst());
				sent.wait(Math.max(1, wait / 1_000_000), (int) (wait % 1_000_000));
			}
		}
		requests.incrementAndGet();
	}

	@Override
	public boolean enabled(Capability capability) {
		return !disabled.contains(capability);
	}

	@Override
	public void restricted(Capability capability, String why) {
		if (disabled.add(capability)) {
			lastError = why;
			LOG.warn("{}: {} switched off ({})", provider.displayName(), capability, why);
			persist();
		}
	}

	/** Usable now: not degraded. */
	boolean open(Instant now) {
		Instant until = openUntil;
		return until != null && until.isAfter(now);
	}

	Instant openUntil() {
		return openUntil;
	}

	private void persist() {
		try {
			store.saveProviderRecord(new ProviderRecord(provider.id(), openUntil,
					disabled.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()), lastError,
					clock.instant()));
		} catch (RuntimeException e) {
			LOG.warn("Could not save the state of {}: {}", provider.displayName(), e.getMessage());
		}
	}

	/**
	 * Why the provider cannot be used now: it needs setting up (credentials), or its service could
	 * not be reached and its breaker is still open; null when it can be asked.
	 */
	String unusable() {
		String setup = provider.setupProblem().orElse(notConfigured);
		if (setup != null) {
			return setup;
		}
		String away = unreachable;
		return away != null && open(clock.instant()) ? away : null;
	}

	ProviderState state() {
		Instant now = clock.instant();
		Instant until = openUntil;
		return new ProviderState(provider.id(), provider.displayName(), until != null && until.isAfter(now) ? until : null,
				Set.copyOf(disabled), requests.get(), faults.get(), lastError, unusable());
	}
}
