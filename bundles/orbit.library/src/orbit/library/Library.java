package orbit.library;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The music library: an SQLite database in the data directory ({@code library.db}, WAL mode),
 * opened on first use and brought to the latest schema by versioned migrations.
 *
 * <p>Every method may throw {@link orbit.core.ActionableException} when the database cannot be
 * used (unwritable directory, a file that is not a library, a library from a newer ORBIT);
 * the file is never overwritten in that case.
 */
@ProviderType
public interface Library {

	/** Two files hold one recording only when their tags name it and their lengths agree this closely. */
	int COPY_DURATION_TOLERANCE_SECONDS = 2;

	/**
	 * Files and folders whose names start with this are ORBIT's own work beside the music (the
	 * originals an upgrade keeps, a copy being placed): scans pass them over.
	 */
	String ORBIT_WORK_PREFIX = ".orbit-";

	static boolean isOrbitWork(Path path) {
		Path name = path.getFileName();
		return name != null && name.toString().startsWith(ORBIT_WORK_PREFIX);
	}

	/** The database file, whether or not it exists yet. */
	Path databaseFile();

	long countTracks();

	/**
	 * Adds tracks in one transaction. A track whose file is already in the library is not added;
	 * the result says how many were added. Copies of one recording are told apart as a scan does.
	 */
	int addTracks(List<TrackInput> tracks);

	/** Runs {@code PRAGMA integrity_check} and reports the schema and journal state. */
	LibraryHealth health();

	/** The whole entry: file, tags, online values, overrides, integrity and upgrade tracking. */
	Optional<LibraryEntry> entry(long id);

	/** The entry of a file path (as stored: absolute and normalised). */
	Optional<LibraryEntry> entryAt(Path file);

	/**
	 * An entry with its file's state, every provider's latest answer in the provider order, the Gold
	 * rule's verdict on them and its history, read in one transaction; empty for an unknown id.
	 */
	Optional<EntryDetails> details(long id);

	/**
	 * Applies user overrides in one transaction and records each change in the entry's history
	 * with source {@link MetadataSource#USER}; the integrity level is assessed again. A null argument leaves that value as it is;
	 * {@code gold} true declares the entry Gold.
	 *
	 * @throws orbit.core.ActionableException for an unknown id or an impossible BPM
	 */
	default LibraryEntry override(long id, Double manualBpm, MusicalKey manualKey, boolean gold) {
		return override(id, UserOverride.set(manualBpm, manualKey, gold));
	}

	/**
	 * Applies what the user sets and clears, in one transaction, each change recorded in the entry's
	 * history with source {@link MetadataSource#USER}; the integrity level is assessed again.
	 *
	 * @throws orbit.core.ActionableException for an unknown id or an impossible BPM
	 */
	LibraryEntry override(long id, UserOverride change);

	/**
	 * Reads the tags of one entry's file again, as a scan would, in one transaction: changed
	 * values get history rows with source {@link MetadataSource#FILE_TAGS}. Idempotent. Empty when
	 * the file is not in the library.
	 *
	 * @throws orbit.core.ActionableException when the file cannot be read
	 */
	Optional<LibraryEntry> refreshEntry(Path file);

	/** Every recorded metadata change of an entry, oldest first. */
	List<HistoryRecord> history(long id);

	/**
	 * Scans a folder tree into the library (see {@link ScanReport}): every readable audio file
	 * becomes an entry of its own; a file that cannot be read is reported with its reason and never
	 * stops the scan. Afterwards every recording's standing copy is decided again from the whole
	 * library (see {@link #duplicates()}).
	 */
	ScanReport scan(Path folder, ScanProgress progress);

	/**
	 * Checks the audio of every entry under a folder that has not been checked since its file last
	 * changed, with the checks a scan can afford (FLAC frame CRCs and length, MPEG frame sync and
	 * count), and keeps each verdict with its entry. Meant to follow a scan, in the background.
	 */
	AudioCheckReport checkAudio(Path folder, ScanProgress progress);

	/**
	 * Keeps what a check of a file's audio found with its entry (the {@code verify} command decodes
	 * it in full). Empty when the file is not in the library.
	 */
	Optional<LibraryEntry> recordAudioCheck(Path file, boolean intact, String detail, boolean decoded);

	/**
	 * Files the scans could not read, with their reasons, by path. A problem is kept until a scan
	 * reads the file or no longer finds it.
	 */
	List<ScanProblem> scanProblems();

	/**
	 * Every entry that is a copy of a recording another entry stands for (tags that name the same
	 * recording, lengths within {@link #COPY_DURATION_TOLERANCE_SECONDS}), by standing entry. The
	 * standing copy is the best one: lossless over lossy, the higher bitrate, where the music lives
	 * over a downloads folder; never merely the first one scanned.
	 */
	List<DuplicateFile> duplicates();

