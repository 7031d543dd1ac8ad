package orbit.library.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.TransactionFactory;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import orbit.core.ActionableException;
import orbit.core.SqliteNativeLibrary;
import orbit.library.MetadataSource;

/**
 * An open library database: a small connection pool on one SQLite file in WAL mode, migrated
 * to the latest schema, with MyBatis on top. {@link #close()} checkpoints the WAL and closes
 * every connection, so a clean shutdown leaves no -wal or -shm file behind.
 */
public final class LibraryDatabase implements AutoCloseable {

	/** WAL pages between automatic checkpoints (SQLite's default, stated here on purpose). */
	static final int WAL_AUTOCHECKPOINT_PAGES = 1000;
	/** How long a statement waits for another connection's write (SQLite's busy timeout). */
	static final int BUSY_TIMEOUT_MS = 10_000;
	/** The WAL file is truncated back to this size after a checkpoint, so it stays bounded. */
	static final long JOURNAL_SIZE_LIMIT_BYTES = 32L * 1024 * 1024;

	private static final Logger LOG = LoggerFactory.getLogger(LibraryDatabase.class);

	private final Path file;
	private final PooledDataSource dataSource;
	private final SqlSessionFactory sessions;
	private final int schemaVersion;

	private LibraryDatabase(Path file, PooledDataSource dataSource, SqlSessionFactory sessions, int schemaVersion) {
		this.file = file;
		this.dataSource = dataSource;
		this.sessions = sessions;
		this.schemaVersion = schemaVersion;
	}

	/**
	 * Opens (creating if needed) and migrates the database. A file that is not an SQLite
	 * database, or is damaged, is reported and left exactly as it was.
	 */
	public static LibraryDatabase open(Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		if (Files.isDirectory(absolute)) {
			throw new ActionableException(absolute + " is a directory, not a library database",
					"Move it aside or choose another --home DIR");
		}
		SqliteNativeLibrary.useKeptCopy();
		PooledDataSource dataSource = new PooledDataSource(LibraryDatabase.class.getClassLoader(), "org.sqlite.JDBC",
				"jdbc:sqlite:" + absolute, connectionProperties());
		dataSource.setPoolMaximumActiveConnections(4);
		dataSource.setPoolMaximumIdleConnections(4);
		dataSource.setDefaultAutoCommit(true);
		try {
			int version;
			try (Connection connection = dataSource.getConnection()) {
				// Read before writing: a foreign, damaged or newer file fails here untouched.
				verifyReadable(connection);
				SchemaMigrator migrator = new SchemaMigrator(Migration.ALL, Map.of(5, c -> settleOnlineValues(dataSource, c)));
				migrator.checkCompatible(connection, absolute.getFileName().toString());
				useWal(connection);
				version = migrator.migrate(connection, absolute.getFileName().toString());
			}
			SqlSessionFactory sessions = sessions(new JdbcTransactionFactory(), SearchFold.registering(dataSource));
			LOG.info("Opened library {} at schema version {}", absolute, version);
			return new LibraryDatabase(absolute, dataSource, sessions, version);
		} catch (SQLException e) {
			dataSource.forceCloseAll();
			throw explain(absolute, e);
		} catch (RuntimeException e) {
			dataSource.forceCloseAll();
			throw e;
		}
	}

