package orbit.recovery.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.sqlite.SQLiteConfig;

import com.google.gson.JsonObject;

import orbit.core.ActionableException;
import orbit.recovery.Checkpoint;
import orbit.recovery.CrashRecoveryJournal;
import orbit.recovery.DeadLetter;

/**
 * The journal on one dedicated SQLite connection: WAL mode, {@code synchronous=FULL} (a
 * checkpoint that was logged survives power loss), prepared statements. Every method is
 * synchronized on the connection; heartbeats are buffered and written in one transaction.
 */
public final class SqliteJournal implements CrashRecoveryJournal, AutoCloseable {

	private static final String COLUMNS = "Id, OperationType, TargetPath, StateJson, Priority, FailureCount, "
			+ "LastHeartbeat, CreatedAt, Progress, Suspended";

	private final Path file;
	private final Path deadLetterLog;
	private final Clock clock;
	private final Connection connection;
	private final PreparedStatement insert;
	private final PreparedStatement updateState;
	private final PreparedStatement updateProgress;
	private final PreparedStatement delete;
	private final PreparedStatement strike;
	private final Map<String, Long> pendingProgress = new LinkedHashMap<>();
	private final Map<String, Long> writtenProgress = new HashMap<>();
	private long writes;

	@Override
	public Path deadLetterLog() {
		return deadLetterLog;
	}

