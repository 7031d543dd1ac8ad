package orbit.buffer.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import orbit.buffer.Preset;
import orbit.buffer.RenderSettings;
import orbit.buffer.internal.dsp.ChunkRender;
import orbit.buffer.internal.dsp.ChunkRender.Rendered;
import orbit.buffer.internal.dsp.Limiter;
import orbit.buffer.internal.dsp.PresetChain;
import orbit.buffer.internal.dsp.TrackProfile;
import orbit.buffer.tests.Signals.ArraySource;

class ChunkRenderTest {

	private static final float CEILING = (float) Math.pow(10, PresetChain.CEILING_DB / 20);

	/** Music-like: a chord over pink noise, the channels a little different. */
	private static ArraySource music(double seconds) {
		float[] left = Signals.pink(1, 0.08, seconds), right = Signals.pink(2, 0.08, seconds);
		float[] a = Signals.sine(220, 0.2, seconds), b = Signals.sine(277.2, 0.15, seconds);
		for (int i = 0; i < left.length; i++) {
			left[i] += a[i] + b[i];
			right[i] += a[i] - b[i];
		}
		return Signals.stereo(left, right);
	}

	private static Rendered render(ArraySource src, RenderSettings settings, long start, int frames) {
		return ChunkRender.render(src, settings, TrackProfile.NEUTRAL, start, frames);
	}

	@ParameterizedTest
	@EnumSource(Preset.class)
	void theSameCallGivesTheSameSamples(Preset preset) {
		ArraySource src = music(3);
		for (double tempo : new double[] { 0, 8, -8 }) {
			RenderSettings settings = new RenderSettings(preset, 0.8, tempo);
			float[] first = render(src, settings, 30_001, 8192).samples();
			float[] second = render(src, settings, 30_001, 8192).samples();
			assertArrayEquals(first, second, settings.toString());
		}
	}

