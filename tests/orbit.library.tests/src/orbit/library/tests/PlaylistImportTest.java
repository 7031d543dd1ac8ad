package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.core.ActionableException;
import orbit.library.Library;
import orbit.library.PlaylistSummary;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/** CSV (plain and Spotify export layout) and M3U playlists match the library; stats equal the rows. */
class PlaylistImportTest {

	@TempDir
	Path home;
	@TempDir
	Path files;

	private static List<TrackInput> library() {
		return List.of(new TrackInput("/music/one.flac", 1, "One", "Alpha", "First", "flac", 900, 200, 120.0, "8A"),
				new TrackInput("/music/two.mp3", 1, "Two", "Beta", "Second", "mp3", 320, 210, 124.0, "9A"),
				new TrackInput("/music/three.mp3", 1, "Three", "Gamma", "Third", "mp3", 320, 220, null, null));
	}

	private static String stats(PlaylistSummary p) {
		return p.totalTracks() + "/" + p.successfulCount() + "/" + p.failedCount() + "/" + p.missingCount();
	}

	@Test
	void plainCsvSpotifyExportAndM3uAreMatched() throws Exception {
		Path plain = Files.writeString(files.resolve("plain.csv"),
				"Artist,Title,Album\nAlpha,One,First\n\"Beta\",\"Two\",\"Other album\"\nNobody,Nothing,None\n,,\n");
		Path spotify = Files.writeString(files.resolve("spotify.csv"), "\uFEFF\"Track URI\",\"Track Name\",\"Artist Name(s)\","
				+ "\"Album Name\",\"Duration (ms)\",\"ISRC\"\n"
				+ "\"spotify:track:1\",\"One\",\"Alpha, Featured\",\"First\",\"200000\",\"GBAAA0000001\"\n"
				+ "\"spotify:track:2\",\"Three\",\"Gamma\",\"Third\",\"220000\",\"GBAAA0000002\"\n"
				+ "\"spotify:track:3\",\"Missing, With Comma\",\"Nobody\",\"X\",\"1000\",\"GBAAA0000003\"\n");
		Path m3u = Files.writeString(files.resolve("set.m3u8"), "#EXTM3U\n#EXTINF:200,Alpha - One\n/music/one.flac\n"
				+ "#EXTINF:210,Beta - Two\n/music/two.mp3\n#EXTINF:99,Ghost - Track\n/music/ghost.mp3\n",
				StandardCharsets.UTF_8);
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(library());
			PlaylistSummary p = library.importPlaylist(plain);
			assertEquals("4/2/1/1", stats(p), "matched by hash, by artist+title; missing; an empty row fails");
			assertEquals("CSV", p.sourceType());
			assertEquals("3/2/0/1", stats(library.importPlaylist(spotify)));
			PlaylistSummary set = library.importPlaylist(m3u);
			assertEquals("3/2/0/1", stats(set));
			assertEquals("M3U", set.sourceType());
			assertEquals("set", set.sourceTitle());
			assertEquals(List.of("plain", "spotify", "set"), library.playlists().stream().map(PlaylistSummary::sourceTitle).toList());
			assertThrows(ActionableException.class, () -> library.importPlaylist(files.resolve("absent.csv")));
			return null;
		});
		// The cached stats agree with the rows in the file itself.
		try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + home.resolve("library.db"), new Properties());
				Statement s = c.createStatement();
				ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM PlaylistJobs j WHERE TotalTracks != (SELECT COUNT(*) "
						+ "FROM PlaylistTracks t WHERE t.PlaylistId = j.Id) OR MissingCount != (SELECT COUNT(*) FROM "
						+ "PlaylistTracks t WHERE t.PlaylistId = j.Id AND t.Status = 'Missing')")) {
			rows.next();
			assertEquals(0, rows.getInt(1));
		}
	}

	@Test
	void aCsvWithoutATitleColumnIsRefusedAndNothingIsWritten() throws Exception {
		Path bad = Files.writeString(files.resolve("bad.csv"), "Foo,Bar\n1,2\n");
		OsgiServices.withHome(home, Library.class, library -> {
			ActionableException e = assertThrows(ActionableException.class, () -> library.importPlaylist(bad));
			assertEquals(true, e.getMessage().contains("no title column"), e.getMessage());
			assertEquals(List.of(), library.playlists());
			return null;
		});
	}

	@Test
	void aMalformedLineIsNamedAndNoPlaylistIsCreated() throws Exception {
		StringBuilder csv = new StringBuilder("Artist,Title,Album\n");
		for (int i = 1; i <= 12_000; i++) {
			csv.append("Artist ").append(i).append(",Title ").append(i).append(",Album\n");
		}
		// Line 12,002 of the file: text after a closing quote.
		csv.append("Broken,\"Quoted\" tail,Album\n");
		Path bad = Files.writeString(files.resolve("long.csv"), csv);
		Path good = Files.writeString(files.resolve("long-fixed.csv"), csv.substring(0, csv.lastIndexOf("Broken")));
		OsgiServices.withHome(home, Library.class, library -> {
			ActionableException e = assertThrows(ActionableException.class, () -> library.importPlaylist(bad));
			assertEquals(true, e.getMessage().contains(bad + " line 12002 is not valid CSV"), e.getMessage());
			assertEquals(true, e.getMessage().contains("nothing was imported"), e.getMessage());
			assertEquals(List.of(), library.playlists());
			// The same rows without the broken one import whole, in several batches, with their stats.
			assertEquals("12000/0/0/12000", stats(library.importPlaylist(good)));
			return null;
		});
	}

	@Test
	void reimportingUpdatesThePlaylistKeepingRatingsLikesAndPlays() throws Exception {
		Path m3u = files.resolve("friday.m3u8");
		Files.writeString(m3u, "#EXTM3U\n/music/one.flac\n/music/two.mp3\n/music/ghost.mp3\n", StandardCharsets.UTF_8);
		OsgiServices.withHome(home, Library.class, library -> {
			library.addTracks(library());
			PlaylistSummary first = library.importPlaylist(m3u);
			long two = library.playlistTracks(first.id()).get(1).entry().id();
			library.markPlaylistTrack(first.id(), 1, 4, true);
			library.markPlaylistTrack(first.id(), 2, 2, null);
			assertEquals(1, library.countPlay(two, java.time.Instant.parse("2026-12-01T22:00:00Z")));
			assertThrows(ActionableException.class, () -> library.markPlaylistTrack(first.id(), 9, 3, null));
			assertThrows(ActionableException.class, () -> library.markPlaylistTrack(first.id(), 1, 6, null));
			// a selection is marked whole or not at all: position 9 does not exist, so 1 and 2 keep their marks
			assertThrows(ActionableException.class, () -> library.markPlaylistTracks(first.id(), List.of(1, 2, 9), 1, false));
			assertEquals(4, library.playlistTracks(first.id()).get(0).rating());
			assertEquals(true, library.playlistTracks(first.id()).get(0).liked());
			assertEquals(2, library.playlistTracks(first.id()).get(1).rating());

			// the DJ reorders the set, drops the ghost and adds the third track
			try {
				Files.writeString(m3u, "#EXTM3U\n/music/three.mp3\n/music/two.mp3\n/music/one.flac\n", StandardCharsets.UTF_8);
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			PlaylistSummary again = library.importPlaylist(m3u);
			assertEquals(first.id(), again.id(), "the same playlist, updated");
			assertEquals("3/3/0/0", stats(again));
			assertEquals(1, library.playlists().size());
			List<orbit.library.PlaylistTrack> tracks = library.playlistTracks(again.id());
			assertEquals(List.of("Gamma - Three", "Beta - Two", "Alpha - One"),
					tracks.stream().map(orbit.library.PlaylistTrack::displayName).toList());
			orbit.library.PlaylistTrack one = tracks.get(2), twoAgain = tracks.get(1), three = tracks.get(0);
			assertEquals(4, one.rating());
			assertEquals(true, one.liked());
			assertEquals(2, twoAgain.rating());
			assertEquals(1, twoAgain.playCount());
			assertEquals(java.time.Instant.parse("2026-12-01T22:00:00Z"), twoAgain.lastPlayedAt());
			assertEquals(null, three.rating());
			assertEquals(0, three.playCount());
			// a rating of 0 takes it away; unliking keeps the rating
			assertEquals(null, library.markPlaylistTrack(again.id(), 3, 0, false).rating());
			assertEquals(false, library.playlistTracks(again.id()).get(2).liked());
			return null;
		});
	}
}
