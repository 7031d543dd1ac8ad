package orbit.upgrade.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.core.ActionableException;
import orbit.download.DownloadListener;
import orbit.download.DownloadStatus;
import orbit.library.ScanProgress;
import orbit.library.UpgradeCandidate;
import orbit.upgrade.CandidateSource;
import orbit.upgrade.Upgrades;

/**
 * A finished download that lands in an incoming folder is judged at once, so that a better copy
 * a DJ downloads is ready (or rejected, with its reason) without a separate {@code upgrade find}.
 */
@Component
public class DownloadedCandidates implements DownloadListener {

	private static final Logger LOG = LoggerFactory.getLogger(DownloadedCandidates.class);

	@Reference
	private Upgrades upgrades;

	private final List<CandidateSource> sources = new CopyOnWriteArrayList<>();

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addSource(CandidateSource source) {
		sources.add(source);
	}

	void removeSource(CandidateSource source) {
		sources.remove(source);
	}

	@Override
	public void finished(DownloadStatus download) {
		Path file = download.target().toAbsolutePath().normalize();
		boolean incoming = sources.stream().flatMap(s -> s.folders().stream())
				.anyMatch(folder -> file.startsWith(folder.toAbsolutePath().normalize()));
		if (!incoming) {
			return;
		}
		try {
			for (UpgradeCandidate verdict : upgrades.find(List.of(file), ScanProgress.NONE)) {
				LOG.info("Downloaded {}: {}", file, verdict.reason());
			}
		} catch (ActionableException e) {
			// the file stays where it is, for the next 'upgrade find'
			LOG.warn("Could not judge the downloaded {}: {} ({}); it waits in the incoming folder for the next "
					+ "'orbit upgrade find'", file, e.problem(), e.remedy());
		}
	}
}
