package orbit.safewrite.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import orbit.safewrite.ReplacementListener;

/**
 * The {@link ReplacementListener} whiteboard, in one place for the writer and the recovery
 * handlers, which both tell listeners about a replacement.
 */
@Component(service = ReplacementListeners.class)
public class ReplacementListeners {

	private final List<ReplacementListener> listeners = new CopyOnWriteArrayList<>();

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addListener(ReplacementListener listener) {
		listeners.add(listener);
	}

	void removeListener(ReplacementListener listener) {
		listeners.remove(listener);
	}

	/** Tells every listener; the first failure is thrown once all were told. */
	public void replaced(String operationType, Path file) throws Exception {
		Exception first = null;
		for (ReplacementListener listener : listeners) {
			try {
				listener.replaced(operationType, file);
			} catch (Exception e) {
				if (first == null) {
					first = e;
				} else {
					first.addSuppressed(e);
				}
			}
		}
		if (first != null) {
			throw first;
		}
	}
}
