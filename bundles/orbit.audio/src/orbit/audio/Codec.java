package orbit.audio;

import java.util.Locale;

/** The codecs ORBIT decodes, each with whether it keeps every sample of the original. */
public enum Codec {
	FLAC("FLAC", true),
	WAV("WAV", true),
	AIFF("AIFF", true),
	MP3("MP3", false),
	VORBIS("Ogg Vorbis", false),
	OPUS("Opus", false),
	AAC("AAC", false);

	private final String label;
	private final boolean lossless;

	Codec(String label, boolean lossless) {
		this.label = label;
		this.lossless = lossless;
	}

	/** As a user reads it: "FLAC", "Ogg Vorbis". */
	public String label() {
		return label;
	}

	/** Whether the codec itself keeps every sample (the file may still hold a lossy source's audio). */
	public boolean lossless() {
		return lossless;
	}

	@Override
	public String toString() {
		return label;
	}

	/** The codec a lower-case name or extension names ("flac", "mp3", "ogg", "m4a"), or null. */
	public static Codec ofExtension(String extension) {
		return switch (extension.toLowerCase(Locale.ROOT)) {
		case "flac" -> FLAC;
		case "wav", "wave" -> WAV;
		case "aif", "aiff", "aifc" -> AIFF;
		case "mp3" -> MP3;
		case "ogg", "oga" -> VORBIS;
		case "opus" -> OPUS;
		case "m4a", "mp4", "aac", "m4b" -> AAC;
		default -> null;
		};
	}
}
