package orbit.recovery.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import orbit.core.DataDirectory;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.DeadLetter;

/**
 * The {@link CrashRecoveryJournal} service: {@code journal.db} and {@code dead_letters.log} in
 * the data directory, opened on first use, closed cleanly when the application stops.
 */
@Component(service = { CrashRecoveryJournal.class, JournalService.class })
public class JournalService implements CrashRecoveryJournal {

	public static final String JOURNAL_FILE = "journal.db";
	public static final String DEAD_LETTER_LOG = "dead_letters.log";

	@Reference
	private DataDirectory dataDirectory;

	private SqliteJournal journal;

	/** The open journal; reopened when the data directory changed (another --home). */
	public synchronized SqliteJournal journal() {
		Path file = dataDirectory.resolve(JOURNAL_FILE).toAbsolutePath().normalize();
		if (journal != null && !journal.file().equals(file)) {
			journal.close();
			journal = null;
		}
		if (journal == null) {
			dataDirectory.ensureWritable();
			journal = new SqliteJournal(file, dataDirectory.resolve(DEAD_LETTER_LOG), Clock.systemUTC());
		}
		return journal;
	}

	@Deactivate
	synchronized void deactivate() {
		if (journal != null) {
			journal.close();
			journal = null;
		}
	}

	@Override
	public String log(String operationType, Path target, String stateJson, int priority) {
		return journal().log(operationType, target, stateJson, priority);
	}

	@Override
	public void update(String id, String stateJson) {
		journal().update(id, stateJson);
	}

	@Override
	public void heartbeat(String id, long progress) {
		journal().heartbeat(id, progress);
	}

	@Override
	public Path deadLetterLog() {
		return dataDirectory.resolve(DEAD_LETTER_LOG);
	}

	@Override
	public void flush() {
		journal().flush();
	}

	@Override
	public void complete(String id) {
		journal().complete(id);
	}

	@Override
	public List<orbit.recovery.Checkpoint> active() {
		return journal().active();
	}

	@Override
	public List<DeadLetter> deadLetters() {
		return journal().deadLetters();
	}

	@Override
	public void retry(String deadLetterId) {
		journal().retry(deadLetterId);
	}

	@Override
	public long writes() {
		return journal().writes();
	}
}
