package orbit.enrichment;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

import orbit.library.OnlineAnswer;

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
	Optional<OnlineAnswer> lookup(long entryId);

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

	/** Every installed provider's state, in the provider order. */
	List<ProviderState> providers();

	/**
	 * The provider order: providers are asked in it, and an entry's online value is the answer of
	 * the first provider in it that has one. It is the user's choice ({@link #chooseProviderOrder}),
	 * then every other installed provider, the one with the richest capabilities first (ties by
	 * id), then providers no longer installed whose answers are kept.
	 */
	List<String> providerOrder();

	/**
	 * Keeps the user's choice of order (empty: back to the default) and settles every answered
	 * entry again under the resulting order, in one transaction.
	 *
	 * @return how many entries changed
	 * @throws orbit.core.ActionableException for a provider id that is neither installed nor has answers
	 */
	int chooseProviderOrder(List<String> providerIds);
}
