package orbit.library;

import java.util.Locale;

/** The formats a playlist is exported in. */
public enum PlaylistFormat {
	/** Extended M3U in UTF-8: every DJ application and player reads it. */
	M3U8("m3u8"),
	/**
	 * Rekordbox's collection XML (DJ_PLAYLISTS): the playlist and its tracks with BPM, key, rating
	 * and play count, which Rekordbox, Engine DJ, Serato (through converters) and Lexicon import.
	 */
	REKORDBOX("xml");

	private final String extension;

	PlaylistFormat(String extension) {
		this.extension = extension;
	}

	/** The file name extension, without its dot. */
	public String extension() {
		return extension;
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}
}
