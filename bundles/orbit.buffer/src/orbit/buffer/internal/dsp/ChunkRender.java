package orbit.buffer.internal.dsp;

import orbit.buffer.RenderSettings;

/**
 * Renders one range of a track's output timeline, as a pure function of its arguments: the same
 * arguments give bit-identical samples, and nothing is kept between calls, so chunks can be
 * rendered in any order, cached, dropped and rendered again.
 *
 * <p>Output frame {@code o} plays source time {@code o * ratio}. A processed range is rendered
 * with half a second of preroll before it, so that filters, compressor and limiter have settled
 * when the kept range starts and consecutive chunks join without a click, and with the limiter's
 * lookahead after it; both are dropped.
 *
 * <p>Positions convert with {@link #sourceFrameOf} rounding down (the source frame an output
 * frame starts in) and {@link #outputFrameOf} rounding up (the first output frame at or after a
 * source frame); {@link #outputFrames} is {@code outputFrameOf(sourceFrames)}, so the output
 * ends where the source does.
 */
public final class ChunkRender {

	/** Seconds rendered and dropped before a processed range. */
	static final double PREROLL_SECONDS = 0.5;

	/**
	 * @param samples  interleaved frames of the range
	 * @param replaced NaN or infinite values found and replaced, in the source range the output
	 *                 plays and in the output
	 */
	public record Rendered(float[] samples, int replaced) {
	}

	private ChunkRender() {
	}

	/** The output length of a whole track: {@code ceil(sourceFrames / ratio)}. */
	public static long outputFrames(long sourceFrames, double ratio) {
		return outputFrameOf(sourceFrames, ratio);
	}

	/** The first output frame whose source time is at or after {@code sourceFrame}: rounds up. */
	public static long outputFrameOf(long sourceFrame, double ratio) {
		return (long) Math.ceil(sourceFrame / ratio);
	}

	/** The source frame output frame {@code outFrame} starts in: rounds down. */
	public static long sourceFrameOf(long outFrame, double ratio) {
		return (long) Math.floor(outFrame * ratio);
	}

	/** Output frames {@code [outStart, outStart + outFrames)} of {@code src} with {@code settings}. */
	public static Rendered render(SourceFrames src, RenderSettings settings, TrackProfile profile, long outStart,
			int outFrames) {
		int channels = src.channels();
		double ratio = settings.ratio();
		FiniteSource finite = new FiniteSource(src, sourceFrameOf(outStart, ratio),
				sourceFrameOf(outStart + outFrames, ratio));
		if (settings.identity()) {
			float[] samples = new float[outFrames * channels];
			finite.read(outStart, samples, outFrames);
			return new Rendered(samples, finite.replaced());
		}
		boolean processed = !PresetChain.passThrough(settings.preset(), settings.intensity());
		PresetChain chain = processed
				? PresetChain.of(settings.preset(), settings.intensity(), src.sampleRate(), channels, profile)
				: null;
		int preroll = processed ? (int) Math.round(PREROLL_SECONDS * src.sampleRate()) : 0;
		int postroll = processed ? chain.latency() : 0;
		int blockFrames = preroll + outFrames + postroll;
		long blockStart = outStart - preroll;
		float[] block;
		if (settings.tempoPercent() == 0) {
			block = new float[blockFrames * channels];
			finite.read(blockStart, block, blockFrames);
		} else {
			block = new TempoStretch(src.sampleRate(), channels).render(finite, ratio, blockStart, blockFrames);
		}
		float ceiling = 1f;
		if (processed) {
			chain.process(block, blockFrames);
			ceiling = chain.ceiling();
		}
		float[] samples = new float[outFrames * channels];
		System.arraycopy(block, preroll * channels, samples, 0, samples.length);
		int replaced = finite.replaced() + replaceNonFinite(samples, ceiling);
		return new Rendered(samples, replaced);
	}

	/** Replaces NaN by 0 and infinities by the signed ceiling; returns how many. */
	static int replaceNonFinite(float[] samples, float ceiling) {
		int replaced = 0;
		for (int i = 0; i < samples.length; i++) {
			float x = samples[i];
			if (!Float.isFinite(x)) {
				samples[i] = Float.isNaN(x) ? 0f : x > 0 ? ceiling : -ceiling;
				replaced++;
			}
		}
		return replaced;
	}

	/**
	 * The source with NaN read as 0 and infinities as full scale, so that one bad sample cannot
	 * poison a filter's state for the rest of a chunk. It counts the values it replaces within
	 * the source range the chunk plays, so a value is counted by the one chunk that plays it.
	 */
	private static final class FiniteSource implements SourceFrames {

		private final SourceFrames src;
		private final long countFrom, countTo;
		private final java.util.BitSet counted = new java.util.BitSet();
		private final int channels;

		FiniteSource(SourceFrames src, long countFrom, long countTo) {
			this.src = src;
			this.countFrom = countFrom;
			this.countTo = countTo;
			this.channels = src.channels();
		}

		int replaced() {
			return counted.cardinality();
		}

		@Override
		public int sampleRate() {
			return src.sampleRate();
		}

		@Override
		public int channels() {
			return channels;
		}

		@Override
		public long frames() {
			return src.frames();
		}

		@Override
		public void read(long frame, float[] dst, int count) {
			src.read(frame, dst, count);
			for (int i = 0, n = count * channels; i < n; i++) {
				float x = dst[i];
				if (!Float.isFinite(x)) {
					dst[i] = Float.isNaN(x) ? 0f : x > 0 ? 1f : -1f;
					long at = frame + i / channels;
					if (at >= countFrom && at < countTo) {
						counted.set((int) ((at - countFrom) * channels + i % channels));
					}
				}
			}
		}
	}
}
