package orbit.ui.tests;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.Library;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/**
 * Starts the real workstation: the application model of orbit.app with the views contributed by
 * orbit.ui's fragment, on a real library database of 100,000 entries ({@link WorkstationViews}).
 * Each test class starts its own workbench in this JVM; after each, {@link Workbench} restarts
 * what would otherwise keep the first one's state (E4's model assembler and event suppliers, the
 * services on the data directory); this one goes first (see junit-platform.properties).
 */
@Order(1)
@ExtendWith(WorkstationHome.class)
class WorkstationTest {

	static final String[][] CRATE = { { "Daft Punk", "Around the World", "Homework", "121.3", "4A" },
			{ "Moderat", "A New Error", "Moderat", "123.0", "10A" }, { "Bicep", "Glue", "Bicep", "130.0", "2A" },
			{ "Four Tet", "Baby", "Sixteen Oceans", "124.0", "5B" }, { "Fred again..", "Delilah (pull me out of this)",
					"Actual Life 3", "140.0", "6A" },
			{ "Peggy Gou", "(It Goes Like) Nanana", "I Hear You", "128.0", "11B" },
			{ "Floating Points", "Silhouettes (I, II & III)", "Elaenia", "118.5", "9A" },
			{ "Röyksopp", "Eple", "Melody A.M.", "126.0", "3A" }, { "Caribou", "Never Come Back", "Suddenly", "120.0", "8A" },
			{ "Kerri Chandler", "Rain", "Trax on da Rocks", "123.5", "1B" } };

	@TempDir
	Path home;

	/** A library of {@code tracks} entries cycling through a DJ's crate, titles made unique. */
	static void fillLibrary(Path home, int tracks) {
		List<TrackInput> inputs = new ArrayList<>();
		for (int i = 0; i < tracks; i++) {
			String[] t = CRATE[i % CRATE.length];
			String title = i < CRATE.length ? t[1] : t[1] + " (edit " + i / CRATE.length + ")";
			inputs.add(new TrackInput("/music/" + t[0] + "/" + title + ".flac", 40_000_000L, title, t[0], t[2], "flac",
					1411, 200 + (i * 37) % 300, Double.valueOf(t[3]), t[4]));
		}
		OsgiServices.withHome(home, Library.class, library -> library.addTracks(inputs));
	}

	@Test
	void theViewsShowRealDataAndActOnIt() throws Exception {
		new WorkstationViews(home).run();
	}
}
