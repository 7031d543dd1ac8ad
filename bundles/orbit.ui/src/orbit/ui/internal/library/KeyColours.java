package orbit.ui.internal.library;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

import orbit.library.MusicalKey;

/**
 * The Camelot wheel's colours, as DJ software paints keys: each number a hue around the wheel
 * (1 teal, 2 green, 4 yellow, 6 orange-red, 8 pink, 10 violet, 12 sky blue), minor keys (A) paler
 * than major ones (B), so that keys that mix sit in neighbouring colours. Pale enough that the
 * text on them stays black and readable.
 */
final class KeyColours {

	private static final Color[] COLOURS = new Color[24];

	static {
		for (int number = 1; number <= 12; number++) {
			float hue = ((165 - (number - 1) * 30) % 360 + 360) % 360;
			COLOURS[(number - 1) * 2] = new Color(new RGB(hue, 0.30f, 1f));
			COLOURS[(number - 1) * 2 + 1] = new Color(new RGB(hue, 0.50f, 1f));
		}
	}

	private KeyColours() {
	}

	/** The key's colour; null (the table's own background) for no key. */
	static Color of(MusicalKey key) {
		return key == null ? null : COLOURS[(key.camelotNumber() - 1) * 2 + (key.minor() ? 0 : 1)];
	}
}