	/**
	 * Imports a playlist (CSV: plain Artist/Title/Album columns or a Spotify export's columns;
	 * M3U/M3U8) and matches its rows to library entries. A playlist imports whole or not at all:
	 * a file of any length is read as a stream and written in batches, and only its last batch
	 * shows it in {@link #playlists()}. Importing a file that was imported before updates that
	 * playlist, in one transaction: its rows become the file's rows, each keeping the rating, liked
	 * flag and plays it had.
	 *
	 * @throws orbit.core.ActionableException for a file that is no playlist ORBIT reads, or a malformed
	 *         line (named); then no playlist is created
	 */
	default PlaylistSummary importPlaylist(Path file) {
		return importPlaylist(file, ScanProgress.NONE);
	}

	/** As {@link #importPlaylist(Path)}, telling rows done of the file's rows ({@link ScanProgress#fileDone}). */
	PlaylistSummary importPlaylist(Path file, ScanProgress progress);

	/** Every imported playlist with its stats, oldest first. */
	List<PlaylistSummary> playlists();

	/** The playlist with this id; empty when there is none (or its import is still under way). */
	Optional<PlaylistSummary> playlist(long id);

	/** A playlist's rows in order, each with the entry it found and its state; empty for an unknown id. */
	List<PlaylistTrack> playlistTracks(long playlistId);

	/**
	 * Rates a playlist row (1 to 5; 0 takes the rating away) and likes or unlikes it; null leaves
	 * either as it is.
	 *
	 * @throws orbit.core.ActionableException when the playlist has no such position, or the rating is
	 *         not 0 to 5
	 */
	default PlaylistTrack markPlaylistTrack(long playlistId, int position, Integer rating, Boolean liked) {
		return markPlaylistTracks(playlistId, List.of(position), rating, liked).get(0);
	}

	/**
	 * Rates and likes several rows of a playlist as {@link #markPlaylistTrack} does, in one
	 * transaction: every row is marked or none is. Returns the marked rows, in the order given.
	 */
	List<PlaylistTrack> markPlaylistTracks(long playlistId, List<Integer> positions, Integer rating, Boolean liked);

	/**
	 * The picture embedded in a file's tags (its front cover when it marks one), read from the file
	 * now; empty when it has none or cannot be read.
	 */
	Optional<byte[]> artwork(Path file);

	/**
	 * Appends library entries to the playlist called {@code name}, made (as the DJ's own) when no
	 * playlist has that name.
	 *
	 * @return the playlist, with its new stats
	 * @throws orbit.core.ActionableException for a blank name or an id that is no entry
	 */
	PlaylistSummary addToPlaylist(String name, long[] entryIds);

	/**
	 * Counts a play of the entry's track, at {@code at}, in every playlist row that found it.
	 *
	 * @return the rows counted
	 */
	int countPlay(long entryId, Instant at);

	/**
	 * Writes a playlist in {@code format}. Only rows whose file was found become tracks: an M3U8
	 * names the others in comments, Rekordbox's XML leaves them out.
	 *
	 * @return how many tracks were written (the rows whose file was found)
	 * @throws orbit.core.ActionableException for an unknown playlist
	 */
	int writePlaylist(long playlistId, PlaylistFormat format, OutputStream out) throws IOException;

	/**
	 * Entries whose title, artist, album or file path contains {@code text} (ignoring case; null:
	 * any) at {@code level} (null: any), ordered by id.
	 */
	List<LibraryEntry> findEntries(String text, IntegrityLevel level, long offset, int limit);

	/** As {@link #findEntries(String, IntegrityLevel, long, int)}, keeping only entries in this audio state. */
	List<LibraryEntry> findEntries(String text, IntegrityLevel level, AudioState audio, long offset, int limit);

	/** As above, keeping only entries whose measured quality is of this kind (null: any). */
	List<LibraryEntry> findEntries(String text, IntegrityLevel level, AudioState audio, AudioQuality.Kind quality,
			long offset, int limit);

	/**
	 * Measures the audio of every entry under {@code folder} whose quality was not measured since
	 * its file last changed: its fingerprint ({@code SpectralHash}) and, for lossless formats,
	 * whether the audio is genuinely lossless ({@code QualityConfidence}). Each file is decoded
	 * whole, so this is slow; a cancelled run keeps what it measured and the next goes on.
	 */
	QualityReport measureQuality(Path folder, ScanProgress progress);

	/**
	 * The ids of the entries a query selects, in its order: one read, so that a view can page
	 * through them by id (see {@link #listings}) whatever the order.
	 */
	long[] entryIds(EntryQuery query);

	/** These entries with their files' states, in the order given; ids no longer in the library are skipped. */
	List<LibraryListing> listings(long[] ids);
}
