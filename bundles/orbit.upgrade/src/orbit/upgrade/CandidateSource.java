package orbit.upgrade;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where better copies of library tracks turn up: a downloads folder, an "incoming" folder. A
 * whiteboard service: {@code upgrade find} without folders looks in every registered source's.
 */
@ConsumerType
public interface CandidateSource {

	/** A short name for listings: "incoming folder". */
	String name();

	/** The folders to look in now; missing ones are passed over. */
	List<Path> folders();
}
