package orbit.ui.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

import orbit.core.ActionableException;
import orbit.library.KeyNotation;

/**
 * The workstation's preferences, in the instance scope (the workbench directory of the data
 * directory). Parts follow changes with {@code @Preference(nodePath = NODE, value = KEY_…)}.
 */
public final class WorkstationPreferences {

	public static final String NODE = "orbit.ui";
	public static final String KEY_NOTATION = "keyNotation";
	public static final String LIBRARY_FOLDERS = "libraryFolders";
	public static final String BACKGROUND_ENRICHMENT = "backgroundEnrichment";

	private WorkstationPreferences() {
	}

	private static IEclipsePreferences node() {
		return InstanceScope.INSTANCE.getNode(NODE);
	}

	/** The stored notation; Camelot when none was chosen or the stored text is unknown. */
	public static KeyNotation keyNotation(String stored) {
		if (stored != null) {
			for (KeyNotation notation : KeyNotation.values()) {
				if (notation.name().equals(stored)) {
					return notation;
				}
			}
		}
		return KeyNotation.CAMELOT;
	}

	public static KeyNotation keyNotation() {
		return keyNotation(node().get(KEY_NOTATION, null));
	}

	public static List<Path> libraryFolders() {
		String stored = node().get(LIBRARY_FOLDERS, "");
		return Arrays.stream(stored.split("\n")).filter(s -> !s.isBlank()).map(Path::of).toList();
	}

	/** Whether entries missing online metadata are looked up in the background (off: no network at all). */
	public static boolean backgroundEnrichment() {
		return node().getBoolean(BACKGROUND_ENRICHMENT, true);
	}

	/** A value the workstation keeps for itself (how a view was arranged); {@code otherwise} when none. */
	public static String get(String key, String otherwise) {
		return node().get(key, otherwise);
	}

	/**
	 * Keeps a value the workstation keeps for itself. Best effort: an arrangement that cannot be
	 * saved is only lost at the next start.
	 */
	public static void put(String key, String value) {
		IEclipsePreferences node = node();
		node.put(key, value);
		try {
			node.flush();
		} catch (BackingStoreException e) {
			org.slf4j.LoggerFactory.getLogger(WorkstationPreferences.class).warn("Cannot keep {}: {}", key, e.getMessage());
		}
	}

	public static void save(KeyNotation notation, List<Path> folders, boolean backgroundEnrichment) {
		IEclipsePreferences node = node();
		node.put(KEY_NOTATION, notation.name());
		node.put(LIBRARY_FOLDERS, String.join("\n", folders.stream().map(Path::toString).toList()));
		node.putBoolean(BACKGROUND_ENRICHMENT, backgroundEnrichment);
		try {
			node.flush();
		} catch (BackingStoreException e) {
			throw new ActionableException("The preferences could not be saved: " + e.getMessage(),
					"Check that the data directory is writable", e);
		}
	}
}
