package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import orbit.core.ActionableException;
import orbit.library.KeyNotation;
import orbit.library.MusicalKey;

/** Every notation a tag or a user may use reads into one key and prints in the chosen notation. */
class MusicalKeyTest {

	private static String camelot(String text) {
		return MusicalKey.parse(text).orElseThrow(() -> new AssertionError("not parsed: " + text)).camelot();
	}

	@Test
	void camelotOpenKeyAndStandardNotationsAgree() {
		assertEquals("8A", camelot("8A"));
		assertEquals("8A", camelot("8a"));
		assertEquals("8A", camelot("1m"));
		assertEquals("8A", camelot("Am"));
		assertEquals("8A", camelot("A minor"));
		assertEquals("8A", camelot("a min"));
		assertEquals("8B", camelot("C"));
		assertEquals("8B", camelot("C major"));
		assertEquals("8B", camelot("1d"));
		assertEquals("11A", camelot("F#m"));
		assertEquals("11A", camelot("Gbm"));
		assertEquals("3B", camelot("C\u266F major"));
		assertEquals("3B", camelot("Db"));
		assertEquals("3A", camelot("Bbm"));
		assertEquals("3A", camelot("B\u266Dm"));
		assertEquals("2B", camelot("Gb"));
		assertEquals("2B", camelot("F#"));
		assertEquals("12A", camelot("C#m"));
		assertEquals("12A", camelot("5m"));
		assertEquals("2A", camelot("7m"));
		assertEquals("2A", camelot("Ebm"));
		assertEquals("7B", camelot("12d"));
		assertEquals("7B", camelot("F"));
	}

	@Test
	void enharmonicSpellingsAreTheSameKey() {
		assertEquals(MusicalKey.parse("Cb"), MusicalKey.parse("B"));
		assertEquals(MusicalKey.parse("E#"), MusicalKey.parse("F"));
		assertEquals(MusicalKey.parse("D#m"), MusicalKey.parse("Ebm"));
		assertEquals(MusicalKey.parse("Fbm"), MusicalKey.parse("Em"));
	}

	@Test
	void everyKeyRoundTripsThroughEveryNotation() {
		for (int number = 1; number <= 12; number++) {
			for (boolean minor : new boolean[] { true, false }) {
				MusicalKey key = MusicalKey.fromCamelot(number, minor);
				assertEquals(number + (minor ? "A" : "B"), key.camelot());
				for (KeyNotation notation : KeyNotation.values()) {
					assertEquals(key, MusicalKey.parse(key.format(notation)).orElseThrow(), notation + " " + key);
				}
			}
		}
	}

	@Test
	void printsInTheChosenNotation() {
		MusicalKey aMinor = MusicalKey.parseOrFail("A minor");
		assertEquals("8A", aMinor.format(KeyNotation.CAMELOT));
		assertEquals("1m", aMinor.format(KeyNotation.OPEN_KEY));
		assertEquals("Am", aMinor.format(KeyNotation.STANDARD));
		MusicalKey fSharpMinor = MusicalKey.parseOrFail("Gbm");
		assertEquals("F#m", fSharpMinor.format(KeyNotation.STANDARD));
		assertEquals("4m", fSharpMinor.format(KeyNotation.OPEN_KEY));
		assertEquals("Bb", MusicalKey.parseOrFail("A#").format(KeyNotation.STANDARD));
	}

	@Test
	void textThatIsNoKeyIsRejected() {
		for (String bad : new String[] { "", "13A", "0B", "H", "8C", "Am7", "unknown", "13m" }) {
			assertTrue(MusicalKey.parse(bad).isEmpty(), bad);
		}
		assertTrue(MusicalKey.parse(null).isEmpty());
		ActionableException e = assertThrows(ActionableException.class, () -> MusicalKey.parseOrFail("H#"));
		assertTrue(e.getMessage().contains("H#"), e.getMessage());
	}
}
