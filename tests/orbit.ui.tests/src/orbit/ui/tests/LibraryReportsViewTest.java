package orbit.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.DataDirectory;
import orbit.library.DuplicateFile;
import orbit.library.Library;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;
import orbit.tests.support.Commands;
import orbit.tests.support.OsgiServices;
import orbit.ui.internal.inspector.InspectorPart;
import orbit.ui.internal.library.DuplicatesPart;
import orbit.ui.internal.library.ProblemsPart;

/**
 * The Duplicates and Problems views on the real workstation: a library scanned from a FLAC, an MP3
 * copy of the same recording (made by lame from the same sound, tagged alike) and a file that
 * says it is an MP3 but is not. Duplicates lists the copy beside the FLAC that stands for it, and
 * the Track Inspector follows its selection; Problems lists the unreadable file with why; "Show
 * in Folder" says where the file is when no file manager opens it; a scan after the bad file is
 * removed empties Problems. Both views are saved as screenshots.
 */
@Order(6)
@ExtendWith(WorkstationHome.class)
class LibraryReportsViewTest {

	@TempDir
	Path home;

	@Test
	void duplicatesAndProblemsAreListedAndFollowTheLibrary() throws Exception {
		Path music = Files.createDirectories(home.resolve("music"));
		Path wav = home.resolve("song.wav");
		Commands.run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", "4", "pinknoise", "gain", "-6");
		Path flac = music.resolve("Moderat - Reminder.flac");
		Path copy = Files.createDirectories(music.resolve("downloads")).resolve("Reminder (copy).mp3");
		Commands.run("flac", "-s", "-f", "-T", "ARTIST=Moderat", "-T", "TITLE=Reminder", "-o", flac.toString(), wav.toString());
		Commands.run("lame", "--quiet", "-b", "192", "--ta", "Moderat", "--tt", "Reminder", wav.toString(), copy.toString());
		Path broken = music.resolve("Broken.mp3");
		Files.write(broken, new byte[4096]);
		long[] ids = OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			return new long[] { library.entryAt(flac).orElseThrow().id(), library.entryAt(copy).orElseThrow().id() };
		});
		long flacId = ids[0];
		long copyId = ids[1];

		System.setProperty(DataDirectory.HOME_PROPERTY, home.toString());
		Workbench.run(workbench -> {
			DuplicatesPart duplicates = workbench.part("orbit.ui.part.duplicates", DuplicatesPart.class);
			workbench.waitUntil("the copy", () -> duplicates.table().getItemCount() == 1);
			DuplicateFile listed = workbench.ui(() -> duplicates.rows().get(0));
			assertEquals(new DuplicateFile(copyId, copy.toString(), flacId, flac.toString()), listed);
			workbench.ui(() -> {
				assertEquals(copy.toString(), duplicates.table().getItem(0).getText(DuplicatesPart.Column.COPY.ordinal()));
				assertEquals(Long.toString(flacId), duplicates.table().getItem(0).getText(DuplicatesPart.Column.BEST_ID.ordinal()));
				assertEquals("1 copy of recordings another file stands for", duplicates.status());
			});
			WorkstationViews.select(workbench, duplicates.table(), 0);
			InspectorPart inspector = workbench.part("orbit.ui.part.inspector", InspectorPart.class);
			workbench.part("orbit.ui.part.duplicates", DuplicatesPart.class);
			workbench.waitUntil("the copy in the inspector", () -> inspector.shownEntryId() == copyId);
			workbench.screenshot(workbench.shell(), "duplicates");

			ProblemsPart problems = workbench.part("orbit.ui.part.problems", ProblemsPart.class);
			workbench.waitUntil("the unreadable file", () -> problems.table().getItemCount() == 1);
			ScanProblem problem = workbench.ui(() -> problems.rows().get(0));
			assertEquals(broken, problem.file());
			workbench.ui(() -> {
				String why = problems.table().getItem(0).getText(ProblemsPart.Column.WHY.ordinal());
				assertEquals(problem.reason(), why);
				assertTrue(!why.isBlank() && !why.contains("null"), why);
				assertTrue(!problems.table().getItem(0).getText(ProblemsPart.Column.SINCE.ordinal()).isEmpty());
				assertEquals("1 file(s) the scans could not read; nothing was changed in them", problems.status());
			});
			workbench.screenshot(workbench.shell(), "problems");

			// Show in Folder: the test machine has no file manager, so the view says where the file is.
			WorkstationViews.select(workbench, problems.table(), 0);
			workbench.ui(problems::showInFolder);
			String said = workbench.ui(problems::status);
			assertTrue(said.endsWith("the file is in " + music) || said.equals("1 file(s) the scans could not read; nothing was changed in them"),
					said);

			// The DJ deletes the bad file and scans again: Problems follows the library.
			Files.delete(broken);
			OsgiServices.with(Library.class, library -> library.scan(music, ScanProgress.NONE));
			workbench.ui(problems::refresh);
			workbench.waitUntil("no problem left", () -> problems.table().getItemCount() == 0
					&& problems.status().equals("Every file the scans found was read."));
			assertTrue(Files.exists(flac) && Files.exists(copy), "nothing was deleted by the views");
		});
	}
}
