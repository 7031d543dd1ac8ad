package orbit.recovery.tests;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import orbit.recovery.Checkpoint;
import orbit.recovery.RecoveryHandler;
import orbit.recovery.RecoveryOutcome;
import orbit.recovery.internal.SqliteJournal;

/**
 * A journaled operation on a real file, for crash tests: append entry n+1 to a ledger by
 * writing the whole new ledger to a temp file, fsync, rename, fsync the folder. Its handler
 * rolls a verified temp forward and deletes an unfinished one.
 */
final class Ledger {

	static final String TYPE = "LedgerAppend";

	private Ledger() {
	}

	static Path file(Path dir) {
		return dir.resolve("ledger.txt");
	}

	static Path temp(Path dir) {
		return dir.resolve("ledger.txt.tmp");
	}

	static int entries(Path dir) throws IOException {
		Path ledger = file(dir);
		return Files.exists(ledger) ? Files.readAllLines(ledger).size() : 0;
	}

	static String content(int n) {
		return IntStream.rangeClosed(1, n).mapToObj(i -> "entry " + i).collect(Collectors.joining("\n", "", "\n"));
	}

	/** One journaled append. */
	static void append(SqliteJournal journal, Path dir) throws IOException {
		int next = entries(dir) + 1;
		JsonObject state = new JsonObject();
		state.addProperty("n", next);
		String id = journal.log(TYPE, file(dir), state.toString(), 0);
		try (FileChannel out = FileChannel.open(temp(dir), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			out.write(java.nio.ByteBuffer.wrap(content(next).getBytes(StandardCharsets.UTF_8)));
			out.force(true);
		}
		state.addProperty("phase", "written");
		journal.update(id, state.toString());
		Files.move(temp(dir), file(dir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
			folder.force(true);
		}
		journal.complete(id);
	}

	static final class Handler implements RecoveryHandler {
		@Override
		public String operationType() {
			return TYPE;
		}

		@Override
		public String displayName() {
			return "ledger append";
		}

		@Override
		public RecoveryOutcome recover(Checkpoint checkpoint) {
			Path target = Path.of(checkpoint.targetPath());
			Path dir = target.getParent();
			JsonObject state = JsonParser.parseString(checkpoint.stateJson()).getAsJsonObject();
			int n = state.get("n").getAsInt();
			boolean written = state.has("phase");
			try {
				if (Files.exists(temp(dir))) {
					String expected = content(n);
					if (written && Files.readString(temp(dir)).equals(expected)) {
						Files.move(temp(dir), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
						return RecoveryOutcome.recovered("rolled forward to entry " + n);
					}
					Files.delete(temp(dir));
					return RecoveryOutcome.recovered("rolled back to entry " + (n - 1));
				}
				return RecoveryOutcome.nothingToDo("the ledger is consistent");
			} catch (IOException e) {
				return RecoveryOutcome.failed(e.getMessage());
			}
		}

		@Override
		public RecoveryOutcome abandon(Checkpoint checkpoint) {
			return recover(checkpoint);
		}
	}

	static List<String> lines(Path dir) throws IOException {
		return Files.exists(file(dir)) ? Files.readAllLines(file(dir)) : List.of();
	}
}
