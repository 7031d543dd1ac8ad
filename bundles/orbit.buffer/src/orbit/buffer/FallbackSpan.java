package orbit.buffer;

/**
 * A stretch the deck served that is not the processed audio of its settings at its position.
 *
 * @param positionSeconds where in the track it began
 * @param frames          how long it was, in output frames
 * @param reason          why: {@link #NOT_RENDERED}, {@link #CROSSFADE}, {@link #DECLICK}, {@link #DAMAGED},
 *                        {@link #RELOADING} or {@link #NOT_DECODED}
 * @param settings        what should have been heard
 */
public record FallbackSpan(double positionSeconds, int frames, String reason, RenderSettings settings) {

	/** The chunk was not rendered yet: the decoded source played instead. */
	public static final String NOT_RENDERED = "not rendered yet";
	/** The source crossfading into the processed audio that just arrived. */
	public static final String CROSSFADE = "crossfade into processed";
	/** A jump or switch: the step between the old and the new audio smoothed out. */
	public static final String DECLICK = "declick";
	/** The audio here is damaged in the file: it plays as silence, the rest of the track plays. */
	public static final String DAMAGED = "damaged audio";
	/** The file changed on disk and is decoded again: its old content plays meanwhile. */
	public static final String RELOADING = "file changed, decoding it again";
	/** The source itself is not decoded this far yet: silence. */
	public static final String NOT_DECODED = "not decoded yet";
}
