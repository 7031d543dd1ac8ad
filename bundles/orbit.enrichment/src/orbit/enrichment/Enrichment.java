package orbit.enrichment;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

import orbit.library.OnlineMetadataStore.OnlineMetadata;

/** Cache-first enrichment of the library's entries. */
@ProviderType
public interface Enrichment {

	/** Job family of the background worker, for the Activity view and for cancelling. */
	Object JOB_FAMILY = Enrichment.class;

	/**
	 * The freshest cached answer for an entry, read from the library database only: never the
	 * network. A miss (nothing cached, or only expired answers) queues the entry for the background
	 * worker.
	 */
	Optional<OnlineMetadata> lookup(long entryId);

	/** Queues entries for enrichment. */
	void queue(Collection<Long> entryIds);

	int queueSize();

	/**
	 * Drains the queue on the calling thread (the command line; the worker Job calls it too), at
	 * most {@code limit} entries (0: all), through one provider (null: all).
	 */
	EnrichmentReport run(String providerId, int limit, IProgressMonitor monitor);

	/** Schedules the low-priority background worker. */
	void schedule();

	/** Every installed provider's state. */
	List<ProviderState> providers();
}
