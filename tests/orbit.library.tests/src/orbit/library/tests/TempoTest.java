package orbit.library.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import orbit.core.ActionableException;
import orbit.library.Tempo;

/** One rule for a tempo: above 0 and below 1000 BPM, fractions included, however it is written. */
class TempoTest {

	@Test
	void wholeAndFractionalTemposInTheRangeAreTempos() {
		assertEquals(Optional.of(128.0), Tempo.parse("128"));
		assertEquals(Optional.of(127.5), Tempo.parse("127.5"));
		assertEquals(Optional.of(127.5), Tempo.parse("127,5"), "a decimal comma, as European tag editors write it");
		assertEquals(Optional.of(174.0), Tempo.parse(" 174 "));
		assertEquals(Optional.of(999.99), Tempo.parse("999.99"));
		assertEquals(Optional.of(0.5), Tempo.parse("0.5"));
		assertTrue(Tempo.isTempo(999));
	}

	@Test
	void zeroAThousandAndWhatIsNoNumberAreNoTempos() {
		for (String text : new String[] { "0", "0.0", "1000", "1000.0", "-3", "fast", "", "NaN", "Infinity", "1e2", "128d",
				"12 8", "128.", ".5" }) {
			assertEquals(Optional.empty(), Tempo.parse(text), text);
		}
		assertEquals(Optional.empty(), Tempo.parse(null));
		assertTrue(!Tempo.isTempo(Double.NaN) && !Tempo.isTempo(Double.POSITIVE_INFINITY) && !Tempo.isTempo(0));
	}

	@Test
	void whatIsNoTempoIsAnErrorTheUserCanActOn() {
		ActionableException parsed = assertThrows(ActionableException.class, () -> Tempo.parseOrFail("fast"));
		assertEquals("'fast' is not a tempo", parsed.problem());
		assertEquals("Give the BPM as a number above 0 and below 1000, e.g. 128", parsed.remedy());
		ActionableException checked = assertThrows(ActionableException.class, () -> Tempo.check(1000.0));
		assertEquals("BPM 1000.0 is not a tempo", checked.problem());
		assertThrows(ActionableException.class, () -> Tempo.check(Double.NaN));
		assertEquals(null, Tempo.check(null), "no tempo given is no error");
		assertEquals(126.5, Tempo.check(126.5));
	}

	@Test
	void aTempoIsWrittenAsShortAsItReads() {
		assertEquals("128", Tempo.format(128.0));
		assertEquals("127.5", Tempo.format(127.5));
		assertEquals("174.12", Tempo.format(174.12));
	}
}
