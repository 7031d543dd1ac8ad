package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.tests.support.Commands;
import orbit.library.EntryOrder;
import orbit.library.EntryQuery;
import orbit.library.IntegrityLevel;
import orbit.library.Library;
import orbit.library.LibraryListing;
import orbit.library.MusicalKey;
import orbit.library.OnlineMetadataStore;
import orbit.library.ScanProgress;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/** Listings as the Library view reads them: the ids in any order once, then rows by id with their files' states. */
class LibraryListingTest {

	@TempDir
	Path home;

	private static TrackInput entry(String artist, String title, Double bpm, String key) {
		return new TrackInput("/music/" + artist + " - " + title + ".flac", 1_000, title, artist, "Album", "flac", 1411, 200,
				bpm, key);
	}

	private static long[] ids(Library library, EntryOrder order, boolean descending) {
		return library.entryIds(new EntryQuery(null, null, order, descending));
	}

	@Test
	void searchFoldsAccentsAndCaseAndMatchesFileNames() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(entry("Björk", "Jóga", null, null), entry("Sigur Rós", "Glósóli", null, null),
					entry("Bjork Tribute", "Joga", null, null), entry("Motörhead", "Ace of Spades", null, null),
					new TrackInput("/music/Café del Mar/Straße 04.flac", 1_000, null, null, null, "flac", 1411, 200, null,
							null)));
			assertArrayEquals(new long[] { 1, 3 }, search(library, "bjork"), "without the accent, both");
			assertArrayEquals(new long[] { 1, 3 }, search(library, "BJÖRK"), "with it, in capitals, both");
			assertArrayEquals(new long[] { 1, 3 }, search(library, "joga"));
			assertArrayEquals(new long[] { 2 }, search(library, "sigur ros"));
			assertArrayEquals(new long[] { 4 }, search(library, "motorhead"));
			assertArrayEquals(new long[] { 5 }, search(library, "cafe del mar"), "an untagged file by its folder");
			assertArrayEquals(new long[] { 5 }, search(library, "strasse"), "and by its name, ß spelled ss");
			assertEquals(2, library.findEntries("bjork", null, 0, 10).size(), "the command line's listing too");
			return null;
		});
	}

	@Test
	void aBpmRangeAKeyAndTheKeysThatMixWithIt() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(entry("bicep", "Glue", 130.0, "2A"), entry("Aphex Twin", "Xtal", null, "Am"),
					entry("Caribou", "Sun", 120.0, "7A"), entry("Daft Punk", "Da Funk", 111.0, "C"),
					entry("Moderat", "Bad Kingdom", 124.0, "F#m"), entry("Four Tet", "Baby", 124.5, "9A")));
			EntryQuery all = new EntryQuery(null, null, EntryOrder.ID, false);
			assertArrayEquals(new long[] { 3, 5, 6 }, library.entryIds(all.withBpm(120.0, 128.0)));
			assertArrayEquals(new long[] { 1 }, library.entryIds(all.withBpm(125.0, null)));
			assertArrayEquals(new long[] { 3, 4 }, library.entryIds(all.withBpm(null, 120.0)), "no BPM: never in a range");
			library.override(4, 121.0, null, false);
			assertArrayEquals(new long[] { 3, 4 }, library.entryIds(all.withBpm(120.0, 122.0)), "the user's BPM counts");
			// Am is 8A; C is 8B, its relative major; 7A and 9A a fifth either side; 2A and 11A do not mix
			assertArrayEquals(new long[] { 2 }, library.entryIds(all.withKeys(List.of(MusicalKey.parseOrFail("8A")))));
			assertArrayEquals(new long[] { 2, 3, 4, 6 },
					library.entryIds(all.withKeys(MusicalKey.parseOrFail("8A").compatible())));
			assertArrayEquals(new long[] { 6, 4, 3, 2 }, library.entryIds(new EntryQuery(null, null, EntryOrder.ID, true)
					.withKeys(MusicalKey.parseOrFail("Am").compatible())), "in the order asked");
			assertArrayEquals(new long[] { 3, 4, 6 }, library.entryIds(all.withBpm(120.0, 125.0)
					.withKeys(MusicalKey.parseOrFail("8A").compatible())), "both together");
			assertEquals(List.of(MusicalKey.parseOrFail("1A"), MusicalKey.parseOrFail("1B"), MusicalKey.parseOrFail("12A"),
					MusicalKey.parseOrFail("2A")), MusicalKey.parseOrFail("1A").compatible(), "the wheel wraps round");
			return null;
		});
	}

	@Test
	void aFormat() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(entry("bicep", "Glue", 130.0, "2A"),
					new TrackInput("/music/Moderat - Reminder.mp3", 1_000, "Reminder", "Moderat", null, "mp3", 320, 240, null, null),
					new TrackInput("/music/Burial - Archangel.AIF", 1_000, "Archangel", "Burial", null, "aif", 1411, 238, null, null)));
			library.addTracks(List.of(new TrackInput("/music/Four Tet - Baby.MP3", 1_000, "Baby", "Four Tet", null, "MP3", 256, 250,
					124.0, null)));
			EntryQuery all = new EntryQuery(null, null, EntryOrder.ID, false);
			assertArrayEquals(new long[] { 2, 4 }, library.entryIds(all.withFormat("mp3")), "any case");
			assertArrayEquals(new long[] { 2, 4 }, library.entryIds(all.withFormat("MP3")));
			assertArrayEquals(new long[] { 3 }, library.entryIds(all.withFormat("aiff")), ".aif is AIFF");
			assertArrayEquals(new long[0], library.entryIds(all.withFormat("opus")));
			assertArrayEquals(new long[] { 1, 2, 3, 4 }, library.entryIds(all.withFormat(" ")), "blank: any");
			assertArrayEquals(new long[] { 4 }, library.entryIds(all.withFormat("mp3").withBpm(120.0, 130.0)), "with another filter");
			return null;
		});
	}

	private static long[] search(Library library, String text) {
		return library.entryIds(new EntryQuery(text, null, EntryOrder.ID, false));
	}

	@Test
	void idsComeInTheOrderOfAnyColumnWithEmptyValuesLast() {
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(List.of(entry("bicep", "Glue", 130.0, "2A"), entry("Aphex Twin", "Xtal", null, "Am"),
					entry("Caribou", "Sun", 120.0, null), entry("Daft Punk", "Da Funk", 111.0, "C"),
					entry("Moderat", "Bad Kingdom", 124.0, "F#m")));
			assertArrayEquals(new long[] { 1, 2, 3, 4, 5 }, library.entryIds(EntryQuery.ALL));
			assertArrayEquals(new long[] { 2, 1, 3, 4, 5 }, ids(library, EntryOrder.ARTIST, false), "case is ignored");
			assertArrayEquals(new long[] { 5, 4, 3, 1, 2 }, ids(library, EntryOrder.ARTIST, true));
			assertArrayEquals(new long[] { 4, 3, 5, 1, 2 }, ids(library, EntryOrder.BPM, false), "no BPM: last");
			assertArrayEquals(new long[] { 1, 5, 3, 4, 2 }, ids(library, EntryOrder.BPM, true), "no BPM: last");
			// Camelot order: 2A, Am = 8A, C = 8B, F#m = 11A; no key last, either way.
			assertArrayEquals(new long[] { 1, 2, 4, 5, 3 }, ids(library, EntryOrder.KEY, false));
			assertArrayEquals(new long[] { 5, 4, 2, 1, 3 }, ids(library, EntryOrder.KEY, true));
			// The user's value is what the view shows, so it is what is sorted by.
			library.override(3, 99.0, MusicalKey.parseOrFail("1A"), false);
			assertArrayEquals(new long[] { 3, 4, 5, 1, 2 }, ids(library, EntryOrder.BPM, false));
			assertArrayEquals(new long[] { 3, 1, 2, 4, 5 }, ids(library, EntryOrder.KEY, false));
			// Filter by text (title, artist, album) and by level, in the chosen order.
			assertArrayEquals(new long[] { 4, 3 }, library.entryIds(new EntryQuery(" un ", null, EntryOrder.TITLE, false)));
			library.override(5, null, null, true);
			assertArrayEquals(new long[] { 5 }, library.entryIds(new EntryQuery(null, IntegrityLevel.GOLD, EntryOrder.ID, false)));
			assertArrayEquals(new long[0], library.entryIds(new EntryQuery("nothing like it", null, EntryOrder.KEY, false)));
			return null;
		});
	}

	@Test
	void listingsKeepTheGivenOrderAndTellEachFilesState() throws Exception {
		Path music = Files.createDirectories(home.resolve("music"));
		Path kept = music.resolve("kept.flac");
		Path spoiled = music.resolve("spoiled.flac");
		Path gone = music.resolve("gone.flac");
		for (Path file : List.of(kept, spoiled, gone)) {
			Commands.run("sox", "-n", "-r", "44100", "-c", "1", file.toString(), "synth", "1", "sine", "440");
			Commands.run("metaflac", "--set-tag=ARTIST=Tone", "--set-tag=TITLE=" + file.getFileName(), file.toString());
		}
		long[] ids = OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			return new long[] { library.entryAt(kept).orElseThrow().id(), library.entryAt(spoiled).orElseThrow().id(),
					library.entryAt(gone).orElseThrow().id() };
		});
		Files.write(spoiled, new byte[4096]);
		Files.delete(gone);
		OsgiServices.withHome(home, OnlineMetadataStore.class, store -> {
			store.enqueue(List.of(ids[0]));
			return null;
		});
		List<LibraryListing> listings = OsgiServices.withHome(home, Library.class, library -> {
			library.scan(music, ScanProgress.NONE);
			return library.listings(new long[] { ids[2], 999, ids[1], ids[0] });
		});
		assertEquals(List.of(ids[2], ids[1], ids[0]), listings.stream().map(l -> l.entry().id()).toList(),
				"the given order; an unknown id is skipped");
		assertNotNull(listings.get(0).state().missingSince());
		assertEquals("missing", listings.get(0).state().label());
		assertEquals("unreadable", listings.get(1).state().label());
		assertTrue(listings.get(1).state().describe().startsWith("Unreadable: "), listings.get(1).state().describe());
		assertEquals("enrichment queued", listings.get(2).state().label());
	}
}
