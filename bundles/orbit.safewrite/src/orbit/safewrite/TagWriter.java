package orbit.safewrite;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes tags crash-safely: always on a temp copy through {@link SafeWriteService#writeAtomic},
 * read back and checked before it replaces the file. A write changes exactly the fields in its
 * {@link TagChanges}: every other field of the tag (ID3 frame, Vorbis comment, MP4 item, RIFF INFO
 * entry) stays byte-identical, and the audio bit-identical. Supports mp3 (ID3v2.3 or 2.4, and 2.2
 * as found), flac, m4a, ogg (Vorbis), opus, aiff and wav.
 *
 * <p>BPM is written in each format's convention: a decimal text ({@code 128}, {@code 127.5}) in
 * ID3 TBPM, Vorbis comments and MP4 {@code ----:com.apple.iTunes:BPM}; a whole number in MP4
 * {@code tmpo}, rounded, which {@link WriteOutcome#notes()} then says.
 */
@ProviderType
public interface TagWriter {

	/** Which ID3v2 version MP3 tags are written in. */
	enum Id3Version {
		V23, V24
	}

	/** What a write does with a file whose audio the check a scan affords finds damaged. */
	enum DamagedAudio {
		/** Refuse it with a {@link DamagedAudioException}: fresh tags would hide the damage. */
		REFUSE,
		/** Tag it all the same: the user asked (the damage stays, and is still reported). */
		TAG_ANYWAY
	}

	/**
	 * Writes {@code changes} keeping the file's own tag version (a new ID3v2 tag is version 2.3,
	 * which every DJ program reads); a file with damaged audio is refused.
	 */
	default WriteOutcome write(Path file, TagChanges changes) {
		return write(file, changes, null);
	}

	/**
	 * As {@link #write(Path, TagChanges, Id3Version, DamagedAudio)}, refusing a file with damaged audio.
	 */
	default WriteOutcome write(Path file, TagChanges changes, Id3Version id3Version) {
		return write(file, changes, id3Version, DamagedAudio.REFUSE);
	}

	/**
	 * @param id3Version the version an MP3's ID3v2 tag is converted to when it has another one (a
	 *                   conversion rewrites every frame; their text is kept), and that new ID3 tags
	 *                   are written in; null keeps the file's own version
	 * @throws DamagedAudioException when the file's audio is damaged and {@code damaged} is REFUSE
	 */
	WriteOutcome write(Path file, TagChanges changes, Id3Version id3Version, DamagedAudio damaged);

	/**
	 * Carries every tag {@code to}'s format can hold over from {@code from} (an upgrade's old file to
	 * its new one): title, artist, album, BPM, key, comment and ISRC; the artwork (picture type,
	 * MIME type, description, dimensions and image bytes, as far as the new container keeps them),
	 * which replaces {@code to}'s own; and the DJ applications' frames: Serato's tags, in the form
	 * Serato and Mixxx read in the new container, and Traktor's between containers of the same kind.
	 * {@code from} is only read. {@code to} is written as {@link #write} writes, and refused the same
	 * way when its audio is damaged; with nothing to carry it is not written at all
	 * ({@link WriteOutcome#replacedExisting()} is false).
	 *
	 * @return the write, whose {@link WriteOutcome#notes()} name each tag that was not carried and
	 *         why (a frame the new container has no place for, artwork it keeps only in part)
	 */
	WriteOutcome carry(Path from, Path to);
}
