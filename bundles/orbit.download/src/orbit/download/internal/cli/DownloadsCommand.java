package orbit.download.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import orbit.core.cli.CommandContribution;
import orbit.download.DownloadStatus;
import orbit.download.Downloads;
import orbit.download.internal.DownloadEngine;
import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code orbit downloads}: the downloads running in this process and those the journal holds,
 * interrupted, which 'orbit recover' or the same 'orbit download URL' resume.
 */
@Component(service = CommandContribution.class)
public class DownloadsCommand implements CommandContribution {

	@Reference
	private Downloads downloads;

	@Reference
	private CrashRecoveryJournal journal;

	@Override
	public Object newCommand() {
		return new List(downloads, journal);
	}

	@Command(name = "downloads", description = "List the download queue and the interrupted downloads waiting to resume.")
	static final class List implements Callable<Integer> {
		@Spec
		CommandSpec spec;
		private final Downloads downloads;
		private final CrashRecoveryJournal journal;

		List(Downloads downloads, CrashRecoveryJournal journal) {
			this.downloads = downloads;
			this.journal = journal;
		}

		@Override
		public Integer call() throws Exception {
			PrintWriter out = spec.commandLine().getOut();
			int shown = 0;
			for (DownloadStatus status : downloads.all()) {
				out.printf(Locale.ROOT, "%-10s prio %2d  %,d of %,d bytes  %s%s%n", status.state(), status.priority(),
						status.received(), status.size(), status.uri(), status.error() == null ? "" : "  (" + status.error() + ")");
				shown++;
			}
			for (Checkpoint c : journal.active()) {
				if (!c.operationType().equals(DownloadEngine.OPERATION)) {
					continue;
				}
				JsonObject state = JsonParser.parseString(c.stateJson()).getAsJsonObject();
				Path part = Path.of(state.get("target").getAsString() + ".part");
				long onDisk = Files.exists(part) ? Files.size(part) : 0;
				out.printf(Locale.ROOT, "%-10s prio %2d  %,d of %,d bytes safe (%,d in %s)  %s%n", "INTERRUPTED",
						c.priority(), c.progress(), state.get("size").getAsLong(), onDisk, part.getFileName(),
						state.get("uri").getAsString());
				shown++;
			}
			out.println(shown == 0 ? "No downloads." : shown + " download(s)");
			return 0;
		}
	}
}
