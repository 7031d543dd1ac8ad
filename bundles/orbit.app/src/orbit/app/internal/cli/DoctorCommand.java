package orbit.app.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

import orbit.core.ActionableException;
import orbit.core.DataDirectory;
import orbit.core.ErrorSentences;
import orbit.core.cli.CommandContribution;
import orbit.enrichment.Credential;
import orbit.enrichment.EnrichmentProvider;
import orbit.enrichment.ProviderCredentials;
import orbit.library.Library;
import orbit.library.LibraryHealth;
import orbit.recovery.CrashRecoveryJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code orbit doctor}: a health report of everything the product opens: the runtime, the data
 * directory and its free space, the library database, the recovery journal, the OSGi
 * configuration area and the providers' credentials (present or missing, never their values).
 * Exits 0 when nothing failed (warnings allowed), 1 otherwise.
 */
@Component(service = CommandContribution.class, property = CommandContribution.NAME + "=doctor")
public class DoctorCommand implements CommandContribution {

	static final int MINIMUM_JAVA = 21;
	/** Below this, writes may be refused: SafeWrite warns at the same threshold. */
	static final long LOW_SPACE_BYTES = 100L * 1024 * 1024;

	/** The journal's file in the data directory (orbit.recovery keeps it there). */
	static final String JOURNAL_FILE = "journal.db";
	/** Where Equinox keeps its configuration area (a file: URL). */
	static final String CONFIGURATION_AREA = "osgi.configuration.area";

	@Reference
	private DataDirectory dataDirectory;

	@Reference
	private Library library;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile CrashRecoveryJournal journal;

	@Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
	private volatile ProviderCredentials credentials;

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	private final List<EnrichmentProvider> providers = new CopyOnWriteArrayList<>();

	@Override
	public Object newCommand() {
		return new Doctor(dataDirectory, library, journal, credentials, List.copyOf(providers));
	}

	/** One line of the report. */
	record Check(Status status, String subject, String detail) {
	}

	enum Status {
		OK("ok"), WARN("warn"), FAIL("FAIL");

		final String label;

		Status(String label) {
			this.label = label;
		}
	}

	@Command(name = "doctor", description = "Check the Java runtime, the data directory, free space, the library database, "
			+ "the recovery journal, the configuration area and the providers' credentials.")
	static final class Doctor implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		private final DataDirectory dataDirectory;
		private final Library library;
		private final CrashRecoveryJournal journal;
		private final ProviderCredentials credentials;
		private final List<EnrichmentProvider> providers;

		Doctor(DataDirectory dataDirectory, Library library, CrashRecoveryJournal journal, ProviderCredentials credentials,
				List<EnrichmentProvider> providers) {
			this.dataDirectory = dataDirectory;
			this.library = library;
			this.journal = journal;
			this.credentials = credentials;
			this.providers = providers;
		}

		@Override
		public Integer call() {
			List<Check> checks = new ArrayList<>();
			checks.add(java());
			boolean directoryUsable = directory(checks);
			if (directoryUsable) {
				checks.add(freeSpace());
				database(checks);
				journal(checks);
				credentials(checks);
			} else {
				checks.add(new Check(Status.FAIL, "library", "not checked: the data directory is unusable"));
				checks.add(new Check(Status.FAIL, "journal", "not checked: the data directory is unusable"));
			}
			checks.add(configurationArea());
			PrintWriter out = spec.commandLine().getOut();
			out.println("ORBIT " + OrbitVersion.orbit() + " health report");
			for (Check check : checks) {
				out.printf("  [%-4s] %-16s %s%n", check.status().label, check.subject(), check.detail());
			}
			long failures = checks.stream().filter(c -> c.status() == Status.FAIL).count();
			long warnings = checks.stream().filter(c -> c.status() == Status.WARN).count();
			out.println(failures == 0 ? "Healthy" + (warnings > 0 ? " (" + warnings + " warning(s))" : "") + "."
					: failures + " problem(s) found.");
			return failures == 0 ? 0 : 1;
		}

