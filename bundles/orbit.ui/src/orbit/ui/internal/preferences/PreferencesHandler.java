package orbit.ui.internal.preferences;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import jakarta.inject.Named;
import orbit.enrichment.Enrichment;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.ProviderCredentials;
import orbit.library.Library;
import orbit.library.ScanJobs;
import orbit.library.ScanReport;
import orbit.ui.internal.UiTopics;
import orbit.ui.internal.WorkstationPreferences;

/** Opens the preferences; "Scan now" scans the library folders as Jobs (shown in Activity). */
public class PreferencesHandler {

	@Execute
	public void execute(@Optional @Named(IServiceConstants.ACTIVE_SHELL) Shell active, @Optional MWindow window,
			@Optional @Service Library library, @Optional @Service ProviderCredentials credentials,
			@Optional @Service Enrichment enrichment, IEventBroker events) {
		Shell shell = active != null ? active : window != null ? (Shell) window.getWidget() : null;
		BundleContext context = FrameworkUtil.getBundle(PreferencesHandler.class).getBundleContext();
		List<ServiceReference<EnrichmentProvider>> references = providerReferences(context);
		try {
			List<EnrichmentProvider> providers = new ArrayList<>();
			for (ServiceReference<EnrichmentProvider> reference : references) {
				EnrichmentProvider provider = context.getService(reference);
				if (provider != null) {
					providers.add(provider);
				}
			}
			providers.sort(Comparator.comparing(EnrichmentProvider::displayName));
			new PreferencesDialog(shell, providers, credentials, () -> scan(library, events),
					enrichment == null ? List.of() : enrichment.providerOrder(),
					enrichment == null ? null : order -> chooseProviderOrder(enrichment, order, events)).open();
		} finally {
			references.forEach(context::ungetService);
		}
	}

	/**
	 * Scans every library folder, one Job each, then checks the audio of what each found in a
	 * low-priority Job, then measures its quality in another; the Library view reads its listing
	 * again after each.
	 */
	static void scan(Library library, IEventBroker events) {
		if (library == null) {
			return;
		}
		for (Path folder : WorkstationPreferences.libraryFolders()) {
			Job job = ScanJobs.scan(library, folder, new AtomicReference<ScanReport>());
			job.setUser(true);
			job.addJobChangeListener(new JobChangeAdapter() {
				@Override
				public void done(IJobChangeEvent event) {
					events.post(UiTopics.LIBRARY_CHANGED, folder.toString());
					if (event.getResult().isOK()) {
						Job checks = ScanJobs.checkAudio(library, folder);
						checks.addJobChangeListener(new JobChangeAdapter() {
							@Override
							public void done(IJobChangeEvent checked) {
								events.post(UiTopics.LIBRARY_CHANGED, folder.toString());
								if (checked.getResult().getSeverity() != IStatus.CANCEL) {
									Job quality = ScanJobs.measureQuality(library, folder);
									quality.addJobChangeListener(new JobChangeAdapter() {
										@Override
										public void done(IJobChangeEvent measured) {
											events.post(UiTopics.LIBRARY_CHANGED, folder.toString());
										}
									});
									quality.schedule();
								}
							}
						});
						checks.schedule();
					}
				}
			});
			job.schedule();
		}
	}

	/** Every answered entry is resolved again under the new order: a Job, shown in Activity. */
	static void chooseProviderOrder(Enrichment enrichment, List<String> order, IEventBroker events) {
		Job job = Job.create("Applying the provider order", monitor -> {
			enrichment.chooseProviderOrder(order);
			events.post(UiTopics.LIBRARY_CHANGED, "provider order");
		});
		job.setUser(true);
		job.schedule();
	}

	/** Every installed provider (the dialog shows the credentials each declares). */
	private static List<ServiceReference<EnrichmentProvider>> providerReferences(BundleContext context) {
		try {
			return List.copyOf(context.getServiceReferences(EnrichmentProvider.class, null));
		} catch (InvalidSyntaxException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
