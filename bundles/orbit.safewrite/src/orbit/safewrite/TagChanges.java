package orbit.safewrite;

/**
 * The tags to write. A null field is left as it is; an empty string removes the tag. The key
 * is written as given: callers format it in the user's notation.
 */
public record TagChanges(String title, String artist, String album, String bpm, String key, String comment,
		String isrc) {

	public static TagChanges none() {
		return new TagChanges(null, null, null, null, null, null, null);
	}

	public TagChanges withTitle(String value) {
		return new TagChanges(value, artist, album, bpm, key, comment, isrc);
	}

	public TagChanges withArtist(String value) {
		return new TagChanges(title, value, album, bpm, key, comment, isrc);
	}

	public TagChanges withAlbum(String value) {
		return new TagChanges(title, artist, value, bpm, key, comment, isrc);
	}

	public TagChanges withBpm(String value) {
		return new TagChanges(title, artist, album, value, key, comment, isrc);
	}

	public TagChanges withKey(String value) {
		return new TagChanges(title, artist, album, bpm, value, comment, isrc);
	}

	public TagChanges withComment(String value) {
		return new TagChanges(title, artist, album, bpm, key, value, isrc);
	}

	public TagChanges withIsrc(String value) {
		return new TagChanges(title, artist, album, bpm, key, comment, value);
	}

	public boolean isEmpty() {
		return title == null && artist == null && album == null && bpm == null && key == null && comment == null
				&& isrc == null;
	}
}
