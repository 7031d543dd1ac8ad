package orbit.safewrite.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import orbit.tests.support.Commands;

/**
 * Small real file systems for the tests: tmpfs mounts (as root) give real ENOSPC, real
 * read-only volumes and real cross-volume moves (EXDEV).
 */
final class Volumes implements AutoCloseable {

	private final List<Path> mounted = new ArrayList<>();

	static boolean available() {
		return "root".equals(System.getProperty("user.name"));
	}

	/** A fresh tmpfs of {@code megabytes} mounted on a new directory under {@code parent}. */
	Path tmpfs(Path parent, String name, int megabytes) throws IOException, InterruptedException {
		Path dir = Files.createDirectories(parent.resolve(name));
		Commands.run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
		mounted.add(dir);
		return dir;
	}

	void readOnly(Path mount) throws IOException, InterruptedException {
		Commands.run("mount", "-o", "remount,ro", mount.toString());
	}


	/** Fills the volume holding {@code dir} until fewer than {@code leaveBytes} remain free. */
	static void fill(Path dir, long leaveBytes) throws IOException {
		long free = Files.getFileStore(dir).getUsableSpace();
		long size = Math.max(0, free - leaveBytes);
		byte[] block = new byte[64 * 1024];
		try (var out = Files.newOutputStream(dir.resolve("filler.bin"))) {
			for (long written = 0; written < size; written += block.length) {
				out.write(block, 0, (int) Math.min(block.length, size - written));
			}
		}
	}

	@Override
	public void close() throws Exception {
		for (int i = mounted.size() - 1; i >= 0; i--) {
			Commands.run("umount", "-l", mounted.get(i).toString());
		}
	}
}