		private static Check java() {
			int feature = Runtime.version().feature();
			String detail = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") at "
					+ System.getProperty("java.home");
			return feature >= MINIMUM_JAVA ? new Check(Status.OK, "java", detail)
					: new Check(Status.FAIL, "java", detail + ": ORBIT needs Java " + MINIMUM_JAVA + " or newer");
		}

		private boolean directory(List<Check> checks) {
			try {
				Path path = dataDirectory.ensureWritable();
				checks.add(new Check(Status.OK, "data directory", path + " (" + dataDirectory.origin() + ", writable)"));
				return true;
			} catch (ActionableException e) {
				checks.add(new Check(Status.FAIL, "data directory", e.getMessage()));
				return false;
			}
		}

		private Check freeSpace() {
			try {
				FileStore store = Files.getFileStore(dataDirectory.path());
				long usable = store.getUsableSpace();
				String detail = humanBytes(usable) + " free of " + humanBytes(store.getTotalSpace()) + " on " + store;
				return usable < LOW_SPACE_BYTES
						? new Check(Status.WARN, "free space", detail + ": below " + humanBytes(LOW_SPACE_BYTES)
								+ ", tag writes and downloads may be refused")
						: new Check(Status.OK, "free space", detail);
			} catch (IOException e) {
				return new Check(Status.WARN, "free space", "unknown (" + e.getMessage() + ")");
			}
		}

		private void database(List<Check> checks) {
			try {
				LibraryHealth health = library.health();
				String file = health.databaseFile() + " (" + humanBytes(health.fileBytes()) + ", journal "
						+ health.journalMode() + ")";
				checks.add(new Check(Status.OK, "library file", file));
				checks.add(new Check(health.schemaVersion() == health.latestSchemaVersion() ? Status.OK : Status.FAIL,
						"schema", "version " + health.schemaVersion() + " of " + health.latestSchemaVersion()));
				if (health.integrityProblems().isEmpty()) {
					checks.add(new Check(Status.OK, "integrity", "PRAGMA integrity_check: ok, " + health.tracks() + " track(s)"));
				} else {
					checks.add(new Check(Status.FAIL, "integrity",
							"PRAGMA integrity_check: " + String.join("; ", health.integrityProblems())));
				}
			} catch (RuntimeException e) {
				checks.add(new Check(Status.FAIL, "library", ErrorSentences.sentence(e, dataDirectory.path())));
			}
		}

		/**
		 * The journal is read as a file first (read-only, so a damaged one stays as it is), then
		 * through the journal service: its active checkpoints and dead letters.
		 */
		private void journal(List<Check> checks) {
			Path file = dataDirectory.resolve(JOURNAL_FILE).toAbsolutePath().normalize();
			if (!Files.exists(file)) {
				checks.add(new Check(Status.OK, "journal", file + " not created yet (no operation journaled)"));
				return;
			}
			List<String> problems = new ArrayList<>();
			SQLiteConfig readOnly = new SQLiteConfig();
			readOnly.setReadOnly(true);
			try (Connection connection = new JDBC().connect(JDBC.PREFIX + file, readOnly.toProperties());
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
				while (rows.next()) {
					if (!"ok".equalsIgnoreCase(rows.getString(1))) {
						problems.add(rows.getString(1));
					}
				}
			} catch (SQLException e) {
				String reason = e.getMessage() == null ? "unreadable" : e.getMessage().replaceAll("\\[SQLITE_[A-Z_]+\\] *", "");
				checks.add(new Check(Status.FAIL, "journal", "the recovery journal " + file + " cannot be read (" + reason
						+ "); move it aside and ORBIT starts an empty one (what it recorded is then not recovered)"));
				return;
			}
			if (!problems.isEmpty()) {
				checks.add(new Check(Status.FAIL, "journal", "the recovery journal " + file + " is damaged, PRAGMA "
						+ "integrity_check: " + String.join("; ", problems) + "; move it aside and ORBIT starts an empty one"));
				return;
			}
			if (journal == null) {
				checks.add(new Check(Status.WARN, "journal", file + " PRAGMA integrity_check: ok; the journal service is not running"));
				return;
			}
			try {
				int active = journal.active().size();
				int dead = journal.deadLetters().size();
				checks.add(new Check(Status.OK, "journal", file + " (" + humanBytes(Files.size(file))
						+ "), PRAGMA integrity_check: ok, " + active + " active checkpoint(s)"));
				checks.add(dead == 0 ? new Check(Status.OK, "dead letters", "none")
						: new Check(Status.WARN, "dead letters", dead + " operation(s) gave up after repeated failures: see "
								+ journal.deadLetterLog() + " and 'orbit dead-letters'"));
			} catch (IOException | RuntimeException e) {
				checks.add(new Check(Status.FAIL, "journal", ErrorSentences.sentence(e, file)));
			}
		}

