package orbit.download.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * The downloads that failed and kept nothing (no {@code .part} file, no journal entry), so that
 * {@code orbit downloads} can still say what happened after the process that tried has ended. A
 * small JSON file in the data directory, replaced whole; a new attempt at the same address
 * forgets the old failure.
 */
public final class FailedDownloads {

	/** One failure that kept nothing. */
	public record Failure(String uri, String directory, String reason, String at) {
	}

	/** The newest failures kept; older ones are of no use to anyone. */
	static final int KEPT = 50;

	private static final Logger LOG = LoggerFactory.getLogger(FailedDownloads.class);
	private static final Gson GSON = new Gson();

	private final Path file;
	/** Without a file (an engine outside the product) the failures live only as long as the engine. */
	private final List<Failure> memory = new ArrayList<>();

	FailedDownloads(Path file) {
		this.file = file;
	}

	synchronized List<Failure> all() {
		if (file == null) {
			return List.copyOf(memory);
		}
		try {
			if (!Files.exists(file)) {
				return List.of();
			}
			Failure[] read = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Failure[].class);
			return read == null ? List.of() : List.of(read);
		} catch (IOException | JsonParseException e) {
			LOG.warn("The list of failed downloads in {} cannot be read ({}); it starts anew", file, e.getMessage());
			return List.of();
		}
	}

	synchronized void add(String uri, String directory, String reason) {
		List<Failure> list = new ArrayList<>(all());
		list.removeIf(f -> f.uri().equals(uri) && f.directory().equals(directory));
		list.add(new Failure(uri, directory, reason, Instant.now().toString()));
		while (list.size() > KEPT) {
			list.remove(0);
		}
		save(list);
	}

	synchronized void forget(String uri, String directory) {
		List<Failure> list = new ArrayList<>(all());
		if (list.removeIf(f -> f.uri().equals(uri) && f.directory().equals(directory))) {
			save(list);
		}
	}

	private void save(List<Failure> list) {
		if (file == null) {
			memory.clear();
			memory.addAll(list);
			return;
		}
		// Written beside, flushed, renamed: a crash leaves the old list or the new one, never half.
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		try {
			Files.createDirectories(file.getParent());
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				channel.write(StandardCharsets.UTF_8.encode(GSON.toJson(list)));
				channel.force(true);
			}
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		} catch (IOException e) {
			LOG.warn("The list of failed downloads in {} cannot be written ({})", file, e.getMessage());
			try {
				Files.deleteIfExists(temp);
			} catch (IOException ignored) {
				// nothing more to do: the list is a report, not data
			}
		}
	}
}
