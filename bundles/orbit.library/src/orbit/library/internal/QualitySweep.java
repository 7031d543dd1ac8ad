package orbit.library.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioException;
import orbit.library.AudioQuality;
import orbit.library.LibraryEntry;
import orbit.library.QualityReport;
import orbit.library.ScanProblem;
import orbit.library.ScanProgress;

/**
 * The quality measurements that follow a scan in the background: every entry under a folder whose
 * audio was not measured since its file last changed is decoded whole and measured (fingerprint,
 * lossless verdict), one file at a time at low priority (a decode holds a whole track in memory),
 * each verdict kept in a transaction of its own so that a cancelled sweep keeps what it measured.
 */
final class QualitySweep {

	private final SqlSessionFactory sessions;
	private final EntryWriter writer;
	private final AudioAnalysis analysis;
	private final ScanProgress progress;

	QualitySweep(SqlSessionFactory sessions, EntryWriter writer, AudioAnalysis analysis, ScanProgress progress) {
		this.sessions = sessions;
		this.writer = writer;
		this.analysis = analysis;
		this.progress = progress;
	}

	QualityReport run(Path folder) {
		Path root = folder.toAbsolutePath().normalize();
		String prefix = FolderScan.prefixOf(root);
		List<EntryRow> unmeasured;
		try (SqlSession session = sessions.openSession()) {
			unmeasured = session.getMapper(LibraryEntryMapper.class).unmeasuredUnder(prefix);
		}
		progress.filesFound(unmeasured.size());
		List<LibraryEntry> transcoded = new ArrayList<>();
		List<ScanProblem> unreadable = new ArrayList<>();
		int measured = 0;
		for (int i = 0; i < unmeasured.size(); i++) {
			if (progress.isCancelled()) {
				return new QualityReport(measured, transcoded, unreadable, true);
			}
			EntryRow row = unmeasured.get(i);
			try {
				AudioQuality quality = AudioQuality.of(analysis.analyze(Path.of(row.filePath)), Instant.now());
				LibraryDatabase.readThenWrite(() -> {
					try (SqlSession session = sessions.openSession(false)) {
						// Read again: a scan may have changed the entry while its file was decoded.
						EntryRow current = session.getMapper(LibraryEntryMapper.class).entryById(row.id);
						if (current != null && row.filePath.equals(current.filePath)
								&& java.util.Objects.equals(row.fileModifiedAt, current.fileModifiedAt)) {
							writer.qualityMeasured(session, current, quality, quality.checkedAt().toString());
							session.commit();
						}
						return null;
					}
				});
				measured++;
				if (quality.kind() == AudioQuality.Kind.TRANSCODED) {
					transcoded.add(row.toEntry());
				}
			} catch (AudioException e) {
				unreadable.add(new ScanProblem(Path.of(row.filePath), e.getMessage()));
			}
			progress.fileDone(i + 1, unmeasured.size());
		}
		return new QualityReport(measured, transcoded, unreadable, false);
	}
}
