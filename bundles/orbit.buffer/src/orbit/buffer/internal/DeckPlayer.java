package orbit.buffer.internal;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.buffer.Buffer.DeckOutput;
import orbit.buffer.DeckStatus;

/**
 * Pulls a deck's audio in periods of 1,024 frames and plays it: to the default sound device in
 * 16-bit PCM, or, where there is none (servers, tests) or a null sink was asked for, nowhere at
 * the same pace, so the deck's timing is a sound card's either way.
 */
final class DeckPlayer {

	static final int PERIOD_FRAMES = 1024;
	private static final Logger LOG = LoggerFactory.getLogger(DeckPlayer.class);

	private final Deck deck;
	private final DeckOutput output;
	private Thread thread;
	private volatile boolean running;

	DeckPlayer(Deck deck, DeckOutput output) {
		this.deck = deck;
		this.output = output;
	}

	synchronized void start() {
		if (thread != null && thread.isAlive()) {
			return;
		}
		running = true;
		thread = new Thread(this::run, "orbit-deck-output");
		thread.setDaemon(true);
		thread.setPriority(Thread.MAX_PRIORITY);
		thread.start();
	}

	synchronized void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
		}
	}

	private void run() {
		SourceDataLine line = null;
		int lineRate = 0, lineChannels = 0;
		float[] samples = new float[0];
		byte[] bytes = new byte[0];
		long next = System.nanoTime();
		try {
			while (running) {
				DeckStatus status = deck.status();
				int rate = status.sampleRate(), ch = status.channels();
				if (output == DeckOutput.SOUND_CARD && (line == null || rate != lineRate || ch != lineChannels)) {
					if (line != null) {
						line.close();
					}
					line = open(rate, ch);
					lineRate = rate;
					lineChannels = ch;
				}
				if (samples.length < PERIOD_FRAMES * ch) {
					samples = new float[PERIOD_FRAMES * ch];
					bytes = new byte[PERIOD_FRAMES * ch * 2];
				}
				deck.read(samples, PERIOD_FRAMES);
				if (line != null) {
					for (int i = 0; i < PERIOD_FRAMES * ch; i++) {
						int v = Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767f);
						bytes[2 * i] = (byte) v;
						bytes[2 * i + 1] = (byte) (v >> 8);
					}
					line.write(bytes, 0, PERIOD_FRAMES * ch * 2); // blocks at the device's pace
				} else {
					next += PERIOD_FRAMES * 1_000_000_000L / rate;
					long wait = next - System.nanoTime();
					if (wait > 0) {
						Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
					} else if (wait < -200_000_000L) {
						next = System.nanoTime(); // far behind (a suspended machine): start afresh
					}
				}
				if (!status.playing()) {
					Thread.sleep(20); // paused: the read above faded out; wait lightly for play
					next = System.nanoTime();
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			if (line != null) {
				line.close();
			}
		}
	}

	private static SourceDataLine open(int rate, int channels) {
		AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
		try {
			SourceDataLine line = AudioSystem.getSourceDataLine(format);
			line.open(format, PERIOD_FRAMES * channels * 2 * 8);
			line.start();
			return line;
		} catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
			LOG.info("No sound device for {} Hz, {} channels ({}): the deck plays to a null sink", rate, channels,
					e.getMessage());
			return null;
		}
	}
}