	/**
	 * WAL is persistent in the file: set once, by the first open, and every later connection uses
	 * it. Switching needs the file to itself, so an open beside another process's first open (a
	 * command run while the workstation creates the library) may be refused with SQLITE_BUSY, which
	 * SQLite's busy timeout does not wait out for this pragma: it is tried again for as long.
	 */
	private static void useWal(Connection connection) throws SQLException {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(BUSY_TIMEOUT_MS);
		for (long pause = 10;; pause = Math.min(pause * 2, 250)) {
			try (Statement statement = connection.createStatement()) {
				try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
					if (mode.next() && "wal".equalsIgnoreCase(mode.getString(1))) {
						return;
					}
				}
				try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
					if (mode.next() && "wal".equalsIgnoreCase(mode.getString(1))) {
						return;
					}
				}
			} catch (SQLException e) {
				if (!busy(e) || System.nanoTime() > deadline) {
					throw e;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new SQLException("the library stayed busy: it could not be switched to write-ahead logging");
			}
			try {
				Thread.sleep(pause);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted while waiting for the library", e);
			}
		}
	}

	private static boolean busy(SQLException e) {
		return e instanceof SQLiteException sqlite
				&& (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY
						|| sqlite.getResultCode() == SQLiteErrorCode.SQLITE_LOCKED);
	}

	private static SqlSessionFactory sessions(TransactionFactory transactions, DataSource dataSource) {
		Configuration configuration = new Configuration(new Environment("orbit-library", transactions, dataSource));
		configuration.setCacheEnabled(false);
		configuration.setLocalCacheScope(org.apache.ibatis.session.LocalCacheScope.STATEMENT);
		configuration.addMapper(LibraryEntryMapper.class);
		configuration.addMapper(EntryWriteMapper.class);
		configuration.addMapper(PlaylistMapper.class);
		configuration.addMapper(ScanProblemMapper.class);
		configuration.addMapper(OnlineMetadataMapper.class);
		configuration.addMapper(UpgradeMapper.class);
		return new SqlSessionFactoryBuilder().build(configuration);
	}

	/**
	 * Schema version 5 moved every online value to the provider that gave it: each answered entry
	 * is settled again by the writer (its level by the Gold rule on every provider's answer), in the
	 * migration's own transaction and connection, which this session neither commits nor closes.
	 */
	private static void settleOnlineValues(DataSource dataSource, Connection connection) {
		ManagedTransactionFactory managed = new ManagedTransactionFactory();
		Properties keepOpen = new Properties();
		keepOpen.setProperty("closeConnection", "false");
		managed.setProperties(keepOpen);
		try (SqlSession session = sessions(managed, dataSource).openSession(connection)) {
			new EntryWriter().resettleAnswered(session, new EntryWriter.Cause(MetadataSource.ONLINE_PROVIDER, null),
					Instant.now().toString());
			session.flushStatements();
		}
	}

	private static Properties connectionProperties() {
		SQLiteConfig config = new SQLiteConfig();
		// FULL: a committed user edit survives power loss (NORMAL may lose the last commits).
		config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
		config.enforceForeignKeys(true);
		config.setBusyTimeout(BUSY_TIMEOUT_MS);
		config.setJournalSizeLimit((int) JOURNAL_SIZE_LIMIT_BYTES);
		config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WAL_AUTOCHECKPOINT_PAGES));
		return config.toProperties();
	}

	/** Reads the schema once so that a foreign or damaged file fails here, before any write. */
	private static void verifyReadable(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
			rows.next();
		}
	}

	static ActionableException explain(Path file, SQLException e) {
		SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
		if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT) {
			return new ActionableException(file + " is not a readable ORBIT library (" + (code == SQLiteErrorCode.SQLITE_NOTADB
					? "file is not a database" : "the database is damaged") + ")",
					"It was left untouched: move it aside to start a new library, or choose another --home DIR", e);
		}
		if (code == SQLiteErrorCode.SQLITE_CANTOPEN || code == SQLiteErrorCode.SQLITE_READONLY
				|| code == SQLiteErrorCode.SQLITE_PERM || code == SQLiteErrorCode.SQLITE_READONLY_DIRECTORY) {
			return new ActionableException("Cannot open " + file + " for writing (" + code.message + ")",
					"Check the permissions of the file and its directory, or choose another --home DIR", e);
		}
		if (code == SQLiteErrorCode.SQLITE_FULL) {
			return new ActionableException("The disk holding " + file + " is full",
					"Free some space and try again; nothing was lost", e);
		}
		return new ActionableException("Cannot use the library " + file + " (" + e.getMessage() + ")",
				"Run 'orbit doctor' for a health report", e);
	}

	public Path file() {
		return file;
	}

	/**
	 * Runs a transaction that reads before it writes, again when another connection committed in
	 * between: in WAL mode SQLite cannot turn a read of an older snapshot into a write
	 * (SQLITE_BUSY_SNAPSHOT), and waiting does not help; starting over on the new snapshot does.
	 */
	static <T> T readThenWrite(java.util.function.Supplier<T> transaction) {
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			} catch (RuntimeException e) {
				if (attempt >= 5 || !staleSnapshot(e)) {
					throw e;
				}
			}
		}
	}

	private static boolean staleSnapshot(Throwable e) {
		for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT) {
				return true;
			}
		}
		return false;
	}

	public int schemaVersion() {
		return schemaVersion;
	}

	public SqlSessionFactory sessions() {
		return sessions;
	}

	/** Runs {@code PRAGMA integrity_check}; an empty list means the file is healthy. */
	public List<String> integrityProblems() {
		List<String> problems = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
			while (rows.next()) {
				String line = rows.getString(1);
				if (!"ok".equalsIgnoreCase(line)) {
					problems.add(line);
				}
			}
		} catch (SQLException e) {
			problems.add(e.getMessage());
		}
		return problems;
	}

	public String pragma(String name) {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
			return rows.next() ? rows.getString(1) : null;
		} catch (SQLException e) {
			throw explain(file, e);
		}
	}

	/** Checkpoints the WAL into the database file and closes every connection. */
	@Override
	public void close() {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		} catch (SQLException e) {
			LOG.warn("WAL checkpoint of {} at close failed: {}", file, e.getMessage());
		} finally {
			dataSource.forceCloseAll();
		}
	}
}
