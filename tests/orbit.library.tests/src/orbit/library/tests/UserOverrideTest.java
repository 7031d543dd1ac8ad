package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.ActionableException;
import orbit.library.GoldRule;
import orbit.library.HistoryRecord;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.MetadataSource;
import orbit.library.MusicalKey;
import orbit.library.UserOverride;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/** User overrides win the dual truth, declare Gold, and every change lands in the history. */
class UserOverrideTest {

	@TempDir
	Path home;

	@Test
	void overridesResolveAsUserAndAreRecordedWithOldAndNewValues() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(new TrackInput("/music/a.flac", 1000, "Song", "Artist", "Album", "flac", 900, 300,
					128.0, "Am")));
			long id = library.findEntries(null, null, 0, 1).get(0).id();
			LibraryEntry before = library.entry(id).orElseThrow();
			assertEquals(IntegrityLevel.BRONZE, before.integrityLevel(), "assessed when added: there, with basic tags");
			assertEquals(MetadataSource.FILE_TAGS, before.resolvedBpm().source());
			assertEquals(128.0, before.resolvedBpm().value().orElseThrow());

			LibraryEntry after = library.override(id, 126.0, MusicalKey.parseOrFail("F#m"), false);
			assertEquals(MetadataSource.USER, after.resolvedBpm().source());
			assertEquals(126.0, after.resolvedBpm().value().orElseThrow());
			assertEquals("11A", after.manualKey());
			assertEquals("11A", after.resolvedKey().value().orElseThrow().camelot());
			assertEquals(128.0, after.bpm(), "the file's value is kept beside the override");
			assertEquals(IntegrityLevel.BRONZE, after.integrityLevel(), "file present with basic tags");

			LibraryEntry gold = library.override(id, null, null, true);
			assertEquals(IntegrityLevel.GOLD, gold.integrityLevel());
			GoldRule.Evaluation verdict = library.details(id).orElseThrow().gold();
			assertTrue(verdict.gold());
			assertEquals(3, verdict.failures().size(), "no online values: the reasons stay visible");
			assertEquals(gold, library.entryAt(Path.of("/music/a.flac")).orElseThrow());

			List<HistoryRecord> history = library.history(id);
			assertEquals(List.of("ManualBPM:null->126.0", "ManualKey:null->11A", "UserVerifiedGold:false->true",
					"IntegrityLevel:BRONZE->GOLD"),
					history.stream().map(h -> h.field() + ":" + h.oldValue() + "->" + h.newValue()).toList());
			assertTrue(history.stream().allMatch(h -> h.source() == MetadataSource.USER));

			// Setting the same value again is no change and records nothing.
			library.override(id, 126.0, null, false);
			assertEquals(4, library.history(id).size());
			return null;
		});
	}

	@Test
	void clearedValuesLetTheTagsDecideAgainAndGoldCanBeTakenBack() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(new TrackInput("/music/a.flac", 1000, "Song", "Artist", "Album", "flac", 900, 300,
					128.0, "Am")));
			long id = library.findEntries(null, null, 0, 1).get(0).id();
			library.override(id, 126.0, MusicalKey.parseOrFail("F#m"), true);
			LibraryEntry cleared = library.override(id, new UserOverride(null, true, null, true, false));
			assertEquals(null, cleared.manualBpm());
			assertEquals(null, cleared.manualKey());
			assertEquals(MetadataSource.FILE_TAGS, cleared.resolvedBpm().source());
			assertEquals(128.0, cleared.resolvedBpm().value().orElseThrow());
			assertEquals("8A", cleared.resolvedKey().value().orElseThrow().camelot());
			assertEquals(IntegrityLevel.BRONZE, cleared.integrityLevel(), "no longer Gold");
			List<String> history = library.history(id).stream()
					.map(h -> h.field() + ":" + h.oldValue() + "->" + h.newValue()).toList();
			assertTrue(history.containsAll(List.of("ManualBPM:126.0->null", "ManualKey:11A->null",
					"UserVerifiedGold:true->false", "IntegrityLevel:GOLD->BRONZE")), history.toString());
			assertThrows(IllegalArgumentException.class, () -> new UserOverride(120.0, true, null, false, null));
			assertTrue(new UserOverride(null, false, null, false, null).none());
			return null;
		});
	}

	@Test
	void impossibleValuesAndUnknownIdsAreRefusedWithoutChange() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(new TrackInput("/music/a.flac", 1000, "Song", "Artist", "Album", "flac", 900, 300,
					128.0, "Am")));
			long id = library.findEntries(null, null, 0, 1).get(0).id();
			assertThrows(ActionableException.class, () -> library.override(id, -3.0, null, false));
			assertThrows(ActionableException.class, () -> library.override(id, Double.NaN, null, false));
			assertThrows(ActionableException.class, () -> library.override(id, 1000.0, null, false));
			ActionableException unknown = assertThrows(ActionableException.class,
					() -> library.override(id + 1000, 120.0, null, false));
			assertTrue(unknown.getMessage().contains(Long.toString(id + 1000)));
			assertEquals(List.of(), library.history(id));
			assertEquals(null, library.entry(id).orElseThrow().manualBpm());
			return null;
		});
	}

	@Test
	void entriesAreFoundByTextAndIntegrityLevel() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(
					new TrackInput("/m/a.flac", 1, "Deep 100% Night", "Alpha", "LP", "flac", 900, 300, 128.0, "8A"),
					new TrackInput("/m/b.flac", 1, "Sunrise", "Beta", "deep cuts", "flac", 900, 300, 120.0, "9A"),
					new TrackInput("/m/c.flac", 1, "Noon", "Gamma", "Day", "flac", 900, 300, 122.0, "10A")));
			assertEquals(List.of("Deep 100% Night", "Sunrise"),
					library.findEntries("DEEP", null, 0, 10).stream().map(LibraryEntry::title).toList());
			assertEquals(List.of("Deep 100% Night"),
					library.findEntries("100%", null, 0, 10).stream().map(LibraryEntry::title).toList());
			assertEquals(List.of(), library.findEntries("_", null, 0, 10), "no wildcard characters");
			long noon = library.findEntries("noon", null, 0, 10).get(0).id();
			library.override(noon, null, null, true);
			assertEquals(List.of("Noon"),
					library.findEntries(null, IntegrityLevel.GOLD, 0, 10).stream().map(LibraryEntry::title).toList());
			assertEquals(List.of(), library.findEntries("deep", IntegrityLevel.GOLD, 0, 10));
			assertEquals(3, library.findEntries(null, null, 0, 10).size());
			return null;
		});
	}
}
