package orbit.library.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import orbit.core.ActionableException;

/**
 * Brings a library database to the latest schema. Each migration runs in its own transaction
 * together with the row that records it in {@code SchemaVersion}, so a failed step leaves the
 * database at the previous version with every row intact; a new database is created whole in one.
 */
final class SchemaMigrator {

	/** Work a migration needs beyond its script (rules that live in Java), in the migration's transaction. */
	interface Step {
		void run(Connection connection) throws SQLException;
	}

	private final List<Migration> migrations;
	private final Map<Integer, Step> steps;

	SchemaMigrator(List<Migration> migrations) {
		this(migrations, Map.of());
	}

	/**
	 * @param steps work a database crossing the step's version needs; it runs on the latest schema
	 *              (its Java reads today's columns), in the transaction of the last migration applied
	 */
	SchemaMigrator(List<Migration> migrations, Map<Integer, Step> steps) {
		this.migrations = migrations;
		this.steps = steps;
	}

	/**
	 * Refuses a database from a newer ORBIT before anything is written to it; returns its
	 * current schema version (0 for a new file).
	 */
	int checkCompatible(Connection connection, String databaseName) throws SQLException {
		int current = currentVersion(connection);
		int latest = latestVersion();
		if (current > latest) {
			throw new ActionableException(databaseName + " was written by a newer ORBIT (schema version " + current
					+ ", this version knows up to " + latest + ")",
					"It was left untouched: update ORBIT, or choose another --home DIR");
		}
		return current;
	}

	/**
	 * Applies the missing migrations and returns the resulting schema version. A new database gets
	 * its whole schema in one transaction (one commit, one sync, rather than one per version); an
	 * existing one is upgraded a version per transaction. Each transaction takes the write lock
	 * first (BEGIN IMMEDIATE) and reads the version under it, so opens racing on the same file
	 * (a command run while the workstation creates the library) apply each migration once: a
	 * later one finds the work done. The connection must be in auto-commit mode.
	 */
	int migrate(Connection connection, String databaseName) throws SQLException {
		int current = checkCompatible(connection, databaseName);
		int startVersion = -1;
		while (true) {
			execute(connection, "BEGIN IMMEDIATE");
			Migration migration = null;
			try {
				current = checkCompatible(connection, databaseName);
				if (startVersion < 0) {
					startVersion = current;
				}
				int from = current;
				List<Migration> missing = migrations.stream().filter(m -> m.version() > from).toList();
				if (missing.isEmpty()) {
					execute(connection, "COMMIT");
					return current;
				}
				List<Migration> batch = from == 0 ? missing : List.of(missing.get(0));
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE IF NOT EXISTS SchemaVersion ("
							+ "Version INTEGER PRIMARY KEY, Description TEXT NOT NULL, AppliedAt TEXT NOT NULL)");
					for (Migration each : batch) {
						migration = each;
						for (String sql : statements(script(migration))) {
							statement.execute(sql);
						}
						// A new library has nothing the Java steps could carry over.
						if (startVersion > 0 && migration == migrations.get(migrations.size() - 1)) {
							for (Map.Entry<Integer, Step> step : new java.util.TreeMap<>(steps).entrySet()) {
								if (step.getKey() > startVersion) {
									step.getValue().run(connection);
								}
							}
						}
						try (PreparedStatement record = connection.prepareStatement(
								"INSERT INTO SchemaVersion (Version, Description, AppliedAt) VALUES (?, ?, ?)")) {
							record.setInt(1, migration.version());
							record.setString(2, migration.description());
							record.setString(3, Instant.now().toString());
							record.executeUpdate();
						}
					}
				}
				execute(connection, "COMMIT");
				current = migration.version();
			} catch (SQLException | RuntimeException e) {
				try {
					execute(connection, "ROLLBACK");
				} catch (SQLException notInTransaction) {
					e.addSuppressed(notInTransaction);
				}
				if (migration == null) {
					throw e;
				}
				throw new ActionableException(
						"Upgrading " + databaseName + " to schema version " + migration.version() + " failed ("
								+ e.getMessage() + ")",
						"Nothing was changed: the library is still at version " + current
								+ "; run 'orbit doctor' and report the problem",
						e);
			}
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private int latestVersion() {
		return migrations.get(migrations.size() - 1).version();
	}

	static int currentVersion(Connection connection) throws SQLException {
		try (Statement probe = connection.createStatement();
				ResultSet table = probe.executeQuery(
						"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'SchemaVersion'")) {
			if (!table.next()) {
				return 0;
			}
		}
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(Version), 0) FROM SchemaVersion")) {
			return rows.next() ? rows.getInt(1) : 0;
		}
	}

	private static String script(Migration migration) {
		try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(migration.resource())) {
			if (in == null) {
				throw new IllegalStateException("migration script missing from the bundle: " + migration.resource());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new IllegalStateException("cannot read " + migration.resource(), e);
		}
	}

	/** Splits a script at semicolons that end a line; comments on their own lines are dropped. */
	static List<String> statements(String script) {
		List<String> result = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : script.split("\\R")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("--")) {
				continue;
			}
			current.append(line).append('\n');
			if (trimmed.endsWith(";")) {
				result.add(current.toString().strip().replaceAll(";$", ""));
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			result.add(current.toString().strip());
		}
		return result;
	}
}