	@Test
	void theStretchRendersAnyRangeAsPartOfTheWhole() {
		ArraySource src = music(3);
		for (double tempo : new double[] { 8, -8, 3.7, -0.1 }) {
			RenderSettings settings = new RenderSettings(Preset.ORIGINAL, 1, tempo);
			float[] whole = render(src, settings, 0, 60_000).samples();
			for (int start : new int[] { 1, 883, 12_345, 40_000 }) {
				float[] part = render(src, settings, start, 15_000).samples();
				assertArrayEquals(Arrays.copyOfRange(whole, start * 2, (start + 15_000) * 2), part,
						settings + " from " + start);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = Preset.class, names = "ORIGINAL", mode = EnumSource.Mode.EXCLUDE)
	void consecutiveChunksJoinWithoutAClick(Preset preset) {
		ArraySource src = Signals.stereo(Signals.sine(220, 0.5, 2));
		int n = 16_384;
		for (double tempo : new double[] { 0, 8 }) {
			RenderSettings settings = new RenderSettings(preset, 1, tempo);
			float[] first = render(src, settings, 0, n).samples();
			float[] second = render(src, settings, n, n).samples();
			for (int c = 0; c < 2; c++) {
				float[] a = Signals.channel(first, 2, c, n / 2, n), b = Signals.channel(second, 2, c, 0, n / 2);
				double normal = Math.max(meanStep(a), meanStep(b));
				double jump = Math.abs(b[0] - a[a.length - 1]);
				assertTrue(jump <= 3 * normal, settings + " channel " + c + ": jump " + jump + ", usual " + normal);
			}
		}
	}

	private static double meanStep(float[] x) {
		double sum = 0;
		for (int i = 1; i < x.length; i++) {
			sum += Math.abs(x[i] - x[i - 1]);
		}
		return sum / (x.length - 1);
	}

	@ParameterizedTest
	@EnumSource(Preset.class)
	void noIntensityOrTheOriginalAtNormalTempoLeavesTheSource(Preset preset) {
		ArraySource src = music(2);
		RenderSettings settings = preset == Preset.ORIGINAL ? RenderSettings.of(preset) : new RenderSettings(preset, 0, 0);
		for (long start : new long[] { -100, 0, 12_345, 88_000 }) {
			assertArrayEquals(src.range(start, 4096), render(src, settings, start, 4096).samples(), settings + " at " + start);
		}
		// with tempo, no intensity is the stretch alone
		assertArrayEquals(render(src, new RenderSettings(Preset.ORIGINAL, 1, 5), 1000, 4096).samples(),
				render(src, new RenderSettings(preset, 0, 5), 1000, 4096).samples());
	}

	@Test
	void theTempoKeepsTheKeyAndSetsTheLength() {
		ArraySource src = Signals.stereo(Signals.sine(440, 0.5, 4));
		for (double tempo : new double[] { 8, -8 }) {
			RenderSettings settings = new RenderSettings(Preset.ORIGINAL, 1, tempo);
			long length = ChunkRender.outputFrames(src.frames(), settings.ratio());
			assertEquals((long) Math.ceil(src.frames() / settings.ratio()), length);
			float[] out = render(src, settings, 0, (int) length).samples();
			float[] middle = Signals.channel(out, 2, 0, 20_000, 20_000 + 65_536);
			double hz = Signals.peakHz(middle);
			assertEquals(440, hz, 4.4, settings.toString());
			// the stretch neither drops nor doubles the level
			assertEquals(0.5 / Math.sqrt(2), Signals.rms(middle), 0.05, settings.toString());
		}
	}

	@Test
	void positionsConvertOneWayDownAndTheOtherUp() {
		assertEquals(1080, ChunkRender.sourceFrameOf(1000, 1.08));
		assertEquals(926, ChunkRender.outputFrameOf(1000, 1.08)); // 925.9...
		assertEquals(926, ChunkRender.outputFrames(1000, 1.08));
		assertEquals(1000, ChunkRender.outputFrames(1000, 1));
	}

	@ParameterizedTest
	@EnumSource(value = Preset.class, names = "ORIGINAL", mode = EnumSource.Mode.EXCLUDE)
	void theCeilingHoldsOnASquareWaveTwelveDecibelsOverFullScale(Preset preset) {
		float[] square = Signals.sine(100, 1, 2);
		for (int i = 0; i < square.length; i++) {
			square[i] = square[i] >= 0 ? 3.98f : -3.98f;
		}
		ArraySource src = Signals.stereo(square);
		for (double tempo : new double[] { 0, -8 }) {
			RenderSettings settings = new RenderSettings(preset, 1, tempo);
			for (long start : new long[] { 0, 30_000 }) {
				float[] out = render(src, settings, start, 40_000).samples();
				assertTrue(Signals.peak(out) <= CEILING, settings + ": " + Signals.peak(out));
			}
		}
	}

	@Test
	void theLimiterAloneHoldsItsCeilingOnAnyPeak() {
		float[] x = Signals.white(3, 2, 1);
		float[] stereo = new float[x.length * 2];
		for (int i = 0; i < x.length; i++) {
			stereo[2 * i] = x[i];
			stereo[2 * i + 1] = -x[i] * 1.5f;
		}
		Limiter limiter = new Limiter(Signals.RATE, 2, -1, 1.5, 60);
		limiter.process(stereo, x.length);
		assertTrue(Signals.peak(stereo) <= limiter.ceiling());
	}

	@ParameterizedTest
	@EnumSource(Preset.class)
	void nonFiniteSourceSamplesAreReplacedAndCounted(Preset preset) {
		ArraySource src = music(2);
		float[] samples = src.samples();
		samples[2 * 20_000] = Float.NaN;
		samples[2 * 20_100 + 1] = Float.POSITIVE_INFINITY;
		samples[2 * 30_000] = Float.NEGATIVE_INFINITY;
		for (double tempo : new double[] { 0, 6 }) {
			RenderSettings settings = new RenderSettings(preset, 1, tempo);
			Rendered rendered = render(src, settings, 16_384, 16_384);
			for (float v : rendered.samples()) {
				assertTrue(Float.isFinite(v), settings.toString());
			}
			// at +6 % the chunk plays source frames 17,367 to 34,734: all three are in it
			assertEquals(3, rendered.replaced(), settings.toString());
		}
	}
}
