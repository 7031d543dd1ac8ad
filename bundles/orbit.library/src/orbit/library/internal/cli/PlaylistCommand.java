package orbit.library.internal.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.ErrorSentences;
import orbit.core.cli.CliFormat;
import orbit.core.cli.CommandContribution;
import orbit.core.cli.ProgressBar;
import orbit.library.KeyNotation;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.PlaylistFormat;
import orbit.library.PlaylistSummary;
import orbit.library.PlaylistTrack;
import orbit.library.ScanProgress;
import picocli.CommandLine.Command;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TempVerifier;
import orbit.safewrite.WriteMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orbit playlist import FILE}, {@code show}, {@code rate} and {@code export}: a playlist
 * imported from CSV or M3U and matched to the library, its tracks with their state and the DJ's
 * marks, and exports to M3U8 and Rekordbox XML.
 */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=playlist")
public class PlaylistCommand implements CommandContribution {

	@Reference
	private Library library;

	@Reference
	private SafeWriteService safeWrite;

	@Override
	public Object newCommand() {
		return new Playlist(library, safeWrite);
	}

	/**
	 * The playlist a DJ names: by its id, or by its name in any case; a name two playlists share
	 * is refused with their ids.
	 */
	static PlaylistSummary named(Library library, String nameOrId) {
		List<PlaylistSummary> all = library.playlists();
		if (nameOrId.matches("\\d+")) {
			long id = Long.parseLong(nameOrId);
			for (PlaylistSummary p : all) {
				if (p.id() == id) {
					return p;
				}
			}
		}
		List<PlaylistSummary> named = all.stream().filter(p -> p.sourceTitle().equalsIgnoreCase(nameOrId.strip())).toList();
		if (named.size() == 1) {
			return named.get(0);
		}
		if (named.isEmpty()) {
			throw new ActionableException("There is no playlist " + nameOrId, "orbit playlists lists them with their ids");
		}
		throw new ActionableException(named.size() + " playlists are called " + nameOrId + " (ids "
				+ named.stream().map(p -> Long.toString(p.id())).collect(Collectors.joining(", ")) + ")",
				"Name the one you mean by its id");
	}

	static void print(PrintWriter out, PlaylistSummary p) {
		out.printf(Locale.ROOT, "%6d  %-32.32s  %-7s  %5d total  %5d matched  %5d missing  %5d failed%n", p.id(),
				p.sourceTitle(), p.sourceType(), p.totalTracks(), p.successfulCount(), p.missingCount(), p.failedCount());
	}

	@Command(name = "playlist", description = "Work with playlists.", subcommands = { Import.class, Show.class, Rate.class,
			Export.class })
	static final class Playlist implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		final Library library;
		final SafeWriteService safeWrite;

		Playlist(Library library, SafeWriteService safeWrite) {
			this.library = library;
			this.safeWrite = safeWrite;
		}

