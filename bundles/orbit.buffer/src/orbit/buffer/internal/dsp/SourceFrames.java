package orbit.buffer.internal.dsp;

/**
 * Random access to a track's decoded audio, the input of every render.
 */
public interface SourceFrames {

	int sampleRate();

	int channels();

	/** The track's length in frames. */
	long frames();

	/**
	 * Copies frames {@code [frame, frame + count)} interleaved into {@code dst} from index 0;
	 * frames before 0 or past the end read as silence.
	 */
	void read(long frame, float[] dst, int count);
}
