package orbit.library.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import orbit.library.Library;

/** The audio files a folder holds, as a scan sees them: by extension, links not followed, ORBIT's own work left out. */
public final class AudioFiles {

	private AudioFiles() {
	}

	public static boolean isAudio(Path file) {
		return TagReader.AUDIO_EXTENSIONS.contains(TagReader.extension(file)) && !Library.isOrbitWork(file);
	}

	/** Every audio file under {@code folder}, in path order; folders that cannot be read are passed over. */
	public static List<Path> under(Path folder) throws IOException {
		List<Path> found = new ArrayList<>();
		Files.walkFileTree(folder, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
				new SimpleFileVisitor<>() {
					@Override
					public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
						return Library.isOrbitWork(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
					}

					@Override
					public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
						if (attrs.isRegularFile() && isAudio(file)) {
							found.add(file);
						}
						return FileVisitResult.CONTINUE;
					}

					@Override
					public FileVisitResult visitFileFailed(Path file, IOException e) {
						return FileVisitResult.CONTINUE;
					}
				});
		found.sort(null);
		return found;
	}
}
