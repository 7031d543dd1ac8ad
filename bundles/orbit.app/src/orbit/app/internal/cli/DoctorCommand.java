package orbit.app.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.core.ActionableException;
import orbit.core.DataDirectory;
import orbit.core.cli.CommandContribution;
import orbit.library.Library;
import orbit.library.LibraryHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code orbit doctor}: a health report of the runtime, the data directory and the library
 * database. Exits 0 when nothing failed (warnings allowed), 1 otherwise.
 */
@Component(service = CommandContribution.class)
public class DoctorCommand implements CommandContribution {

	static final int MINIMUM_JAVA = 21;
	/** Below this, writes may be refused: SafeWrite warns at the same threshold. */
	static final long LOW_SPACE_BYTES = 100L * 1024 * 1024;

	@Reference
	private DataDirectory dataDirectory;

	@Reference
	private Library library;

	@Override
	public Object newCommand() {
		return new Doctor(dataDirectory, library);
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

	@Command(name = "doctor", description = "Check the Java runtime, the data directory, free space and the library database.")
	static final class Doctor implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		private final DataDirectory dataDirectory;
		private final Library library;

		Doctor(DataDirectory dataDirectory, Library library) {
			this.dataDirectory = dataDirectory;
			this.library = library;
		}

		@Override
		public Integer call() {
			List<Check> checks = new ArrayList<>();
			checks.add(java());
			boolean directoryUsable = directory(checks);
			if (directoryUsable) {
				checks.add(freeSpace());
				database(checks);
			} else {
				checks.add(new Check(Status.FAIL, "library", "not checked: the data directory is unusable"));
			}
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
			} catch (ActionableException e) {
				checks.add(new Check(Status.FAIL, "library", e.getMessage()));
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
