package orbit.safewrite;

import java.io.IOException;
import java.nio.file.Path;

/** Produces the new content in the temp file (which starts as a copy of the original, or empty). */
@FunctionalInterface
public interface TempWriter {
	void write(Path temp) throws IOException;
}
