package orbit.buffer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import orbit.buffer.Preset;

/**
 * How often the user switched from one preset to another: the prediction of the next switch.
 * Every pair starts at one switch (so an unseen switch is possible, not certain) and learns from
 * the switches the interaction filter lets through. Kept in a small CSV ({@code from,to,count})
 * that is written whole and atomically by the caller's writer.
 */
public final class PresetTransitions {

	private static final Logger LOG = LoggerFactory.getLogger(PresetTransitions.class);
	private static final Preset[] PRESETS = Preset.values();

	private final long[][] counts = new long[PRESETS.length][PRESETS.length];

	/** The switches learned, from, to. */
	public synchronized void learn(Preset from, Preset to) {
		if (from != to) {
			counts[from.ordinal()][to.ordinal()]++;
		}
	}

	/** The probability of each other preset being the next switch from {@code from}. */
	public synchronized Map<Preset, Double> next(Preset from) {
		Map<Preset, Double> next = new EnumMap<>(Preset.class);
		long total = 0;
		for (Preset to : PRESETS) {
			if (to != from) {
				total += counts[from.ordinal()][to.ordinal()] + 1;
			}
		}
		for (Preset to : PRESETS) {
			if (to != from) {
				next.put(to, (counts[from.ordinal()][to.ordinal()] + 1) / (double) total);
			}
		}
		return next;
	}

	public synchronized long learned() {
		long sum = 0;
		for (long[] row : counts) {
			for (long c : row) {
				sum += c;
			}
		}
		return sum;
	}

	/** The CSV form. */
	public synchronized String toCsv() {
		StringBuilder csv = new StringBuilder("from,to,count\n");
		for (Preset from : PRESETS) {
			for (Preset to : PRESETS) {
				long c = counts[from.ordinal()][to.ordinal()];
				if (c > 0) {
					csv.append(from.id()).append(',').append(to.id()).append(',').append(c).append('\n');
				}
			}
		}
		return csv.toString();
	}

	/**
	 * Reads what was learned before; a missing file is a fresh start, a damaged line is skipped
	 * and logged (what was learned is a hint, never worth refusing to start over).
	 */
	public static PresetTransitions read(Path csv) {
		PresetTransitions transitions = new PresetTransitions();
		List<String> lines;
		try {
			lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return transitions;
		} catch (IOException e) {
			LOG.warn("Cannot read the learned preset switches in {}: {}; starting afresh", csv, e.toString());
			return transitions;
		}
		for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
			String[] f = line.split(",");
			try {
				if (f.length != 3) {
					throw new IllegalArgumentException("expected 3 fields");
				}
				long c = Long.parseLong(f[2].strip());
				if (c < 0) {
					throw new IllegalArgumentException("negative count");
				}
				transitions.counts[Preset.named(f[0]).ordinal()][Preset.named(f[1]).ordinal()] = c;
			} catch (IllegalArgumentException e) {
				LOG.warn("Skipped line '{}' of {}: {}", line, csv, e.getMessage());
			}
		}
		return transitions;
	}
}
