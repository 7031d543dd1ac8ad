package orbit.safewrite;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/** Produces the new content in the temp file (which starts as a copy of the original, or empty). */
@ConsumerType
@FunctionalInterface
public interface TempWriter {
	void write(Path temp) throws IOException;
}
