package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import orbit.library.DualTruth;
import orbit.library.GoldRule;
import orbit.library.IntegrityLevel;
import orbit.library.MetadataSource;
import orbit.library.MusicalKey;
import orbit.library.OnlineAnswer;
import orbit.library.OnlineValues;

/** Manual beats file tags beats online; Gold needs all three agreements or the user's word. */
class DualTruthAndGoldTest {

	private static OnlineValues online(Double bpm, String key, Integer duration) {
		return new OnlineValues(bpm, bpm == null ? null : "deezer", key, key == null ? null : "spotify", duration,
				duration == null ? null : "deezer");
	}

	@Test
	void bpmResolvesManualThenFileThenOnlineAndSaysWhich() {
		assertEquals(new DualTruth.Resolved<>(Optional.of(126.0), MetadataSource.USER, null),
				DualTruth.bpm(126.0, 128.0, online(127.9, null, null)));
		assertEquals(new DualTruth.Resolved<>(Optional.of(128.0), MetadataSource.FILE_TAGS, null),
				DualTruth.bpm(null, 128.0, online(127.9, null, null)));
		DualTruth.Resolved<Double> online = DualTruth.bpm(null, null, online(127.9, null, null));
		assertEquals(new DualTruth.Resolved<>(Optional.of(127.9), MetadataSource.ONLINE_PROVIDER, "deezer"), online);
		assertEquals("deezer", online.origin(), "an online value names its provider");
		assertEquals("file tags", DualTruth.bpm(null, 128.0, OnlineValues.NONE).origin());
		assertEquals(new DualTruth.Resolved<Double>(Optional.empty(), MetadataSource.NONE, null),
				DualTruth.bpm(null, null, OnlineValues.NONE));
		assertTrue(DualTruth.bpm(120.0, null, OnlineValues.NONE).userOverride());
		assertFalse(DualTruth.bpm(null, 120.0, OnlineValues.NONE).userOverride());
	}

	@Test
	void durationIsTheFilesElseTheProvidersAndReadsAsAClock() {
		assertEquals(new DualTruth.Resolved<>(Optional.of(305), MetadataSource.FILE_TAGS, null),
				DualTruth.duration(305, online(null, null, 306)));
		assertEquals(new DualTruth.Resolved<>(Optional.of(306), MetadataSource.ONLINE_PROVIDER, "deezer"),
				DualTruth.duration(null, online(null, null, 306)));
		assertEquals(MetadataSource.NONE, DualTruth.duration(null, OnlineValues.NONE).source());
		assertEquals("0:03", DualTruth.clock(3));
		assertEquals("6:05", DualTruth.clock(365));
		assertEquals("59:59", DualTruth.clock(3599));
		assertEquals("1:02:09", DualTruth.clock(3729));
		assertEquals("", DualTruth.clock(null));
	}

	@Test
	void keyResolvesLikeBpmAndSkipsUnreadableText() {
		DualTruth.Resolved<MusicalKey> manual = DualTruth.key("Am", "9A", online(null, "10A", null));
		assertEquals(MetadataSource.USER, manual.source());
		assertEquals("8A", manual.value().orElseThrow().camelot());
		assertEquals(MetadataSource.FILE_TAGS, DualTruth.key(null, "F#m", online(null, "10A", null)).source());
		assertEquals("11A", DualTruth.key(null, "F#m", online(null, "10A", null)).value().orElseThrow().camelot());
		DualTruth.Resolved<MusicalKey> online = DualTruth.key(null, "garbage", online(null, "1d", null));
		assertEquals(MetadataSource.ONLINE_PROVIDER, online.source());
		assertEquals("spotify", online.provider());
		assertEquals(MetadataSource.NONE, DualTruth.key(null, null, OnlineValues.NONE).source());
	}

	@Test
	void goldWhenBpmKeyAndDurationAgreeWithinTolerance() {
		GoldRule.Evaluation gold = GoldRule.evaluate(128.0, "Am", 300, 128.5, "8A", 305, false);
		assertTrue(gold.gold(), gold.failures().toString());
		assertTrue(gold.failures().isEmpty());
		assertTrue(GoldRule.evaluate(128.0, "1m", 300, 127.5, "A minor", 295, false).gold());
	}

