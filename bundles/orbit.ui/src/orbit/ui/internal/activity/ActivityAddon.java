package orbit.ui.internal.activity;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import orbit.enrichment.Enrichment;
import orbit.ui.internal.WorkstationPreferences;

/**
 * Starts recording Jobs for the Activity view when the workstation starts, and the background
 * enrichment worker when the user allows it.
 */
public class ActivityAddon {

	@Inject
	@Optional
	@Service
	Enrichment enrichment;

	private JobActivity activity;

	@PostConstruct
	void start(IEclipseContext application) {
		activity = new JobActivity(Job.getJobManager());
		application.set(JobActivity.class, activity);
		// The worker looks at the queue itself, in the background: start-up reads no database here.
		if (enrichment != null && WorkstationPreferences.backgroundEnrichment()) {
			enrichment.schedule();
		}
	}

	@PreDestroy
	void stop() {
		if (activity != null) {
			activity.dispose();
		}
	}
}
