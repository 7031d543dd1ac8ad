package orbit.safewrite.internal.tags;

import java.math.BigDecimal;
import java.math.RoundingMode;

import orbit.core.ActionableException;

/**
 * A tempo as each container keeps it. Text fields (ID3 TBPM, Vorbis BPM, MP4 freeform BPM) get
 * {@link #text()}: {@code 128} for a whole value, {@code 127.5} for a fractional one, at most two
 * decimals. MP4 {@code tmpo} is a 16-bit integer and gets {@link #whole()}.
 *
 * <p>ID3 says TBPM "is an integer and represented as a numerical string", and Mixxx writes it
 * rounded; but Mixxx, Traktor, Serato, jaudiotagger and mutagen all read a decimal TBPM, and
 * analysers (MixMeister, Serato at its BPM precision setting) write one. Rounding would throw away
 * a value the DJ set on purpose, so a fractional tempo is written as a decimal and a whole one as
 * the integer the specification asks for.
 */
public record Bpm(BigDecimal value) {

	public static Bpm parse(String text) {
		BigDecimal value;
		try {
			value = new BigDecimal(text.strip());
		} catch (NumberFormatException e) {
			value = null;
		}
		if (value == null || value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(1000)) >= 0) {
			throw new ActionableException("'" + text + "' is not a tempo", "Give the BPM as a number, e.g. 128 or 127.5");
		}
		return new Bpm(value);
	}

	/** The text form: no trailing zeros, at most two decimals. */
	public String text() {
		BigDecimal rounded = value.setScale(Math.min(2, Math.max(0, value.scale())), RoundingMode.HALF_UP);
		return rounded.stripTrailingZeros().toPlainString();
	}

	/** The value rounded half up to a whole number. */
	public int whole() {
		return value.setScale(0, RoundingMode.HALF_UP).intValueExact();
	}

	/** Whether {@link #whole()} differs from the value asked for. */
	public boolean wholeIsRounded() {
		return value.compareTo(BigDecimal.valueOf(whole())) != 0;
	}

	/** Whether {@link #text()} had to drop decimals. */
	public boolean textIsRounded() {
		return value.compareTo(new BigDecimal(text())) != 0;
	}
}