		/** Whether each provider has what it needs: present or missing, never a value. */
		private void credentials(List<Check> checks) {
			List<EnrichmentProvider> sorted = new ArrayList<>(providers);
			sorted.sort(java.util.Comparator.comparing(EnrichmentProvider::id));
			for (EnrichmentProvider provider : sorted) {
				List<Credential> needed = provider.credentials();
				if (needed.isEmpty()) {
					checks.add(new Check(Status.OK, "credentials", provider.id() + ": none needed"));
					continue;
				}
				if (credentials == null) {
					checks.add(new Check(Status.WARN, "credentials", provider.id() + ": the credential store is not running"));
					continue;
				}
				try {
					List<String> present = new ArrayList<>();
					List<String> missing = new ArrayList<>();
					for (Credential credential : needed) {
						(credentials.get(provider.id(), credential.key()).isPresent() ? present : missing).add(credential.label());
					}
					String detail = provider.id() + ": " + (present.isEmpty() ? "" : String.join(", ", present) + " present")
							+ (present.isEmpty() || missing.isEmpty() ? "" : "; ")
							+ (missing.isEmpty() ? "" : String.join(", ", missing) + " missing (enrich skips "
									+ provider.displayName() + "; set them in the preferences)");
					checks.add(new Check(missing.isEmpty() ? Status.OK : Status.WARN, "credentials", detail));
				} catch (RuntimeException e) {
					checks.add(new Check(Status.FAIL, "credentials", provider.id() + ": "
							+ ErrorSentences.sentence(e, dataDirectory.path())));
				}
			}
		}

		/** Equinox writes its bundle cache there at every start: it must be writable. */
		private static Check configurationArea() {
			String area = System.getProperty(CONFIGURATION_AREA);
			if (area == null || area.isBlank()) {
				return new Check(Status.WARN, "configuration", "the OSGi configuration area is not set (" + CONFIGURATION_AREA + ")");
			}
			Path folder;
			try {
				folder = area.startsWith("file:") ? Path.of(java.net.URI.create(area.replace(" ", "%20"))) : Path.of(area);
			} catch (RuntimeException e) {
				return new Check(Status.WARN, "configuration", "the OSGi configuration area " + area + " is no folder path");
			}
			// A real write: permission bits alone do not show a read-only mount, nor bind root.
			try {
				Path probe = Files.createTempFile(folder, ".doctor", ".tmp");
				Files.delete(probe);
				return new Check(Status.OK, "configuration", folder + " (OSGi configuration area, writable)");
			} catch (IOException | RuntimeException e) {
				return new Check(Status.FAIL, "configuration", "the OSGi configuration area " + folder + " is not writable ("
						+ ErrorSentences.sentence(e, folder) + ")");
			}
		}
	}

	static String humanBytes(long bytes) {
		if (bytes < 0) {
			return "unknown size";
		}
		String[] units = { "B", "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
	}
}
