package orbit.enrichment.internal;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.enrichment.Enrichment;
import orbit.enrichment.EnrichmentReport;
import orbit.enrichment.ProviderState;

/**
 * The background worker: a low-priority Job that drains the enrichment queue and comes back
 * when breakers reopen or new misses arrive. It never dies: a failed round is logged and the Job
 * is scheduled again.
 */
final class LibraryEnrichmentWorker extends Job {

	private static final Logger LOG = LoggerFactory.getLogger(LibraryEnrichmentWorker.class);
	private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
	private static final Duration RETRY_WHEN_STOPPED = Duration.ofMinutes(5);
	private static final String BUNDLE = "orbit.enrichment";

	private final EnrichmentEngine engine;

	LibraryEnrichmentWorker(EnrichmentEngine engine) {
		super("Enriching the library");
		this.engine = engine;
		setPriority(DECORATE);
		setSystem(false);
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == Enrichment.JOB_FAMILY;
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		try {
			EnrichmentReport report = engine.run(null, 0, monitor);
			if (report.cancelled()) {
				return Status.CANCEL_STATUS;
			}
			if (report.stillQueued() > 0) {
				Instant now = Instant.now();
				Instant reopen = engine.providers().stream().map(ProviderState::openUntil)
						.filter(t -> t != null && t.isAfter(now)).min(Instant::compareTo).orElse(now.plus(RETRY_AFTER_FAILURE));
				// No provider could be used (no network, no credentials): not again before a while.
				Duration wait = report.stoppedBecause() == null ? Duration.between(now, reopen)
						: Duration.ofMillis(Math.max(RETRY_WHEN_STOPPED.toMillis(), Duration.between(now, reopen).toMillis()));
				schedule(Math.max(1000, wait.toMillis()));
			}
			if (report.stoppedBecause() != null) {
				return new Status(IStatus.WARNING, BUNDLE, "Stopped with " + report.stillQueued()
						+ " track(s) still queued: " + report.stoppedBecause());
			}
		} catch (RuntimeException e) {
			LOG.warn("Enrichment round failed; trying again in {}: {}", RETRY_AFTER_FAILURE, e.toString());
			schedule(RETRY_AFTER_FAILURE.toMillis());
		}
		return Status.OK_STATUS;
	}
}
