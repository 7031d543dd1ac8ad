package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.library.Library;
import orbit.library.ScanJobs;
import orbit.library.ScanReport;
import orbit.tests.support.OsgiServices;

/** A scan runs as an Eclipse Job, reports progress and stops when cancelled. */
class ScanJobTest {

	@TempDir
	Path home;
	@TempDir
	Path music;
	@TempDir
	Path work;

	@Test
	void aScanJobCompletesAndACancelledMonitorStopsTheScan() throws Exception {
		Path tone = work.resolve("tone.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "1", tone.toString(), "synth", "2", "sine", "440");
		for (int i = 0; i < 3; i++) {
			Commands.run("flac", "-s", "-T", "ARTIST=A", "-T", "TITLE=T" + i, "-o",
					music.resolve("t" + i + ".flac").toString(), tone.toString());
		}
		OsgiServices.withHome(home, Library.class, library -> {
			try {
				NullProgressMonitor cancelled = new NullProgressMonitor();
				cancelled.setCanceled(true);
				ScanReport stopped = library.scan(music, ScanJobs.progressOf(cancelled));
				assertTrue(stopped.cancelled());
				assertEquals(0, stopped.added());
				assertEquals(0, library.countTracks());

				AtomicReference<ScanReport> report = new AtomicReference<>();
				Job job = ScanJobs.scan(library, music, report);
				job.schedule();
				job.join();
				assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
				assertEquals(3, report.get().added());
				return null;
			} catch (InterruptedException e) {
				throw new AssertionError(e);
			}
		});
	}
}
