package orbit.library.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import orbit.library.LibraryEntry;
import orbit.library.MusicalKey;
import orbit.library.PlaylistFormat;
import orbit.library.PlaylistSummary;
import orbit.library.PlaylistTrack;

/**
 * Writes a playlist as extended M3U (UTF-8) or as Rekordbox's collection XML. Only tracks whose
 * file was found are written as tracks; each carries the entry's resolved values (manual, then
 * the file's tags, then online).
 */
final class PlaylistWriter {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

	private PlaylistWriter() {
	}

	static void write(PlaylistFormat format, PlaylistSummary playlist, List<PlaylistTrack> tracks, OutputStream out)
			throws IOException {
		switch (format) {
			case M3U8 -> m3u8(playlist, tracks, out);
			case REKORDBOX -> rekordbox(playlist, tracks, out);
		}
	}

	/**
	 * {@code #EXTM3U}, the playlist's name, then per found track its {@code #EXTINF} (seconds, or
	 * -1 when unknown, and "Artist - Title") and its absolute path. A track that cannot be played is
	 * named in a comment, where players skip it and a reader still sees what the playlist held.
	 */
	static void m3u8(PlaylistSummary playlist, List<PlaylistTrack> tracks, OutputStream out) throws IOException {
		Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		w.write("#EXTM3U\n");
		w.write("#PLAYLIST:" + oneLine(playlist.sourceTitle()) + "\n");
		for (PlaylistTrack track : tracks) {
			if (track.state() == PlaylistTrack.State.FOUND) {
				LibraryEntry entry = track.entry();
				int seconds = entry.resolvedDuration().value().orElse(-1);
				w.write("#EXTINF:" + seconds + "," + oneLine(track.displayName()) + "\n");
				w.write(entry.filePath() + "\n");
			} else if (track.state() != PlaylistTrack.State.NO_TRACK) {
				w.write("# " + track.state().label() + ": " + oneLine(track.displayName()) + "\n");
			}
		}
		w.flush();
	}

	/**
	 * The DJ_PLAYLISTS document Rekordbox exports and imports (File › Import Collection): a
	 * COLLECTION with each found track once (TrackID, name, artist, album, kind, size, time, BPM,
	 * tonality, rating, play count, location), and under PLAYLISTS the ROOT folder holding the
	 * playlist, whose TRACK elements name the collection's TrackIDs in order (KeyType 0).
	 */
	static void rekordbox(PlaylistSummary playlist, List<PlaylistTrack> tracks, OutputStream out) throws IOException {
		Map<Long, PlaylistTrack> collection = new LinkedHashMap<>();
		List<PlaylistTrack> playable = tracks.stream().filter(t -> t.state() == PlaylistTrack.State.FOUND).toList();
		for (PlaylistTrack track : playable) {
			collection.putIfAbsent(track.entry().id(), track);
		}
		try {
			XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
			x.writeStartDocument("UTF-8", "1.0");
			x.writeCharacters("\n");
			x.writeStartElement("DJ_PLAYLISTS");
			x.writeAttribute("Version", "1.0.0");
			x.writeCharacters("\n  ");
			x.writeEmptyElement("PRODUCT");
			x.writeAttribute("Name", "ORBIT");
			x.writeAttribute("Version", "0.1.0");
			x.writeAttribute("Company", "ORBIT");
			x.writeCharacters("\n  ");
			x.writeStartElement("COLLECTION");
			x.writeAttribute("Entries", Integer.toString(collection.size()));
			for (PlaylistTrack track : collection.values()) {
				x.writeCharacters("\n    ");
				x.writeEmptyElement("TRACK");
				collectionTrack(x, track);
			}
			x.writeCharacters("\n  ");
			x.writeEndElement();
			x.writeCharacters("\n  ");
			x.writeStartElement("PLAYLISTS");
			x.writeCharacters("\n    ");
			x.writeStartElement("NODE");
			x.writeAttribute("Type", "0");
			x.writeAttribute("Name", "ROOT");
			x.writeAttribute("Count", "1");
			x.writeCharacters("\n      ");
			x.writeStartElement("NODE");
			x.writeAttribute("Name", playlist.sourceTitle());
			x.writeAttribute("Type", "1");
			x.writeAttribute("KeyType", "0");
			x.writeAttribute("Entries", Integer.toString(playable.size()));
			for (PlaylistTrack track : playable) {
				x.writeCharacters("\n        ");
				x.writeEmptyElement("TRACK");
				x.writeAttribute("Key", Long.toString(track.entry().id()));
			}
			x.writeCharacters("\n      ");
			x.writeEndElement();
			x.writeCharacters("\n    ");
			x.writeEndElement();
			x.writeCharacters("\n  ");
			x.writeEndElement();
			x.writeCharacters("\n");
			x.writeEndElement();
			x.writeCharacters("\n");
			x.writeEndDocument();
			x.flush();
			x.close();
		} catch (XMLStreamException e) {
			throw new IOException("Cannot write the Rekordbox XML of " + playlist.sourceTitle() + ": " + e.getMessage(), e);
		}
	}

	private static void collectionTrack(XMLStreamWriter x, PlaylistTrack track) throws XMLStreamException {
		LibraryEntry e = track.entry();
		x.writeAttribute("TrackID", Long.toString(e.id()));
		x.writeAttribute("Name", e.displayTitle());
		x.writeAttribute("Artist", nonNull(e.artist()));
		x.writeAttribute("Album", nonNull(e.album()));
		x.writeAttribute("Kind", kind(e));
		x.writeAttribute("Size", Long.toString(e.fileSize()));
		x.writeAttribute("TotalTime", Integer.toString(e.resolvedDuration().value().orElse(0)));
		if (e.bitrate() > 0) {
			x.writeAttribute("BitRate", Integer.toString(e.bitrate()));
		}
		x.writeAttribute("DateAdded", DAY.format(e.addedAt()));
		e.resolvedBpm().value().ifPresent(bpm -> attribute(x, "AverageBpm", String.format(Locale.ROOT, "%.2f", bpm)));
		e.resolvedKey().value().map(MusicalKey::standard).ifPresent(key -> attribute(x, "Tonality", key));
		x.writeAttribute("Rating", Integer.toString(track.rating() == null ? 0 : track.rating() * 51));
		x.writeAttribute("PlayCount", Integer.toString(track.playCount()));
		x.writeAttribute("Location", "file://localhost" + Path.of(e.filePath()).toUri().getRawPath());
	}

	private static void attribute(XMLStreamWriter x, String name, String value) {
		try {
			x.writeAttribute(name, value);
		} catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Rekordbox's "Kind": "MP3 File", "FLAC File", "WAV File", "AIFF File", "M4A File", ... */
	private static String kind(LibraryEntry e) {
		String name = e.filePath();
		String extension = name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
		return switch (extension) {
			case "AIF" -> "AIFF File";
			case "OGG", "OPUS", "MP3", "FLAC", "WAV", "AIFF", "M4A" -> extension + " File";
			default -> e.format() == null ? "File" : e.format().toUpperCase(Locale.ROOT) + " File";
		};
	}

	private static String nonNull(String value) {
		return value == null ? "" : value;
	}

	/** A value on one line of the M3U: line breaks in a tag would start a new entry. */
	private static String oneLine(String value) {
		return value == null ? "" : value.replaceAll("[\\r\\n]+", " ");
	}
}
