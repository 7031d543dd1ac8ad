package orbit.library;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The library's side of online enrichment: each provider's latest answer per entry (the cache, in
 * the library database beside the entries), the provider order the entries' online values are
 * resolved in, the queue of entries waiting for enrichment, and the providers' persisted states.
 * Every method reads or writes the local database only, never the network.
 */
@ProviderType
public interface OnlineMetadataStore {

	/** A provider's persisted state: its breaker's open-until time and the capabilities a 403 switched off. */
	record ProviderRecord(String provider, Instant openUntil, Set<String> disabledCapabilities, String lastError,
			Instant updatedAt) {
	}

	/** Every provider's latest answer for an entry, fresh or expired, in the provider order. */
	List<OnlineAnswer> cached(long entryId);

	/**
	 * Keeps answers in one transaction, each as its provider's latest. The entries are settled
	 * again: their online values come from the first provider in the order that has one, each
	 * changed value of the answering provider gets a history row under its name, and the integrity
	 * level is assessed again (Silver once enriched, Gold when the Gold rule holds). The queue is
	 * left as it is.
	 */
	void store(List<OnlineAnswer> answers);

	/** The order the online values are resolved in, first provider first (providers not in it come after, by id). */
	List<String> providerOrder();

	/**
	 * Makes {@code order} the provider order and, when it differs from the one in use, settles every
	 * answered entry again in one transaction.
	 *
	 * @return how many entries changed
	 */
	int applyProviderOrder(List<String> order);

	/** The order the user chose (possibly empty: the default order). */
	List<String> preferredOrder();

	/** Keeps the user's choice of order; empty goes back to the default. It is applied by {@link #applyProviderOrder}. */
	void preferOrder(List<String> providers);

	/** Queues entries (already queued ones keep their place). */
	void enqueue(Collection<Long> entryIds);

	/** The oldest queued entries. */
	List<LibraryEntry> queued(int limit);

	int queueSize();

	/** Takes entries off the queue. */
	void dequeue(Collection<Long> entryIds);

	/** Counts a failed attempt on queued entries; they stay queued. */
	void attemptFailed(Collection<Long> entryIds, String error);

	Optional<ProviderRecord> providerRecord(String provider);

	void saveProviderRecord(ProviderRecord record);
}
