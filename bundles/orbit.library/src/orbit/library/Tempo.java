package orbit.library;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

import orbit.core.ActionableException;

/**
 * What ORBIT takes for a tempo, in one place for the commands, the library, the tag reader and
 * the workstation: a number of beats per minute above 0 and below 1000. Fractions are tempos
 * (127.5, 174.12: beat-gridded tracks and half-time edits have them); 1000 and up is not, since
 * DJ software and ID3's TBPM hold three digits before the point.
 */
public final class Tempo {

	/** A tempo is above this many beats per minute... */
	public static final double ABOVE = 0;
	/** ...and below this many. */
	public static final double BELOW = 1000;

	/** The range in words, for messages. */
	public static final String RANGE = "above 0 and below 1000";

	/** Digits with one decimal point or comma, as people and tag editors write a BPM. */
	private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");

	private Tempo() {
	}

	public static boolean isTempo(double bpm) {
		return bpm > ABOVE && bpm < BELOW;
	}

	/** A BPM as written ({@code 128}, {@code 127.5}, {@code 127,5}); empty when it is no number or no tempo. */
	public static Optional<Double> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String s = text.strip();
		if (!NUMBER.matcher(s).matches()) {
			return Optional.empty();
		}
		double bpm = Double.parseDouble(s.replace(',', '.'));
		return isTempo(bpm) ? Optional.of(bpm) : Optional.empty();
	}

	/** Like {@link #parse}, but a text that is no tempo is a user-facing error. */
	public static double parseOrFail(String text) {
		return parse(text).orElseThrow(() -> new ActionableException("'" + text + "' is not a tempo", REMEDY));
	}

	/** {@code bpm} itself when it is a tempo or null (none given), else a user-facing error. */
	public static Double check(Double bpm) {
		if (bpm != null && !isTempo(bpm)) {
			throw new ActionableException("BPM " + bpm + " is not a tempo", REMEDY);
		}
		return bpm;
	}

	/** The shortest text of a tempo: {@code 128}, {@code 127.5}. */
	public static String format(double bpm) {
		return BigDecimal.valueOf(bpm).stripTrailingZeros().toPlainString();
	}

	private static final Pattern RANGE_TEXT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)?\\s*(-)?\\s*(\\d+(?:\\.\\d+)?)?\\s*");

	/**
	 * A range of tempos as DJs type it: {@code 120-128}, {@code 124} (that tempo), {@code 120-} or
	 * {@code -128} (open at one end). Returns the bounds, null where open; both null for a blank text.
	 *
	 * @throws IllegalArgumentException naming what is wrong, in words that follow the option's name
	 *                                  ("is a range of tempos like 120-128 ...", "128-120 goes down ...")
	 */
	public static Double[] range(String text) {
		if (text == null || text.isBlank()) {
			return new Double[2];
		}
		java.util.regex.Matcher m = RANGE_TEXT.matcher(text);
		if (!m.matches() || m.group(1) == null && m.group(3) == null || m.group(2) == null && m.group(3) != null) {
			throw new IllegalArgumentException("is a range of tempos like 120-128 (or 124, 120-, -128), not '" + text + "'");
		}
		Double from = m.group(1) == null ? null : Double.valueOf(m.group(1));
		Double to = m.group(2) == null ? from : m.group(3) == null ? null : Double.valueOf(m.group(3));
		if (from != null && to != null && from > to) {
			throw new IllegalArgumentException(text + " goes down: give the lower tempo first");
		}
		return new Double[] { from, to };
	}

	private static final String REMEDY = "Give the BPM as a number " + RANGE + ", e.g. 128";
}
