package orbit.core.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log of every ORBIT process, {@code logs/orbit.log} in the data directory: appended to, by
 * several processes at once (two {@code orbit tag} runs, the workstation and a command), and
 * rotated when it passes {@value #LIMIT} bytes into {@code orbit.log.1} to {@code .}{@value #KEPT},
 * the oldest dropped.
 *
 * <p>ORBIT logs through SLF4J onto {@code java.util.logging} (slf4j-jdk14), whose root logger
 * gets this handler. Each record is one write to a file opened for appending, which the system
 * places whole at the end of the file whoever else writes. A process that finds the file past the
 * limit renames the chain under a lock on {@code orbit.log.lock}; the others notice that the name
 * now leads to another file and reopen it.
 *
 * <p>The log is best effort: a full disk or a read-only folder loses log lines, never a command,
 * and prints nothing on the user's terminal.
 */
public final class LogFile extends Handler {

	/** Bytes after which the log is rotated. */
	static final long LIMIT = 8L << 20;
	/** Rotated logs kept beside the current one. */
	static final int KEPT = 4;
	/** Records between two looks at the file's size and identity. */
	private static final int CHECK_EVERY = 64;
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private final Path file;
	private final long limit;
	private final String pid = Long.toString(ProcessHandle.current().pid());
	private FileChannel out;
	private Object openedKey;
	private int sinceCheck;

	public LogFile(Path file, long limit) {
		this.file = file.toAbsolutePath();
		this.limit = limit;
		setErrorManager(new ErrorManager() {
			@Override
			public synchronized void error(String msg, Exception ex, int code) {
				// best effort: nothing on the terminal, where the user reads the command's answer
			}
		});
	}

	/**
	 * Makes {@code file} the log of this process: the root logger's only handler. Called once, as
	 * the framework starts ORBIT's core bundle.
	 */
	public static void install(Path file) {
		Logger root = Logger.getLogger("");
		for (Handler handler : root.getHandlers()) {
			if (handler instanceof LogFile) {
				return;
			}
		}
		root.addHandler(new LogFile(file, LIMIT));
	}

	@Override
	public void publish(LogRecord record) {
		if (record == null || !isLoggable(record)) {
			return;
		}
		byte[] line = format(record).getBytes(StandardCharsets.UTF_8);
		synchronized (this) {
			try {
				if (out == null || ++sinceCheck >= CHECK_EVERY) {
					sinceCheck = 0;
					rotateIfFull();
				}
				ByteBuffer buffer = ByteBuffer.wrap(line);
				while (buffer.hasRemaining()) {
					out.write(buffer);
				}
			} catch (IOException | RuntimeException e) {
				closeQuietly();
				reportError(null, e instanceof Exception ex ? ex : null, ErrorManager.WRITE_FAILURE);
			}
		}
	}

	/**
	 * Rotates when the file is past the limit (unless another process just did) and opens the
	 * file the name now leads to, when that is not the one open.
	 */
	private void rotateIfFull() throws IOException {
		Files.createDirectories(file.getParent());
		if (size(file) >= limit) {
			try (FileChannel lockFile = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
					StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
				if (size(file) >= limit) {
					Files.deleteIfExists(rotated(KEPT));
					for (int i = KEPT - 1; i >= 1; i--) {
						if (Files.exists(rotated(i))) {
							Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
						}
					}
					Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		Object key = key(file);
		if (out == null || key == null || !key.equals(openedKey)) {
			closeQuietly();
			out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
			openedKey = key(file);
		}
	}

	public Path rotated(int generation) {
		return file.resolveSibling(file.getFileName() + "." + generation);
	}

	private static long size(Path path) throws IOException {
		try {
			return Files.size(path);
		} catch (NoSuchFileException e) {
			return 0;
		}
	}

	private static Object key(Path path) throws IOException {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
		} catch (NoSuchFileException e) {
			return null;
		}
	}

	/** One line (and a stack trace when there is one): time, process, thread, level, logger, message. */
	String format(LogRecord record) {
		StringBuilder line = new StringBuilder(160);
		line.append(TIME.format(LocalDateTime.ofInstant(Objects.requireNonNullElse(record.getInstant(), Instant.now()),
				ZoneId.systemDefault())));
		line.append(" [").append(pid).append(' ').append(Thread.currentThread().getName()).append("] ");
		line.append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(" - ");
		String message = record.getMessage();
		if (record.getParameters() != null && record.getParameters().length > 0 && message != null) {
			try {
				message = java.text.MessageFormat.format(message, record.getParameters());
			} catch (IllegalArgumentException e) {
				// a message that only looks like a pattern: printed as it is
			}
		}
		line.append(message).append(System.lineSeparator());
		if (record.getThrown() != null) {
			StringWriter trace = new StringWriter();
			record.getThrown().printStackTrace(new PrintWriter(trace));
			line.append(trace);
		}
		return line.toString();
	}

	@Override
	public void flush() {
		// every record is written when published
	}

	@Override
	public synchronized void close() {
		closeQuietly();
	}

	private void closeQuietly() {
		if (out != null) {
			try {
				out.close();
			} catch (IOException e) {
				// nothing more to write there
			}
			out = null;
		}
	}
}
