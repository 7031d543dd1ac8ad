package orbit.buffer.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A DJ's session as rows of {@code time_ms,action,arg}: {@code load ID|PATH}, {@code play},
 * {@code pause}, {@code seek SECONDS}, {@code preset NAME}, {@code intensity X},
 * {@code tempo PCT}, {@code hotcue N}, {@code setcue N}, {@code beatjump ±BEATS}. A header row
 * and lines starting with # are skipped. Rows must come in time order.
 */
public record Trace(List<Step> steps) {

	public enum Action {
		LOAD, PLAY, PAUSE, SEEK, PRESET, INTENSITY, TEMPO, HOTCUE, SETCUE, BEATJUMP
	}

	public record Step(long timeMs, Action action, String arg, int line) {
	}

	/**
	 * @throws IllegalArgumentException naming the line and what is wrong with it
	 */
	public static Trace read(Path csv) throws IOException {
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			return parse(reader, csv.toString());
		}
	}

	public static Trace parse(Reader reader, String name) throws IOException {
		List<Step> steps = new ArrayList<>();
		long previous = 0;
		for (CSVRecord r : CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
				.setTrim(true).get().parse(reader)) {
			int line = (int) r.getRecordNumber();
			if (line == 1 && r.get(0).equalsIgnoreCase("time_ms")) {
				continue;
			}
			try {
				if (r.size() < 2) {
					throw new IllegalArgumentException("a row needs a time and an action");
				}
				long time;
				try {
					time = Long.parseLong(r.get(0));
				} catch (NumberFormatException e) {
					throw new IllegalArgumentException("'" + r.get(0) + "' is not a time in ms");
				}
				Action action = action(r.get(1));
				String arg = r.size() > 2 ? r.get(2) : "";
				if (time < previous) {
					throw new IllegalArgumentException("time " + time + " ms comes before " + previous + " ms");
				}
				check(action, arg);
				previous = time;
				steps.add(new Step(time, action, arg, line));
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(name + " line " + line + ": " + e.getMessage()
						+ " (rows are time_ms,action,arg; actions: load, play, pause, seek, preset, intensity, tempo, hotcue, setcue, beatjump)");
			}
		}
		return new Trace(steps);
	}

	private static Action action(String name) {
		try {
			return Action.valueOf(name.toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("unknown action '" + name + "'");
		}
	}

	private static void check(Action action, String arg) {
		try {
			checkArgument(action, arg);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + arg + "' is not a number");
		}
	}

	private static void checkArgument(Action action, String arg) {
		switch (action) {
		case LOAD -> {
			if (arg.isEmpty()) {
				throw new IllegalArgumentException("load needs a library id or a path");
			}
		}
		case SEEK, INTENSITY, TEMPO -> Double.parseDouble(arg);
		case HOTCUE, SETCUE, BEATJUMP -> Integer.parseInt(arg.startsWith("+") ? arg.substring(1) : arg);
		case PRESET -> orbit.buffer.Preset.named(arg);
		default -> {
		}
		}
	}

	public long durationMs() {
		return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).timeMs();
	}
}
