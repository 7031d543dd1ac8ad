package orbit.library;

import java.nio.file.Path;
import java.util.List;

/**
 * The state of the library database, as {@code orbit doctor} reports it.
 *
 * @param integrityProblems what {@code PRAGMA integrity_check} reported; empty when healthy
 */
public record LibraryHealth(
		Path databaseFile,
		long fileBytes,
		int schemaVersion,
		int latestSchemaVersion,
		String journalMode,
		long tracks,
		List<String> integrityProblems) {

	public boolean healthy() {
		return integrityProblems.isEmpty() && schemaVersion == latestSchemaVersion;
	}
}
