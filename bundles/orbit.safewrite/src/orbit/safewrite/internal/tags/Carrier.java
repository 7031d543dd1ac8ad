package orbit.safewrite.internal.tags;

/**
 * The kind of tag a container keeps its fields in, which decides where artwork and the DJ
 * applications' data go: ID3v2 (MP3, and the ID3 chunk of AIFF and WAV), FLAC (Vorbis comments
 * and PICTURE blocks), Ogg Vorbis and Opus (Vorbis comments only), MP4 (the iTunes item list).
 */
public enum Carrier {
	ID3, FLAC, OGG, MP4
}
