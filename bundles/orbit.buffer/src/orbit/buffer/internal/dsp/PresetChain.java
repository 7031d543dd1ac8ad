package orbit.buffer.internal.dsp;

import java.util.ArrayList;
import java.util.List;

import orbit.buffer.Preset;
import orbit.buffer.internal.dsp.Compressor.Detector;

/**
 * The processing of one preset at one intensity: gain, EQ, a compressor, and always the limiter
 * last. Intensity scales every move: EQ and gains in dB, the compressor's ratio towards 1 and its
 * makeup gain. A chain holds filter state, so it serves one render and is then dropped.
 */
public final class PresetChain {

	/** The limiter's ceiling: a little room for the inter-sample peaks of later conversion. */
	public static final double CEILING_DB = -1;
	/** The loudness the adaptive preset aims for, as streaming services play back. */
	public static final double TARGET_LUFS = -14;
	/** How far the adaptive preset moves a band or the level, at full intensity. */
	public static final double MAX_BAND_DB = 6;
	public static final double MAX_LEVEL_DB = 9;

	private final float gain;
	private final List<Biquad> filters;
	private final Compressor compressor;
	private final Limiter limiter;
	private final int channels;

	private PresetChain(int channels, double gainDb, List<Biquad> filters, Compressor compressor, Limiter limiter) {
		this.gain = (float) Math.pow(10, gainDb / 20);
		this.filters = filters;
		this.compressor = compressor;
		this.limiter = limiter;
		this.channels = channels;
	}

	/** Whether the preset at this intensity changes nothing, so that no chain is built. */
	public static boolean passThrough(Preset preset, double intensity) {
		return preset == Preset.ORIGINAL || intensity == 0;
	}

	/**
	 * @throws IllegalArgumentException for a {@linkplain #passThrough pass-through} preset
	 */
	public static PresetChain of(Preset preset, double intensity, int sampleRate, int channels,
			TrackProfile profile) {
		if (passThrough(preset, intensity)) {
			throw new IllegalArgumentException(preset.id() + " at intensity " + intensity + " has no chain");
		}
		double k = intensity;
		double rate = sampleRate;
		List<Biquad> eq = new ArrayList<>();
		Compressor compressor;
		double gainDb = 0;
		switch (preset) {
			case ADAPTIVE -> {
				TrackProfile p = profile == null ? TrackProfile.NEUTRAL : profile;
				// lift the bands below the target, cut those above, a bounded share of the way
				addIf(eq, Biquad.lowShelf(rate, 120, k * correction(p.low()), channels), correction(p.low()));
				addIf(eq, Biquad.peaking(rate, 300, k * correction(p.lowMid()), 0.9, channels), correction(p.lowMid()));
				addIf(eq, Biquad.peaking(rate, 3500, k * correction(p.presence()), 0.9, channels),
						correction(p.presence()));
				addIf(eq, Biquad.highShelf(rate, 8000, k * correction(p.air()), channels), correction(p.air()));
				if (Double.isFinite(p.integratedLufs())) {
					gainDb = k * clamp(TARGET_LUFS - p.integratedLufs(), MAX_LEVEL_DB);
				}
				compressor = new Compressor(Detector.RMS, rate, channels, -12, 1 + 0.5 * k, 6, 20, 200, 0);
			}
			case GENTLE -> {
				eq.add(Biquad.highShelf(rate, 8000, -2 * k, channels));
				compressor = new Compressor(Detector.RMS, rate, channels, -18, 1 + 0.8 * k, 10, 30, 250, 1.5 * k);
			}
			case WARM -> {
				eq.add(Biquad.lowShelf(rate, 150, 3.5 * k, channels));
				eq.add(Biquad.peaking(rate, 3000, -1.5 * k, 0.8, channels));
				eq.add(Biquad.highShelf(rate, 8000, -3 * k, channels));
				compressor = new Compressor(Detector.RMS, rate, channels, -16, 1 + 0.5 * k, 8, 25, 220, 0);
			}
			case BRIGHT -> {
				eq.add(Biquad.peaking(rate, 300, -2 * k, 1.0, channels));
				eq.add(Biquad.peaking(rate, 3500, 2.5 * k, 0.9, channels));
				eq.add(Biquad.highShelf(rate, 6000, 4 * k, channels));
				compressor = new Compressor(Detector.RMS, rate, channels, -16, 1 + 0.5 * k, 8, 20, 200, 0);
			}
			case PUNCHY -> {
				eq.add(Biquad.peaking(rate, 70, 4 * k, 1.2, channels));
				eq.add(Biquad.peaking(rate, 3000, 2.5 * k, 1.0, channels));
				// a release shorter than a kick's decay lifts its tail; the makeup drives the peaks into the limiter
				compressor = new Compressor(Detector.PEAK, rate, channels, -20, 1 + 3 * k, 6, 1, 25, 10 * k);
			}
			default -> throw new IllegalArgumentException(preset.id());
		}
		Limiter limiter = new Limiter(rate, channels, CEILING_DB, 1.5, 60);
		return new PresetChain(channels, gainDb, List.copyOf(eq), compressor, limiter);
	}

	/** The adaptive move for a band {@code deviationDb} off target: the opposite, bounded. */
	private static double correction(double deviationDb) {
		return clamp(-deviationDb, MAX_BAND_DB);
	}

	private static void addIf(List<Biquad> eq, Biquad filter, double gainDb) {
		if (Math.abs(gainDb) >= 0.05) {
			eq.add(filter);
		}
	}

	private static double clamp(double value, double bound) {
		return Math.max(-bound, Math.min(bound, value));
	}

	/** Frames past the kept range that the limiter needs to see. */
	public int latency() {
		return limiter.lookahead();
	}

	public float ceiling() {
		return limiter.ceiling();
	}

	/** Runs the chain over a whole block of interleaved frames, in place. */
	public void process(float[] buf, int frames) {
		if (gain != 1f) {
			for (int i = 0, n = frames * channels; i < n; i++) {
				buf[i] *= gain;
			}
		}
		for (Biquad filter : filters) {
			filter.process(buf, frames);
		}
		compressor.process(buf, frames);
		limiter.process(buf, frames);
	}
}
