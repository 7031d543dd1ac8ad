package orbit.buffer.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.buffer.Buffer;
import orbit.buffer.BufferHealth;
import orbit.buffer.PreviewDeck;
import orbit.core.DataDirectory;
import orbit.safewrite.ReplacementListener;
import orbit.safewrite.SafeWriteService;
import orbit.safewrite.TempVerifier;
import orbit.safewrite.WriteMode;

/**
 * The buffer as a service, and the listener that tells its decks when SafeWrite or an upgrade
 * replaced a file they play. Its threads start with the first deck, so a command or a workbench
 * that never plays audio pays nothing for it.
 */
@Component(service = { Buffer.class, ReplacementListener.class })
public class BufferService implements Buffer, ReplacementListener {

	/** Where the learned preset switches are kept, in the data directory. */
	static final String TRANSITIONS_FILE = "buffer/preset-transitions.csv";

	@Reference
	private AudioDecoder decoder;
	@Reference
	private AudioAnalysis analysis;
	@Reference
	private SafeWriteService safeWrite;
	@Reference
	private DataDirectory dataDirectory;

	private BufferEngine engine;

	private synchronized BufferEngine engine() {
		if (engine == null) {
			Path transitions = dataDirectory.resolve(TRANSITIONS_FILE);
			engine = new BufferEngine(BufferConfig.defaults(transitions), decoder, analysis, ChunkRenderer.DSP,
					this::writeTransitions);
		}
		return engine;
	}

	private void writeTransitions(Path file, String csv) throws Exception {
		Files.createDirectories(file.getParent());
		safeWrite.writeAtomic(file, WriteMode.REPLACE, temp -> Files.writeString(temp, csv, StandardCharsets.UTF_8),
				TempVerifier.NOT_EMPTY);
	}

	@Override
	public PreviewDeck openDeck() {
		return engine().openDeck();
	}

	@Override
	public PreviewDeck openDeck(DeckOutput output) {
		return engine().openDeck(output);
	}

	/** Asking does not start the buffer: a Buffer Health view open at start-up costs no threads. */
	@Override
	public BufferHealth health() {
		BufferEngine running;
		synchronized (this) {
			running = engine;
		}
		return running != null ? running.health() : BufferEngine.idle(BufferConfig.defaults(null));
	}

	@Override
	public void replaced(String operationType, Path file) {
		BufferEngine running;
		synchronized (this) {
			running = engine;
		}
		if (running != null) {
			running.fileChanged(file);
		}
	}

	@Deactivate
	synchronized void deactivate() {
		if (engine != null) {
			engine.close();
			engine = null;
		}
	}
}
