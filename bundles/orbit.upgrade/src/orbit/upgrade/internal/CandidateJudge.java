package orbit.upgrade.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

import orbit.audio.Alignment;
import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.audio.LosslessVerdict;
import orbit.audio.Pcm;
import orbit.audio.StreamInfo;
import orbit.library.Library;
import orbit.library.LibraryEntry;
import orbit.library.UpgradeCandidate;
import orbit.library.UpgradeState;

/**
 * The verdict on one candidate file: which entry it could replace (the same artist and title in
 * its tags, a length within {@link Library#COPY_DURATION_TOLERANCE_SECONDS}), then what the audio
 * says: the same recording and the offset, a genuinely lossless file or a transcode, and whether
 * it is better than the entry's file at all.
 */
final class CandidateJudge {

	/** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
	private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

	/** A lossy file must carry this much more bitrate to be worth a swap (128 → 160, 192 → 256). */
	static final double LOSSY_GAIN = 1.2;

	private final Library library;
	private final AudioDecoder decoder;
	private final AudioAnalysis analysis;

	CandidateJudge(Library library, AudioDecoder decoder, AudioAnalysis analysis) {
		this.library = library;
		this.decoder = decoder;
		this.analysis = analysis;
		JAUDIOTAGGER_LOG.setLevel(Level.OFF);
	}

	UpgradeCandidate judge(Path file) {
		StreamInfo info;
		try {
			info = decoder.probe(file);
		} catch (AudioException e) {
			return rejected(file, null, null, "rejected: cannot be decoded: " + e.getMessage());
		}
		String[] names = artistAndTitle(file);
		if (names == null) {
			return rejected(file, null, info, "rejected: no artist and title tags to match it by");
		}
		List<LibraryEntry> named = library.findEntries(names[1], null, 0, 500).stream()
				.filter(e -> same(e.artist(), names[0]) && same(e.title(), names[1]) && !e.filePath().equals(file.toString()))
				.toList();
		if (named.isEmpty()) {
			return rejected(file, null, info, "rejected: no library track is " + names[0] + " - " + names[1]);
		}
		double length = info.durationSeconds();
		Optional<LibraryEntry> match = named.stream().filter(e -> e.durationSeconds() == null || Double.isNaN(length)
				|| Math.abs(e.durationSeconds() - length) <= Library.COPY_DURATION_TOLERANCE_SECONDS + 1).findFirst();
		if (match.isEmpty()) {
			LibraryEntry e = named.get(0);
			return rejected(file, e.id(), info, String.format(Locale.ROOT,
					"rejected: its length (%s) differs from #%d's (%s) by more than %d s", minutes(length), e.id(),
					minutes(e.durationSeconds()), Library.COPY_DURATION_TOLERANCE_SECONDS));
		}
		return judge(file, info, match.get());
	}

	private UpgradeCandidate judge(Path file, StreamInfo info, LibraryEntry entry) {
		StreamInfo current;
		try {
			current = decoder.probe(Path.of(entry.filePath()));
		} catch (AudioException e) {
			return rejected(file, entry.id(), info, "rejected: #" + entry.id() + "'s own file cannot be decoded: "
					+ e.getMessage());
		}
		if (!better(info, current)) {
			return rejected(file, entry.id(), info,
					"rejected: not better: " + quality(info) + " does not improve on " + quality(current));
		}
		Pcm candidate, original;
		try {
			candidate = decoder.decode(file);
			original = decoder.decode(Path.of(entry.filePath()));
		} catch (AudioException e) {
			return rejected(file, entry.id(), info, "rejected: cannot be decoded: " + e.getMessage());
		}
		if (info.codec().lossless()) {
			LosslessVerdict verdict = analysis.verdict(candidate);
			if (verdict.kind() == LosslessVerdict.Kind.TRANSCODED) {
				return rejected(file, entry.id(), info,
						"rejected: transcoded from lossy, about " + verdict.estimatedKbps() + " kbps");
			}
			if (verdict.kind() == LosslessVerdict.Kind.CANNOT_TELL) {
				return rejected(file, entry.id(), info,
						"rejected: cannot tell whether its lossless audio is genuine (too little high-frequency content)");
			}
		}
		Alignment alignment = analysis.align(original, candidate);
		if (!alignment.sameRecording()) {
			return new UpgradeCandidate(0, file, entry.id(), info.codec().label(), info.bitrateKbps(), info.bitsPerSample(),
					info.sampleRate(), candidate.durationSeconds(), UpgradeState.REJECTED, String.format(Locale.ROOT,
							"rejected: different recording (confidence %.2f)", alignment.confidence()),
					alignment.confidence(), null, java.time.Instant.now(), null, null, null, null, null, null);
		}
		String reason = String.format(Locale.ROOT, "ready: %s replaces %s, offset %+.0f ms", quality(info),
				quality(current), alignment.offsetMillis());
		return UpgradeCandidate.found(file, entry.id(), info.codec().label(), info.bitrateKbps(), info.bitsPerSample(),
				info.sampleRate(), candidate.durationSeconds(), UpgradeState.READY, reason, alignment.confidence(),
				alignment.offsetMillis());
	}

	/** Lossless beats lossy; among lossless, more bits then a higher rate; among lossy, clearly more bitrate. */
	static boolean better(StreamInfo candidate, StreamInfo current) {
		boolean lossless = candidate.codec().lossless();
		if (lossless != current.codec().lossless()) {
			return lossless;
		}
		if (lossless) {
			return candidate.bitsPerSample() > current.bitsPerSample()
					|| candidate.bitsPerSample() == current.bitsPerSample() && candidate.sampleRate() > current.sampleRate();
		}
		return candidate.bitrateKbps() >= current.bitrateKbps() * LOSSY_GAIN;
	}

	/** "FLAC 16/44.1", "MP3 192 kbps". */
	static String quality(StreamInfo info) {
		if (info.codec().lossless()) {
			double khz = info.sampleRate() / 1000.0;
			return String.format(Locale.ROOT, khz == Math.rint(khz) ? "%s %d/%.0f" : "%s %d/%.1f", info.codec().label(),
					info.bitsPerSample(), khz);
		}
		return info.codec().label() + " " + info.bitrateKbps() + " kbps";
	}

	private static UpgradeCandidate rejected(Path file, Long entryId, StreamInfo info, String reason) {
		return UpgradeCandidate.found(file, entryId, info == null ? null : info.codec().label(),
				info == null ? 0 : info.bitrateKbps(), info == null ? 0 : info.bitsPerSample(),
				info == null ? 0 : info.sampleRate(), info == null ? 0 : info.durationSeconds(), UpgradeState.REJECTED,
				reason, null, null);
	}

	/** The file's artist and title tags, or null when either is missing. */
	private static String[] artistAndTitle(Path file) {
		try {
			Tag tag = AudioFileIO.read(new File(file.toString())).getTag();
			if (tag == null) {
				return null;
			}
			String artist = tag.getFirst(FieldKey.ARTIST).strip();
			String title = tag.getFirst(FieldKey.TITLE).strip();
			return artist.isEmpty() || title.isEmpty() ? null : new String[] { artist, title };
		} catch (Exception e) {
			// jaudiotagger throws for files it cannot place; the decoder already said it is audio
			return null;
		}
	}

	private static boolean same(String a, String b) {
		return a != null && a.strip().equalsIgnoreCase(b.strip());
	}

	private static String minutes(Number seconds) {
		if (seconds == null || Double.isNaN(seconds.doubleValue())) {
			return "unknown";
		}
		long s = Math.round(seconds.doubleValue());
		return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
	}
}