	@Test
	void eachFailedConditionIsNamed() {
		GoldRule.Evaluation bpm = GoldRule.evaluate(128.0, "8A", 300, 128.6, "8A", 300, false);
		assertFalse(bpm.gold());
		assertEquals(1, bpm.failures().size());
		assertTrue(bpm.failures().get(0).startsWith("BPM"), bpm.failures().toString());

		GoldRule.Evaluation key = GoldRule.evaluate(128.0, "8A", 300, 128.0, "8B", 300, false);
		assertEquals(1, key.failures().size());
		assertTrue(key.failures().get(0).contains("8A") && key.failures().get(0).contains("8B"));

		GoldRule.Evaluation duration = GoldRule.evaluate(128.0, "8A", 300, 128.0, "8A", 306, false);
		assertEquals(1, duration.failures().size());
		assertTrue(duration.failures().get(0).startsWith("duration"));

		GoldRule.Evaluation nothingOnline = GoldRule.evaluate(128.0, "8A", 300, null, null, null, false);
		assertEquals(3, nothingOnline.failures().size());
		assertTrue(nothingOnline.failures().get(0).contains("no online value"));

		GoldRule.Evaluation unreadableKey = GoldRule.evaluate(128.0, "Xm", 300, 128.0, "8A", 300, false);
		assertTrue(unreadableKey.failures().get(0).contains("'Xm'"), unreadableKey.failures().toString());
	}

	private static OnlineAnswer answer(String provider, Double bpm, String key, Integer duration) {
		return new OnlineAnswer(provider, 1, true, null, bpm, key, duration, null, Instant.EPOCH, Instant.EPOCH);
	}

	@Test
	void theOnlineValueIsTheFirstProvidersAndEveryProviderMustAgree() {
		// Spotify first: its key is the online key; Deezer has none and takes no part in the key.
		GoldRule.Evaluation agree = GoldRule.evaluate(128.0, "8A", 300,
				List.of(answer("spotify", 128.2, "8A", 301), answer("deezer", 128.0, null, 300)), false);
		assertTrue(agree.gold(), agree.failures().toString());

		GoldRule.Evaluation disagree = GoldRule.evaluate(128.0, "8A", 300,
				List.of(answer("spotify", 128.0, "8A", 300), answer("deezer", 64.0, null, 300)), false);
		assertFalse(disagree.gold());
		assertEquals(List.of("BPM: spotify 128.0 and deezer 64.0 differ by more than 0.5"), disagree.failures());

		GoldRule.Evaluation fileAgainstFirst = GoldRule.evaluate(128.0, "8A", 300,
				List.of(answer("deezer", 127.0, null, 300), answer("spotify", 127.2, "8A", 300)), false);
		assertEquals(List.of("BPM: file 128.0 and online (deezer) 127.0 differ by more than 0.5"),
				fileAgainstFirst.failures());

		GoldRule.Evaluation notFound = GoldRule.evaluate(128.0, "8A", 300, List.of(answer("spotify", 128.0, "8A", 300),
				new OnlineAnswer("deezer", 1, false, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH)), false);
		assertTrue(notFound.gold(), "a provider that does not know the track takes no part");
	}

	@Test
	void theUsersWordMakesGoldAndKeepsTheReasons() {
		GoldRule.Evaluation user = GoldRule.evaluate(128.0, "8A", 300, 140.0, "3B", 200, true);
		assertTrue(user.gold());
		assertTrue(user.userVerified());
		assertEquals(3, user.failures().size(), "the disagreement is still visible to the inspector");
	}

	@Test
	void integrityProgressesPendingBronzeSilverGold() {
		GoldRule.Evaluation notGold = GoldRule.evaluate(128.0, "8A", 300, null, null, null, false);
		GoldRule.Evaluation gold = GoldRule.evaluate(128.0, "8A", 300, 128.0, "8A", 300, false);
		assertEquals(IntegrityLevel.PENDING, IntegrityLevel.assess(false, false, false, false, notGold));
		assertEquals(IntegrityLevel.PENDING, IntegrityLevel.assess(false, true, true, false, gold), "no file, no Gold");
		assertEquals(IntegrityLevel.BRONZE, IntegrityLevel.assess(true, true, false, false, notGold));
		assertEquals(IntegrityLevel.SILVER, IntegrityLevel.assess(true, true, true, false, notGold));
		assertEquals(IntegrityLevel.GOLD, IntegrityLevel.assess(true, true, true, false, gold));
		assertEquals(IntegrityLevel.GOLD, IntegrityLevel.assess(false, false, false, true, notGold));
		assertEquals(IntegrityLevel.GOLD, IntegrityLevel.ofCode(3));
		assertEquals(IntegrityLevel.SILVER, IntegrityLevel.parse(" silver "));
	}
}
