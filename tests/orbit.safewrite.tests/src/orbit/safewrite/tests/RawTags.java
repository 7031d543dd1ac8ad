package orbit.safewrite.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import orbit.tests.support.Commands;

/**
 * A file's tags as rawtags.py (Python, with Debian's mutagen) reads them: every field's bytes as
 * stored, and mutagen's values. Independent of ORBIT's own tag parsers.
 */
record RawTags(List<Field> fields, Map<String, String> values) {

	/** One stored field: where, its name, its bytes in hex. */
	record Field(String location, String name, String hex) {
		@Override
		public String toString() {
			return location + "/" + name + "=" + (hex.length() > 80 ? hex.substring(0, 80) + "..." : hex);
		}
	}

	/** Debian's python3, which has mutagen (python3-mutagen); a python3 earlier on the PATH may not. */
	static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

	static RawTags of(Path file) throws IOException, InterruptedException {
		Path script = file.resolveSibling("rawtags.py");
		if (!Files.exists(script)) {
			try (InputStream in = RawTags.class.getResourceAsStream("rawtags.py")) {
				Files.copy(in, script);
			}
		}
		String output = Commands.run(PYTHON, script.toString(), file.toString());
		List<Field> fields = new ArrayList<>();
		Map<String, String> values = new TreeMap<>();
		for (String line : output.split("\n")) {
			String[] parts = line.split("\t", -1);
			if (parts[0].equals("raw") && parts.length == 4) {
				fields.add(new Field(parts[1], parts[2], parts[3]));
			} else if (parts[0].equals("tag") && parts.length == 3) {
				values.put(parts[1], parts[2]);
			} else if (!line.isBlank()) {
				throw new AssertionError("rawtags.py: " + output);
			}
		}
		return new RawTags(fields, values);
	}

	/** The fields but those named (case-insensitively) in {@code names}. */
	List<Field> without(Set<String> names) {
		return fields.stream().filter(f -> !lower(names).contains(f.name().toLowerCase(Locale.ROOT))).toList();
	}

	/** Every field's location and name, in order. */
	List<String> names() {
		return fields.stream().map(f -> f.location() + "/" + f.name()).toList();
	}

	String value(String key) {
		return values.get(key);
	}

	private static Set<String> lower(Set<String> names) {
		return Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
	}
}
