package orbit.recovery.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryReport;
import orbit.recovery.StartupRecovery;

/** {@link StartupRecovery} over the journal service and every registered {@link RecoveryHandler}. */
@Component(service = StartupRecovery.class)
public class RecoveryService implements StartupRecovery {

	private static final Logger LOG = LoggerFactory.getLogger(RecoveryService.class);

	private final Map<String, RecoveryHandler> handlers = new ConcurrentHashMap<>();

	@Reference
	private JournalService journal;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile EventAdmin events;

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addHandler(RecoveryHandler handler) {
		handlers.put(handler.operationType(), handler);
	}

	void removeHandler(RecoveryHandler handler) {
		handlers.remove(handler.operationType(), handler);
	}

	@Override
	public RecoveryReport recover() {
		return recover(RecoveryRunner.Steps.NONE);
	}

	private synchronized RecoveryReport recover(RecoveryRunner.Steps steps) {
		RecoveryReport report = new RecoveryRunner(journal.journal(), handlers::get, RecoveryRunner.DEFAULT_STALE_AFTER,
				Clock.systemUTC()).run(steps);
		if (report.didWork()) {
			LOG.info("{}", report.summary());
			EventAdmin admin = events;
			if (admin != null) {
				admin.postEvent(new Event(TOPIC_DONE, Map.of("summary", report.summary(), "report", report)));
			}
		}
		return report;
	}

	/**
	 * One split per checkpoint, never cancelled half-way: a checkpoint taken over already carries
	 * its strike, and one left now would count it without an attempt.
	 */
	private static RecoveryRunner.Steps splits(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, 1);
		return new RecoveryRunner.Steps() {
			@Override
			public void total(int checkpoints) {
				progress.setWorkRemaining(checkpoints);
			}

			@Override
			public void next() {
				progress.split(1, SubMonitor.SUPPRESS_ISCANCELED);
			}
		};
	}

	@Override
	public void schedule() {
		Job job = Job.create("Recovering interrupted operations", monitor -> {
			recover(splits(monitor));
		});
		job.setPriority(Job.DECORATE);
		job.schedule();
	}
}
