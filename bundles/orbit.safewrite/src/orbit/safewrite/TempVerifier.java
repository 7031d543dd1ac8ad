package orbit.safewrite;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks the durable temp file before it replaces the target: throws when it is not what was
 * meant to be written (the message says why; nothing is replaced).
 */
@ConsumerType
@FunctionalInterface
public interface TempVerifier {

	/** Accepts any temp file that is not empty. */
	TempVerifier NOT_EMPTY = temp -> {
		if (java.nio.file.Files.size(temp) == 0) {
			throw new IOException("the new content is empty");
		}
	};

	void verify(Path temp) throws IOException;
}
