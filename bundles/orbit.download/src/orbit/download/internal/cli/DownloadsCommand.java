package orbit.download.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.cli.CommandContribution;
import orbit.download.DownloadStatus;
import orbit.download.DownloadState;
import orbit.download.internal.DownloadEngine;
import orbit.download.internal.DownloadIntent;
import orbit.download.internal.FailedDownloads.Failure;
import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code orbit downloads}: the downloads running in this process, those the journal holds
 * (interrupted, or failed and resumable), which 'orbit recover' or the same 'orbit download URL'
 * resume, and those that failed and kept nothing.
 */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=downloads")
public class DownloadsCommand implements CommandContribution {

	@Reference
	private DownloadEngine downloads;

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
		private final DownloadEngine downloads;
		private final CrashRecoveryJournal journal;

		List(DownloadEngine downloads, CrashRecoveryJournal journal) {
			this.downloads = downloads;
			this.journal = journal;
		}

		@Override
		public Integer call() throws Exception {
			PrintWriter out = spec.commandLine().getOut();
			int shown = 0;
			Set<String> listed = new HashSet<>();
			for (DownloadStatus status : downloads.all()) {
				out.printf(Locale.ROOT, "%-10s prio %2d  %,d of %,d bytes  %s%s%n", status.state(), status.priority(),
						status.received(), status.size(), status.uri(), outcome(status));
				listed.add(status.uri().toString());
				shown++;
			}
			for (Checkpoint c : journal.active()) {
				if (!c.operationType().equals(DownloadEngine.OPERATION)) {
					continue;
				}
				DownloadIntent intent = DownloadIntent.parse(c.stateJson());
				if (listed.contains(intent.uri())) {
					continue;
				}
				Path part = Path.of(intent.target() + ".part");
				long onDisk = Files.exists(part) ? Files.size(part) : 0;
				out.printf(Locale.ROOT, "%-10s prio %2d  %,d of %,d bytes safe (%,d in %s)  %s%s%n",
						intent.failure() == null ? "INTERRUPTED" : "FAILED", c.priority(), c.progress(), intent.size(), onDisk,
						part.getFileName(), intent.uri(),
						intent.failure() == null ? "" : "  failed, resumable: " + intent.failure());
				shown++;
			}
			for (Failure f : downloads.failedWithNothingKept()) {
				if (listed.contains(f.uri())) {
					continue;
				}
				out.printf(Locale.ROOT, "%-10s %s  %s  failed: %s (nothing kept)%n", "FAILED",
						orbit.core.cli.CliFormat.time(f.at()), f.uri(), f.reason());
				shown++;
			}
			out.println(shown == 0 ? "No downloads." : shown + " download(s)");
			return 0;
		}

		/** How a finished download ended, when it failed: and whether the same command resumes it. */
		static String outcome(DownloadStatus status) {
			if (status.error() == null) {
				return "";
			}
			if (status.state() != DownloadState.FAILED) {
				return "  (" + status.error() + ")";
			}
			return status.resumable() ? "  failed, resumable: " + status.error()
					: "  failed: " + status.error() + " (nothing kept)";
		}
	}
}
