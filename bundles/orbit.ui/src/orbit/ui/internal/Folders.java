package orbit.ui.internal;

import java.nio.file.Path;

import org.eclipse.swt.program.Program;

/** The desktop's file manager, for every view's "Show in Folder". */
public final class Folders {

	private Folders() {
	}

	/**
	 * Opens the folder that holds {@code file} in the desktop's file manager; returns null when it
	 * opened, else a sentence that says where the file is (a machine with no file manager, a
	 * folder that is gone).
	 */
	public static String show(Path file) {
		Path folder = file.getParent();
		if (folder == null) {
			return "The file " + file + " has no folder to show.";
		}
		if (!java.nio.file.Files.isDirectory(folder)) {
			return "The folder " + folder + " no longer exists.";
		}
		return Program.launch(folder.toString()) ? null : "No file manager opens folders here; the file is in " + folder;
	}
}
