package orbit.library.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

import orbit.library.Library;

/** The audio files a folder holds, as a scan sees them: by extension, links not followed, ORBIT's own work left out. */
public final class AudioFiles {

	private AudioFiles() {
	}

	public static boolean isAudio(Path file) {
		return TagReader.AUDIO_EXTENSIONS.contains(TagReader.extension(file)) && !Library.isOrbitWork(file);
	}

	/** What a walk meets: an audio file with its attributes, or a file or folder that cannot be read. */
	public interface Visitor {
		void audio(Path file, BasicFileAttributes attrs);

		void unreadable(Path file, IOException e);
	}

	/**
	 * Walks {@code folder} as a scan does: links are not followed (a link loop cannot trap the walk),
	 * ORBIT's own work is left out, and what cannot be read is told to {@code visitor} and passed over.
	 *
	 * @throws IOException when {@code folder} itself cannot be walked
	 */
	public static void walk(Path folder, Visitor visitor) throws IOException {
		Files.walkFileTree(folder, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
				new SimpleFileVisitor<>() {
					@Override
					public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
						return Library.isOrbitWork(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
					}

					@Override
					public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
						if (attrs.isRegularFile() && isAudio(file)) {
							visitor.audio(file, attrs);
						}
						return FileVisitResult.CONTINUE;
					}

					@Override
					public FileVisitResult visitFileFailed(Path file, IOException e) {
						visitor.unreadable(file, e);
						return FileVisitResult.CONTINUE;
					}
				});
	}
}
