package orbit.library;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A musical key, whatever notation it was written in: a tonic pitch class (0 = C ... 11 = B)
 * and a mode. Enharmonic spellings ({@code F#m}/{@code Gbm}, {@code Cb}/{@code B}) are the same
 * key, so two keys are equal exactly when their Camelot codes are.
 */
public record MusicalKey(int tonic, boolean minor) {

	private static final Pattern CAMELOT = Pattern.compile("(\\d{1,2})\\s*([AB])", Pattern.CASE_INSENSITIVE);
	private static final Pattern OPEN_KEY = Pattern.compile("(\\d{1,2})\\s*([MD])", Pattern.CASE_INSENSITIVE);
	private static final Pattern STANDARD = Pattern.compile(
			"([A-Ga-g])\\s*([#\u266Fb\u266D]*)\\s*(major|maj|minor|min|m|)", Pattern.CASE_INSENSITIVE);
	private static final String[] MAJOR_NAMES = { "C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B" };
	private static final String[] MINOR_NAMES = { "Cm", "C#m", "Dm", "Ebm", "Em", "Fm", "F#m", "Gm", "G#m", "Am", "Bbm",
			"Bm" };
	private static final int[] LETTER_PITCH = { 9, 11, 0, 2, 4, 5, 7 }; // A B C D E F G

	public MusicalKey {
		if (tonic < 0 || tonic > 11) {
			throw new IllegalArgumentException("tonic pitch class must be 0..11: " + tonic);
		}
	}

	/**
	 * Reads Camelot ({@code 8A}), Open Key ({@code 1m}, {@code 1d}) or standard notation
	 * ({@code Am}, {@code A minor}, {@code F#m}, {@code Gb}, {@code C♯ major}, {@code Bbm});
	 * empty when the text is none of these.
	 */
	public static Optional<MusicalKey> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String s = text.strip();
		Matcher m = CAMELOT.matcher(s);
		if (m.matches()) {
			int number = Integer.parseInt(m.group(1));
			return number < 1 || number > 12 ? Optional.empty()
					: Optional.of(fromCamelot(number, m.group(2).equalsIgnoreCase("A")));
		}
		m = OPEN_KEY.matcher(s);
		if (m.matches()) {
			int number = Integer.parseInt(m.group(1));
			// Open Key 1 is Camelot 8, both wheels step by fifths.
			return number < 1 || number > 12 ? Optional.empty()
					: Optional.of(fromCamelot((number + 6) % 12 + 1, m.group(2).equalsIgnoreCase("m")));
		}
		m = STANDARD.matcher(s);
		if (m.matches()) {
			int pitch = LETTER_PITCH[Character.toUpperCase(m.group(1).charAt(0)) - 'A'];
			for (char accidental : m.group(2).toCharArray()) {
				pitch += (accidental == '#' || accidental == '\u266F') ? 1 : -1;
			}
			String mode = m.group(3);
			// "M" alone is ambiguous in the wild; like most DJ software we read a lone m/M as minor.
			boolean minor = mode.equalsIgnoreCase("m") || mode.toLowerCase(Locale.ROOT).startsWith("min");
			return Optional.of(new MusicalKey(Math.floorMod(pitch, 12), minor));
		}
		return Optional.empty();
	}

	/** Like {@link #parse} but a text that is no key is a user-facing error. */
	/**
	 * A stored key as the user reads it: in {@code notation}, or as stored with a question mark
	 * when it is no key ORBIT knows; empty for none.
	 */
	public static String display(String stored, KeyNotation notation) {
		if (stored == null || stored.isBlank()) {
			return "";
		}
		return parse(stored).map(k -> k.format(notation)).orElse(stored.strip() + "?");
	}

	public static MusicalKey parseOrFail(String text) {
		return parse(text).orElseThrow(() -> new orbit.core.ActionableException("'" + text + "' is not a musical key",
				"Write it as Camelot (8A), Open Key (1m) or standard notation (Am, F#m, Bb)"));
	}

	public static MusicalKey fromCamelot(int number, boolean minor) {
		// Camelot 8B is C major and each step adds a fifth (7 semitones); 8A is its relative minor.
		int major = Math.floorMod((number - 8) * 7, 12);
		return new MusicalKey(minor ? Math.floorMod(major - 3, 12) : major, minor);
	}

	/** The Camelot number, 1..12. */
	/**
	 * The keys that mix harmonically with this one, itself first: on the Camelot wheel the same
	 * number in the other mode (the relative major or minor) and the numbers either side in this
	 * mode (8A: 8A, 8B, 7A, 9A).
	 */
	public java.util.List<MusicalKey> compatible() {
		int n = camelotNumber();
		return java.util.List.of(this, fromCamelot(n, !minor), fromCamelot(n == 1 ? 12 : n - 1, minor),
				fromCamelot(n == 12 ? 1 : n + 1, minor));
	}

	public int camelotNumber() {
		int relativeMajor = minor ? (tonic + 3) % 12 : tonic;
		return Math.floorMod(relativeMajor * 7 + 7, 12) + 1;
	}

	public String camelot() {
		return camelotNumber() + (minor ? "A" : "B");
	}

	public String openKey() {
		return (Math.floorMod(camelotNumber() - 8, 12) + 1) + (minor ? "m" : "d");
	}

	public String standard() {
		return minor ? MINOR_NAMES[tonic] : MAJOR_NAMES[tonic];
	}

	public String format(KeyNotation notation) {
		return switch (notation) {
		case CAMELOT -> camelot();
		case OPEN_KEY -> openKey();
		case STANDARD -> standard();
		};
	}

	@Override
	public String toString() {
		return camelot();
	}
}
