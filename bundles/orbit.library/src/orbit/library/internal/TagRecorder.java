package orbit.library.internal;

import java.nio.file.Path;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.library.Library;
import orbit.safewrite.ReplacementListener;

/**
 * Keeps the library in step with files SafeWrite replaces (tag writes above all): the entry
 * re-reads its file inside the write's journaled operation, so a crash between the file and the
 * database is finished by recovery. Re-reading is idempotent, as recovery needs.
 */
@Component(service = ReplacementListener.class)
public class TagRecorder implements ReplacementListener {

	/**
	 * Got per call, not held: recovery keeps this listener bound for the life of the process, and
	 * holding the library would keep its database open long after its last real user.
	 */
	@Reference
	private ComponentServiceObjects<Library> libraries;

	@Override
	public void replaced(String operationType, Path file) {
		Library library = libraries.getService();
		try {
			library.refreshEntry(file);
		} finally {
			libraries.ungetService(library);
		}
	}
}
