package orbit.download.internal.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.cli.CommandContribution;
import orbit.core.cli.ProgressBar;
import orbit.download.DownloadState;
import orbit.download.DownloadStatus;
import orbit.download.Downloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orbit download URL [--to DIR]}: a resumable download with a progress bar. */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=download")
public class DownloadCommand implements CommandContribution {

	@Reference
	private Downloads downloads;

	@Override
	public Object newCommand() {
		return new Download(downloads);
	}

	@Command(name = "download", description = "Download a file, resuming after stalls and dropped connections.")
	static final class Download implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "URL")
		String url;

		@Option(names = "--to", paramLabel = "DIR", description = "Folder to save into (default: the current one).")
		Path directory = Path.of("");

		private final Downloads downloads;

		Download(Downloads downloads) {
			this.downloads = downloads;
		}

		@Override
		public Integer call() throws InterruptedException {
			URI uri;
			try {
				uri = new URI(url);
			} catch (URISyntaxException e) {
				throw new ActionableException("'" + url + "' is not an address", "Give a full URL such as https://host/file.flac");
			}
			PrintWriter out = spec.commandLine().getOut();
			ProgressBar bar = ProgressBar.onConsole(out);
			long id = downloads.enqueue(uri, directory, Downloads.USER_PRIORITY);
			DownloadStatus status;
			long started = System.nanoTime();
			do {
				status = downloads.await(id, Duration.ofMillis(250));
				bar.show(status.received(), status.size(), detail(status, (System.nanoTime() - started) / 1e9));
			} while (!status.state().finished());
			bar.finish();
			if (status.state() == DownloadState.COMPLETED) {
				out.println("Saved " + status.target());
				return 0;
			}
			throw new ActionableException(failure(status), null);
		}

		/** One sentence: what happened, what was kept and what to do. */
		static String failure(DownloadStatus status) {
			String what = "The download of " + status.uri() + " failed: " + status.error();
			if (status.resumable()) {
				return String.format(Locale.ROOT, "%s; run the same command again later to resume it (%,d bytes are kept)",
						what, status.received());
			}
			return what + "; check the address or ask the site's owner (nothing was kept)";
		}

		/** After the bar: megabytes received of the size (? when unknown), the rate, the state. */
		static String detail(DownloadStatus status, double seconds) {
			String rate = seconds > 0 ? String.format(Locale.ROOT, "%.1f MB/s", status.received() / 1e6 / seconds) : "";
			String total = status.size() >= 0 ? String.format(Locale.ROOT, "%.1f", status.size() / 1e6) : "?";
			return String.format(Locale.ROOT, "%.1f/%s MB %s %s", status.received() / 1e6, total, rate,
					status.state().name().toLowerCase(Locale.ROOT));
		}
	}
}
