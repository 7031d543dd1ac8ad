package orbit.safewrite.internal;

import java.nio.file.Path;

import com.google.gson.Gson;

/**
 * What the journal holds of a write or a move: enough to finish or undo it after a crash.
 * Serialised as the checkpoint's state JSON.
 *
 * @param phase   {@link #WRITING}, {@link #VERIFIED} (the temp is durable and checked: it may
 *                replace the target), or for moves {@link #RENAMED} (only the source is left to delete)
 * @param source  for moves: the file being moved
 * @param sha256  for moves: the source's content hash
 */
record WriteIntent(String kind, String target, String temp, String phase, boolean originalExisted,
		long modifiedMillis, long createdMillis, String source, String sha256, long size) {

	static final String WRITE = "write";
	static final String MOVE = "move";
	static final String WRITING = "writing";
	static final String VERIFIED = "verified";
	static final String RENAMED = "renamed";

	private static final Gson GSON = new Gson();

	String json() {
		return GSON.toJson(this);
	}

	static WriteIntent parse(String json) {
		return GSON.fromJson(json, WriteIntent.class);
	}

	WriteIntent inPhase(String next) {
		return new WriteIntent(kind, target, temp, next, originalExisted, modifiedMillis, createdMillis, source, sha256, size);
	}

	Path targetPath() {
		return Path.of(target);
	}

	Path tempPath() {
		return Path.of(temp);
	}
}