		@Override
		public Integer call() {
			spec.commandLine().usage(spec.commandLine().getOut());
			return 0;
		}
	}

	@Command(name = "import", description = { "Import a playlist (CSV, Spotify CSV export, M3U, M3U8), with a progress bar on stderr.",
			"A playlist imports whole or not at all: a malformed line is named and nothing is imported." })
	static final class Import implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@picocli.CommandLine.ParentCommand
		Playlist parent;

		@Parameters(paramLabel = "FILE")
		Path file;

		@Override
		public Integer call() {
			ProgressBar bar = ProgressBar.onConsole(spec.commandLine().getErr());
			boolean[] shown = { false };
			PlaylistSummary imported;
			try {
				imported = parent.library.importPlaylist(file, new ScanProgress() {
					@Override
					public void fileDone(int done, int total) {
						shown[0] = true;
						bar.show(done, total, String.format(Locale.ROOT, "%,d/%,d rows", done, total));
					}
				});
			} finally {
				// A file refused before its first row leaves no empty bar line above the error.
				if (shown[0]) {
					bar.finish();
				}
			}
			print(spec.commandLine().getOut(), imported);
			return 0;
		}
	}

	@Command(name = "show", description = { "A playlist's tracks in order, with their state, BPM, key, rating and plays.",
			"Each row: position, state (found, file missing, not in library, no track), artist - title, BPM, key,",
			"rating, liked, plays and the last play; then the playlist's stats." })
	static final class Show implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@picocli.CommandLine.ParentCommand
		Playlist parent;

		@Parameters(paramLabel = "NAME|ID", description = "The playlist's name or its id (orbit playlists lists them).")
		String playlist;

		@Option(names = "--notation", description = "Key notation: ${COMPLETION-CANDIDATES} (default: camelot).")
		KeyNotation notation = KeyNotation.CAMELOT;

		@Override
		public Integer call() {
			PlaylistSummary p = named(parent.library, playlist);
			PrintWriter out = spec.commandLine().getOut();
			out.printf(Locale.ROOT, "%s (#%d, %s, imported %s)%n", p.sourceTitle(), p.id(), p.sourceType(),
					CliFormat.time(p.createdAt()));
			for (PlaylistTrack t : parent.library.playlistTracks(p.id())) {
				LibraryEntry e = t.entry();
				String bpm = e == null ? "-" : e.resolvedBpm().value().map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("-");
				String key = e == null ? "-" : e.resolvedKey().value().map(k -> k.format(notation)).orElse("-");
				out.printf(Locale.ROOT, "%4d  %-14s  %-48.48s  %6s  %-4s  %-5s  %s  %3d plays  %s%n", t.position(),
						t.state().label(), t.displayName(), bpm, key, stars(t.rating()), t.liked() ? "\u2665" : " ",
						t.playCount(), t.lastPlayedAt() == null ? "-" : CliFormat.time(t.lastPlayedAt()));
			}
			PlaylistSummary now = parent.library.playlist(p.id()).orElse(p);
			out.printf(Locale.ROOT, "%d track(s): %d found in the library, %d not in it, %d naming no track%n",
					now.totalTracks(), now.successfulCount(), now.missingCount(), now.failedCount());
			return 0;
		}

		private static String stars(Integer rating) {
			return rating == null ? "-" : "*".repeat(rating);
		}
	}

	@Command(name = "rate", description = "Rate a playlist's track (1 to 5 stars, 0 takes the rating away) or like it.")
	static final class Rate implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@picocli.CommandLine.ParentCommand
		Playlist parent;

		@Parameters(index = "0", paramLabel = "NAME|ID", description = "The playlist's name or its id.")
		String playlist;

		@Parameters(index = "1", paramLabel = "POSITION", description = "The track's position (orbit playlist show lists them).")
		int position;

		@Option(names = "--rating", paramLabel = "STARS", description = "1 to 5 stars; 0 takes the rating away.")
		Integer rating;

		@Option(names = "--liked", negatable = true, description = "Like the track (--no-liked: unlike it).")
		Boolean liked;

		@Override
		public Integer call() {
			if (rating == null && liked == null) {
				throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Give --rating STARS, --liked or --no-liked");
			}
			PlaylistSummary p = named(parent.library, playlist);
			PlaylistTrack t = parent.library.markPlaylistTrack(p.id(), position, rating, liked);
			spec.commandLine().getOut().printf(Locale.ROOT, "%s #%d %s: rating %s, %s%n", p.sourceTitle(), t.position(),
					t.displayName(), t.rating() == null ? "-" : t.rating() + "/5", t.liked() ? "liked" : "not liked");
			return 0;
		}
	}

	@Command(name = "export", description = { "Export a playlist as M3U8 or as Rekordbox XML.",
			"Rekordbox reads the XML through File > Import Collection; Engine DJ and Lexicon read it too. Only tracks",
			"whose file is found are exported; the file is written whole or not at all." })
	static final class Export implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@picocli.CommandLine.ParentCommand
		Playlist parent;

		@Parameters(paramLabel = "NAME|ID", description = "The playlist's name or its id.")
		String playlist;

		@Option(names = "--format", required = true, description = "${COMPLETION-CANDIDATES}")
		PlaylistFormat format;

		@Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
		Path out;

		@Override
		public Integer call() throws IOException {
			PlaylistSummary p = named(parent.library, playlist);
			Path target = out.toAbsolutePath().normalize();
			if (Files.isDirectory(target)) {
				target = target.resolve(p.sourceTitle() + "." + format.extension());
			}
			Path written = target;
			int[] found = new int[1];
			try {
				Files.createDirectories(written.getParent());
				parent.safeWrite.writeAtomic(written, WriteMode.REPLACE, temp -> {
					try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temp))) {
						found[0] = parent.library.writePlaylist(p.id(), format, stream);
					}
				}, TempVerifier.NOT_EMPTY);
			} catch (IOException | RuntimeException e) {
				throw ErrorSentences.actionable(e, written);
			}
			spec.commandLine().getOut().printf(Locale.ROOT, "Exported %s (%d of %d track(s), the others not found) to %s%n",
					p.sourceTitle(), found[0], p.totalTracks(), written);
			return 0;
		}
	}
}
