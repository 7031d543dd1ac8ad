package orbit.library;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The library's side of online enrichment: the cache of providers' answers (in the library
 * database, beside the entries), the queue of entries waiting for enrichment, and the providers'
 * persisted states. Every method reads or writes the local database only, never the network.
 */
@ProviderType
public interface OnlineMetadataStore {

	/**
	 * One provider's answer for one entry.
	 *
	 * @param found false for a negative entry: the provider does not know the track (until {@code expiresAt})
	 * @param musicalKey in Camelot notation
	 */
	record OnlineMetadata(String provider, long entryId, boolean found, String providerTrackId, Double bpm,
			String musicalKey, Integer durationSeconds, String isrc, Instant fetchedAt, Instant expiresAt) {

		public boolean isFresh(Instant now) {
			return expiresAt.isAfter(now);
		}
	}

	/** A provider's persisted state: its breaker's open-until time and the capabilities a 403 switched off. */
	record ProviderRecord(String provider, Instant openUntil, Set<String> disabledCapabilities, String lastError,
			Instant updatedAt) {
	}

	/** Every cached answer for an entry, freshest first. */
	List<OnlineMetadata> cached(long entryId);

	/**
	 * Caches answers in one transaction; a found one also becomes its entry's online values (with
	 * history rows, source {@link MetadataSource#ONLINE_PROVIDER}), its integrity level is assessed
	 * again (Silver once enriched, Gold when the Gold rule holds). The queue is left as it is.
	 */
	void store(List<OnlineMetadata> answers);

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
