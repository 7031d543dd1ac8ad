package orbit.download.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.recovery.Checkpoint;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;

/**
 * Downloads found in the journal at start-up go back into the queue; the engine then resumes
 * each from its safe length, or from zero when the remote changed or serves no ranges.
 */
@Component(service = RecoveryHandler.class)
public class DownloadRecovery implements RecoveryHandler {

	@Reference
	private DownloadEngine engine;

	@Override
	public String operationType() {
		return DownloadEngine.OPERATION;
	}

	@Override
	public String displayName() {
		return "download";
	}

	@Override
	public RecoveryOutcome recover(Checkpoint checkpoint) {
		engine.resume(checkpoint);
		return RecoveryOutcome.resumed("queued again from byte " + checkpoint.progress());
	}

	/** A download nobody finished for a day: its partial file is only a partial copy of a remote item. */
	@Override
	public RecoveryOutcome abandon(Checkpoint checkpoint) {
		try {
			DownloadIntent intent = DownloadIntent.parse(checkpoint.stateJson());
			Files.deleteIfExists(Path.of(intent.target() + ".part"));
			return RecoveryOutcome.recovered("removed the partial file of " + intent.uri());
		} catch (java.io.IOException e) {
			return RecoveryOutcome.failed(e.getMessage());
		}
	}
}
