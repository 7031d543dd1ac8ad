package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import orbit.library.Library;
import orbit.library.OnlineAnswer;
import orbit.library.OnlineMetadataStore;
import orbit.library.TrackInput;
import orbit.tests.support.OsgiServices;

/** What the online store makes of answers, whichever provider, a plugin's too, gives them. */
class OnlineAnswersTest {

	@TempDir
	Path home;

	static OnlineAnswer answer(String provider, Double bpm, String key, Integer seconds) {
		Instant now = Instant.now();
		return new OnlineAnswer(provider, 1, true, provider + "-1", bpm, key, seconds, null, now, now.plusSeconds(3600));
	}

	@Test
	void aPluginsAnswerIsItsOwnComesAfterTheKnownProvidersAndItsBpmMustBeATempo() {
		OsgiServices.withHome(home, Library.class, library -> library.addTracks(
				List.of(new TrackInput("/m/a.flac", 1, "Title", "Artist", "LP", "flac", 900, 300, null, null))));
		OsgiServices.withHome(home, OnlineMetadataStore.class, store -> {
			store.store(List.of(answer("spotify", null, "8A", 300)));
			store.store(List.of(answer("getsongbpm", 1280.0, "8A", 301)));
			assertEquals(List.of("spotify", "getsongbpm"), store.providerOrder(), "placed as they first answer");
			assertNull(store.cached(1).get(1).bpm(), "1280 is no tempo: kept as no BPM");
			store.store(List.of(answer("getsongbpm", 128.0, "8A", 301)));
			return null;
		});
		OsgiServices.withHome(home, Library.class, library -> {
			var details = library.details(1).orElseThrow();
			assertEquals(128.0, details.entry().online().bpm());
			assertEquals("getsongbpm", details.entry().online().bpmProvider(), "the plugin's BPM, named as its own");
			assertEquals("spotify", details.entry().online().keyProvider());
			assertEquals(List.of("MusicalKey:null->8A:spotify", "DurationSeconds:null->300:spotify", "TrackId:null->spotify-1:spotify",
					"IntegrityLevel:BRONZE->SILVER:spotify", "MusicalKey:null->8A:getsongbpm",
					"DurationSeconds:null->301:getsongbpm", "TrackId:null->getsongbpm-1:getsongbpm", "BPM:null->128.0:getsongbpm"),
					details.history().stream().map(h -> h.field() + ":" + h.oldValue() + "->" + h.newValue() + ":" + h.origin())
							.toList());
			return null;
		});
	}
}
