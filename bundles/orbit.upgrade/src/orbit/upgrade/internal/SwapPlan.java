package orbit.upgrade.internal;

import java.nio.file.Path;

import com.google.gson.Gson;

/**
 * The journaled intent of a swap (an upgrade, or its undo): every path it touches and how far it
 * got. Recovery decides from it and from which files exist, so a crash between a move and the
 * journal's update is recovered like one after it.
 *
 * @param kind       {@link #UPGRADE} or {@link #UNDO}
 * @param candidate  where the better copy came from (an undo puts the new file back here, or
 *                   beside the kept original when that path is taken)
 * @param old        the track's path before the upgrade
 * @param staged     the new file beside the old one while it is made ready ({@code .orbit-upgrade-…})
 * @param target     the new file's final path: the old name with the new format's extension
 * @param kept       where the original is kept until purged ({@code .orbit-originals/…})
 * @param phase      the last step the journal saw done
 */
record SwapPlan(String kind, long candidateId, long entryId, String source, String candidate, String old,
		String staged, String target, String kept, Double offsetMillis, String phase) {

	static final String UPGRADE = "upgrade";
	static final String UNDO = "undo";

	/**
	 * Planned, then the copy staged with the old file's tags. The moves after it are not journaled:
	 * which of the files exist says how far they got.
	 */
	static final String PLANNED = "planned";
	static final String STAGED = "staged";

	private static final Gson GSON = new Gson();

	SwapPlan at(String newPhase) {
		return new SwapPlan(kind, candidateId, entryId, source, candidate, old, staged, target, kept, offsetMillis, newPhase);
	}

	SwapPlan undoneTo(String back) {
		return new SwapPlan(UNDO, candidateId, entryId, source, back, old, staged, target, kept, offsetMillis, PLANNED);
	}

	Path candidatePath() {
		return Path.of(candidate);
	}

	Path oldPath() {
		return Path.of(old);
	}

	Path stagedPath() {
		return Path.of(staged);
	}

	Path targetPath() {
		return Path.of(target);
	}

	Path keptPath() {
		return Path.of(kept);
	}

	String json() {
		return GSON.toJson(this);
	}

	static SwapPlan parse(String json) {
		return GSON.fromJson(json, SwapPlan.class);
	}
}