	public SqliteJournal(Path file, Path deadLetterLog, Clock clock) {
		this.file = file.toAbsolutePath().normalize();
		this.deadLetterLog = deadLetterLog;
		this.clock = clock;
		try {
			SQLiteConfig config = new SQLiteConfig();
			config.setJournalMode(SQLiteConfig.JournalMode.WAL);
			// FULL: with NORMAL a logged intent can vanish at a power cut while its file change survives.
			config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
			config.setBusyTimeout(10_000);
			// The driver directly: DriverManager does not see drivers of other bundles in OSGi.
			orbit.core.SqliteNativeLibrary.useKeptCopy();
			connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + this.file, config.toProperties());
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE IF NOT EXISTS RecoveryCheckpoints (Id TEXT PRIMARY KEY, "
						+ "OperationType TEXT NOT NULL, TargetPath TEXT NOT NULL, StateJson TEXT NOT NULL, "
						+ "Priority INTEGER NOT NULL DEFAULT 0, FailureCount INTEGER NOT NULL DEFAULT 0, "
						+ "LastHeartbeat INTEGER NOT NULL, CreatedAt TEXT NOT NULL, Progress INTEGER NOT NULL DEFAULT 0, "
						+ "Suspended INTEGER NOT NULL DEFAULT 0, LastError TEXT)");
				statement.execute("CREATE INDEX IF NOT EXISTS IX_RecoveryCheckpoints_Order "
						+ "ON RecoveryCheckpoints (Priority DESC, CreatedAt)");
				statement.execute("CREATE TABLE IF NOT EXISTS DeadLetters (Id TEXT PRIMARY KEY, OperationType TEXT NOT NULL, "
						+ "TargetPath TEXT NOT NULL, StateJson TEXT NOT NULL, Priority INTEGER NOT NULL, "
						+ "FailureCount INTEGER NOT NULL, LastError TEXT, CreatedAt TEXT NOT NULL, DeadAt TEXT NOT NULL)");
			}
			insert = connection.prepareStatement("INSERT INTO RecoveryCheckpoints (" + COLUMNS
					+ ") VALUES (?, ?, ?, ?, ?, 0, ?, ?, 0, 0)");
			updateState = connection.prepareStatement(
					"UPDATE RecoveryCheckpoints SET StateJson = ?, LastHeartbeat = ? WHERE Id = ?");
			updateProgress = connection.prepareStatement(
					"UPDATE RecoveryCheckpoints SET Progress = ?, LastHeartbeat = ? WHERE Id = ?");
			delete = connection.prepareStatement("DELETE FROM RecoveryCheckpoints WHERE Id = ?");
			strike = connection.prepareStatement("UPDATE RecoveryCheckpoints SET FailureCount = FailureCount + 1, "
					+ "Suspended = ?, LastError = COALESCE(?, LastError) WHERE Id = ? RETURNING FailureCount");
		} catch (SQLException e) {
			throw new ActionableException("The recovery journal " + this.file + " cannot be opened (" + e.getMessage() + ")",
					"Move it aside or choose another --home DIR; run 'orbit doctor'", e);
		}
	}

	public Path file() {
		return file;
	}

	@Override
	public synchronized String log(String operationType, Path target, String stateJson, int priority) {
		String id = UUID.randomUUID().toString();
		Instant now = clock.instant();
		execute(() -> {
			insert.setString(1, id);
			insert.setString(2, operationType);
			insert.setString(3, target.toAbsolutePath().normalize().toString());
			insert.setString(4, stateJson);
			insert.setInt(5, priority);
			insert.setLong(6, now.toEpochMilli());
			insert.setString(7, now.toString());
			insert.executeUpdate();
		});
		return id;
	}

	@Override
	public synchronized void update(String id, String stateJson) {
		execute(() -> {
			updateState.setString(1, stateJson);
			updateState.setLong(2, clock.millis());
			updateState.setString(3, id);
			updateState.executeUpdate();
		});
	}

	@Override
	public synchronized void heartbeat(String id, long progress) {
		long last = writtenProgress.getOrDefault(id, 0L);
		if (Math.abs(progress - last) < HEARTBEAT_THRESHOLD_BYTES) {
			pendingProgress.remove(id);
			return;
		}
		pendingProgress.put(id, progress);
	}

	@Override
	public synchronized void flush() {
		if (pendingProgress.isEmpty()) {
			return;
		}
		long now = clock.millis();
		transaction(() -> {
			for (Map.Entry<String, Long> entry : pendingProgress.entrySet()) {
				updateProgress.setLong(1, entry.getValue());
				updateProgress.setLong(2, now);
				updateProgress.setString(3, entry.getKey());
				updateProgress.addBatch();
			}
			updateProgress.executeBatch();
		});
		writtenProgress.putAll(pendingProgress);
		pendingProgress.clear();
	}

	@Override
	public synchronized void complete(String id) {
		pendingProgress.remove(id);
		writtenProgress.remove(id);
		execute(() -> {
			delete.setString(1, id);
			delete.executeUpdate();
		});
	}

	/** Counts a strike against a checkpoint, durably; returns its strikes. */
	public synchronized int strike(String id, String error) {
		return strike(id, error, false);
	}

	/**
	 * Counts the strike of a failed recovery attempt. The checkpoint is left in a known state,
	 * so finding it at the next start is no crash and counts no further strike.
	 */
	public synchronized int fail(String id, String error) {
		return strike(id, error, true);
	}

	private int strike(String id, String error, boolean suspended) {
		int[] count = { 0 };
		execute(() -> {
			strike.setInt(1, suspended ? 1 : 0);
			strike.setString(2, error);
			strike.setString(3, id);
			try (ResultSet rows = strike.executeQuery()) {
				count[0] = rows.next() ? rows.getInt(1) : 0;
			}
		});
		return count[0];
	}

	/**
	 * Takes over the checkpoints a recovery run is about to attempt, in one transaction: each one
	 * a crash left behind gets its strike, each one a clean shutdown left is unsuspended (from now
	 * on a crash counts). Returns the strikes of each.
	 */
	public synchronized Map<String, Integer> takeOver(List<Checkpoint> checkpoints) {
		Map<String, Integer> strikes = new HashMap<>();
		if (checkpoints.isEmpty()) {
			return strikes;
		}
		transaction(() -> {
			try (PreparedStatement crashed = connection.prepareStatement("UPDATE RecoveryCheckpoints SET "
					+ "FailureCount = FailureCount + 1, LastError = 'interrupted by a crash' WHERE Id = ?");
					PreparedStatement resumed = connection
							.prepareStatement("UPDATE RecoveryCheckpoints SET Suspended = 0 WHERE Id = ?")) {
				for (Checkpoint c : checkpoints) {
					PreparedStatement statement = c.suspended() ? resumed : crashed;
					statement.setString(1, c.id());
					statement.addBatch();
					strikes.put(c.id(), c.failureCount() + (c.suspended() ? 0 : 1));
				}
				crashed.executeBatch();
				resumed.executeBatch();
			}
		});
		return strikes;
	}

	/** Completes many checkpoints in one transaction. */
	public synchronized void completeAll(List<String> ids) {
		if (ids.isEmpty()) {
			return;
		}
		transaction(() -> {
			for (String id : ids) {
				pendingProgress.remove(id);
				writtenProgress.remove(id);
				delete.setString(1, id);
				delete.addBatch();
			}
			delete.executeBatch();
		});
	}

	/** Recovery takes over a checkpoint left by a clean shutdown: from now on a crash counts. */
	public synchronized void unsuspend(String id) {
		execute(() -> {
			try (PreparedStatement resume = connection
					.prepareStatement("UPDATE RecoveryCheckpoints SET Suspended = 0 WHERE Id = ?")) {
				resume.setString(1, id);
				resume.executeUpdate();
			}
		});
	}

	/** A recovery that worked: the operation goes on without strikes. */
	public synchronized void clearStrikes(String id) {
		execute(() -> {
			try (PreparedStatement clear = connection
					.prepareStatement("UPDATE RecoveryCheckpoints SET FailureCount = 0, Suspended = 0 WHERE Id = ?")) {
				clear.setString(1, id);
				clear.executeUpdate();
			}
		});
	}

	/** Moves a checkpoint to the dead letters (table and log), in one transaction. */
	public synchronized DeadLetter deadLetter(Checkpoint checkpoint, String error) {
		Instant now = clock.instant();
		int strikes = checkpoint.failureCount();
		DeadLetter letter = new DeadLetter(checkpoint.id(), checkpoint.operationType(), checkpoint.targetPath(),
				checkpoint.stateJson(), checkpoint.priority(), strikes, error, checkpoint.createdAt(), now);
		transaction(() -> {
			try (PreparedStatement add = connection.prepareStatement("INSERT OR REPLACE INTO DeadLetters (Id, OperationType, "
					+ "TargetPath, StateJson, Priority, FailureCount, LastError, CreatedAt, DeadAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				add.setString(1, letter.id());
				add.setString(2, letter.operationType());
				add.setString(3, letter.targetPath());
				add.setString(4, letter.stateJson());
				add.setInt(5, letter.priority());
				add.setInt(6, letter.failureCount());
				add.setString(7, letter.lastError());
				add.setString(8, letter.createdAt().toString());
				add.setString(9, letter.deadAt().toString());
				add.executeUpdate();
			}
			delete.setString(1, checkpoint.id());
			delete.executeUpdate();
		});
		appendToLog(letter);
		return letter;
	}

	/** One JSON object per line, fsynced: the trail a user can read without ORBIT. */
	private void appendToLog(DeadLetter letter) {
		JsonObject json = new JsonObject();
		json.addProperty("id", letter.id());
		json.addProperty("operationType", letter.operationType());
		json.addProperty("targetPath", letter.targetPath());
		json.addProperty("failureCount", letter.failureCount());
		json.addProperty("lastError", letter.lastError());
		json.addProperty("createdAt", letter.createdAt().toString());
		json.addProperty("deadAt", letter.deadAt().toString());
		json.addProperty("state", letter.stateJson());
		byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
		try (FileChannel log = FileChannel.open(deadLetterLog, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			log.write(java.nio.ByteBuffer.wrap(line));
			log.force(true);
		} catch (IOException e) {
			org.slf4j.LoggerFactory.getLogger(SqliteJournal.class).warn("Could not append to {}: {}", deadLetterLog,
					e.getMessage());
		}
	}

	@Override
	public synchronized List<Checkpoint> active() {
		List<Checkpoint> list = new ArrayList<>();
		query("SELECT " + COLUMNS + " FROM RecoveryCheckpoints ORDER BY Priority DESC, CreatedAt, Id", rows -> {
			while (rows.next()) {
				list.add(new Checkpoint(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
						rows.getInt(5), rows.getInt(6), Instant.ofEpochMilli(rows.getLong(7)), Instant.parse(rows.getString(8)),
						rows.getLong(9), rows.getInt(10) != 0));
			}
		});
		return list;
	}

	/** The last error recorded against a checkpoint, or null. */
	public synchronized String lastError(String id) {
		String[] error = { null };
		try (PreparedStatement select = connection.prepareStatement("SELECT LastError FROM RecoveryCheckpoints WHERE Id = ?")) {
			select.setString(1, id);
			try (ResultSet rows = select.executeQuery()) {
				error[0] = rows.next() ? rows.getString(1) : null;
			}
		} catch (SQLException e) {
			throw failure(e);
		}
		return error[0];
	}

	@Override
	public synchronized List<DeadLetter> deadLetters() {
		List<DeadLetter> list = new ArrayList<>();
		query("SELECT Id, OperationType, TargetPath, StateJson, Priority, FailureCount, LastError, CreatedAt, DeadAt "
				+ "FROM DeadLetters ORDER BY DeadAt, Id", rows -> {
					while (rows.next()) {
						list.add(new DeadLetter(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
								rows.getInt(5), rows.getInt(6), rows.getString(7), Instant.parse(rows.getString(8)),
								Instant.parse(rows.getString(9))));
					}
				});
		return list;
	}

	@Override
	public synchronized void retry(String deadLetterId) {
		int[] moved = { 0 };
		long now = clock.millis();
		transaction(() -> {
			try (PreparedStatement back = connection.prepareStatement("INSERT INTO RecoveryCheckpoints (" + COLUMNS
					+ ") SELECT Id, OperationType, TargetPath, StateJson, Priority, 0, ?, CreatedAt, 0, 1 FROM DeadLetters WHERE Id = ?")) {
				back.setLong(1, now);
				back.setString(2, deadLetterId);
				moved[0] = back.executeUpdate();
			}
			try (PreparedStatement remove = connection.prepareStatement("DELETE FROM DeadLetters WHERE Id = ?")) {
				remove.setString(1, deadLetterId);
				remove.executeUpdate();
			}
		});
		if (moved[0] == 0) {
			throw new ActionableException("There is no dead letter " + deadLetterId, "List them with 'orbit dead-letters'");
		}
	}

	@Override
	public synchronized long writes() {
		return writes;
	}

	/**
	 * Clean shutdown: buffered heartbeats are written, pending operations are marked as suspended
	 * (found again at start-up, they count no strike), the WAL is folded into the database and the
	 * connection closed, so no -wal or -shm file is left.
	 */
	@Override
	public synchronized void close() {
		try {
			flush();
			execute(() -> {
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate("UPDATE RecoveryCheckpoints SET Suspended = 1");
				}
			});
			try (Statement statement = connection.createStatement()) {
				statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
			}
		} catch (SQLException | RuntimeException e) {
			org.slf4j.LoggerFactory.getLogger(SqliteJournal.class).warn("Closing the journal: {}", e.getMessage());
		} finally {
			try {
				connection.close();
			} catch (SQLException ignored) {
				// nothing more to do: the data is on disk
			}
		}
	}

	interface SqlWork {
		void run() throws SQLException;
	}

	interface RowsWork {
		void read(ResultSet rows) throws SQLException;
	}

	private void execute(SqlWork work) {
		try {
			work.run();
			writes++;
		} catch (SQLException e) {
			throw failure(e);
		}
	}

	private void transaction(SqlWork work) {
		try {
			connection.setAutoCommit(false);
			try {
				work.run();
				connection.commit();
				writes++;
			} catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			} finally {
				connection.setAutoCommit(true);
			}
		} catch (SQLException e) {
			throw failure(e);
		}
	}

	private void query(String sql, RowsWork work) {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			work.read(rows);
		} catch (SQLException e) {
			throw failure(e);
		}
	}

	private ActionableException failure(SQLException e) {
		return new ActionableException("The recovery journal " + file + " failed (" + e.getMessage() + ")",
				"Check the disk holding the data directory; run 'orbit doctor'", e);
	}
}
