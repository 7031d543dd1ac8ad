package orbit.download.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import orbit.safewrite.SafeWriteException;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TempVerifier;
import orbit.safewrite.WriteMode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * The downloads that failed and kept nothing (no {@code .part} file, no journal entry), so that
 * {@code orbit downloads} can still say what happened after the process that tried has ended. A
 * small JSON file in the data directory, replaced whole through SafeWrite; a new attempt at the same address
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
	private final SafeWriteService safeWrite;
	/** Without a file (an engine outside the product) the failures live only as long as the engine. */
	private final List<Failure> memory = new ArrayList<>();

	FailedDownloads(Path file, SafeWriteService safeWrite) {
		this.file = file;
		this.safeWrite = safeWrite;
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
		try {
			Files.createDirectories(file.getParent());
			// Through SafeWrite: a crash leaves the old list or the new one, never half of one.
			safeWrite.writeAtomic(file, WriteMode.REPLACE,
					temp -> Files.writeString(temp, GSON.toJson(list), StandardCharsets.UTF_8), TempVerifier.NOT_EMPTY);
		} catch (IOException | SafeWriteException e) {
			LOG.warn("The list of failed downloads in {} cannot be written ({})", file, e.getMessage());
		}
	}
}
