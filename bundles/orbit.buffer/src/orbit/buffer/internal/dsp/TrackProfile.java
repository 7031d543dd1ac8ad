package orbit.buffer.internal.dsp;

import org.jtransforms.fft.FloatFFT_1D;

import orbit.audio.AudioAnalysis;
import orbit.audio.Codec;
import orbit.audio.Pcm;
import orbit.audio.StreamInfo;

/**
 * What the adaptive preset knows of a track: its loudness and how its spectrum leans against a
 * target balance. Each band's level is its power per octave in dB, less the target's for that
 * band, less the same for the mid band (500 Hz to 2 kHz), so that only the balance counts and not
 * the level: 0 is on target, positive is too much of that band.
 *
 * @param integratedLufs the integrated loudness, NaN when unknown, negative infinity for silence
 * @param low            20 to 150 Hz, dB against the target
 * @param lowMid         150 to 500 Hz
 * @param presence       2 to 6 kHz
 * @param air            6 to 16 kHz
 */
public record TrackProfile(double integratedLufs, double low, double lowMid, double presence, double air) {

	/** Nothing known: the adaptive preset leaves level and balance alone. */
	public static final TrackProfile NEUTRAL = new TrackProfile(Double.NaN, 0, 0, 0, 0);

	private static final int EXCERPTS = 30;
	private static final int FFT_SIZE = 4096;
	/** Band edges in Hz: low, low-mid, mid, presence, air. */
	private static final double[] EDGES = { 20, 150, 500, 2000, 6000, 16000 };
	/**
	 * The target's power per octave in dB against pink noise (equal power per octave): mastered
	 * music leans a little darker than pink.
	 */
	private static final double[] TARGET = { 1.5, 1, 0, -2, -4.5 };
	private static final int MID = 2;
	private static final double MAX_DEVIATION_DB = 24;

	/**
	 * Measures up to 30 evenly spaced one-second excerpts, so that a long track costs no more than
	 * half a minute of audio. The same source always gives the same profile.
	 */
	public static TrackProfile measure(SourceFrames src, AudioAnalysis analysis) {
		int rate = src.sampleRate();
		int channels = src.channels();
		long frames = src.frames();
		if (frames <= 0 || rate <= 0 || channels <= 0) {
			return NEUTRAL;
		}
		int length = (int) Math.min(rate, frames);
		int count = (int) Math.max(1, Math.min(EXCERPTS, frames / length));
		long spacing = frames / count;
		float[] samples = new float[count * length * channels];
		float[] excerpt = new float[length * channels];
		for (int e = 0; e < count; e++) {
			long start = e * spacing + (spacing - length) / 2;
			src.read(start, excerpt, length);
			for (int i = 0; i < excerpt.length; i++) {
				float x = excerpt[i];
				// the meter replaces these too; the spectrum must not see them either
				excerpt[i] = Float.isFinite(x) ? x : 0f;
			}
			System.arraycopy(excerpt, 0, samples, e * excerpt.length, excerpt.length);
		}
		long total = (long) count * length;
		Pcm pcm = new Pcm(new StreamInfo(null, Codec.WAV, rate, channels, 32, total, 0), samples, total, 0);
		double lufs = analysis.loudness(pcm).integratedLufs();
		double[] bands = bandLevels(pcm.mono(), rate);
		return new TrackProfile(lufs, bands[0], bands[1], bands[3], bands[4]);
	}

	/** Each band's power per octave against the target, relative to the mid band's. */
	static double[] bandLevels(float[] mono, int rate) {
		double[] power = new double[FFT_SIZE / 2 + 1];
		float[] window = new float[FFT_SIZE];
		for (int i = 0; i < FFT_SIZE; i++) {
			window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SIZE));
		}
		FloatFFT_1D fft = new FloatFFT_1D(FFT_SIZE);
		float[] frame = new float[FFT_SIZE];
		for (int start = 0; start + FFT_SIZE <= mono.length; start += FFT_SIZE) {
			for (int i = 0; i < FFT_SIZE; i++) {
				frame[i] = mono[start + i] * window[i];
			}
			fft.realForward(frame);
			power[0] += frame[0] * frame[0];
			power[FFT_SIZE / 2] += frame[1] * frame[1];
			for (int k = 1; k < FFT_SIZE / 2; k++) {
				power[k] += frame[2 * k] * frame[2 * k] + frame[2 * k + 1] * frame[2 * k + 1];
			}
		}
		double nyquist = rate / 2.0;
		double binHz = rate / (double) FFT_SIZE;
		int bandCount = EDGES.length - 1;
		double[] density = new double[bandCount];
		boolean[] present = new boolean[bandCount];
		for (int b = 0; b < bandCount; b++) {
			double lo = EDGES[b], hi = Math.min(EDGES[b + 1], nyquist);
			if (hi <= lo * 1.1) {
				continue;
			}
			double sum = 0;
			for (int k = (int) Math.ceil(lo / binHz); k * binHz < hi && k < power.length; k++) {
				sum += power[k];
			}
			present[b] = true;
			density[b] = 10 * Math.log10(sum / (Math.log(hi / lo) / Math.log(2)) + 1e-20) - TARGET[b];
		}
		double[] deviation = new double[bandCount];
		if (density[MID] <= -190) {
			return deviation; // silence: no balance to speak of
		}
		for (int b = 0; b < bandCount; b++) {
			if (present[b]) {
				deviation[b] = Math.max(-MAX_DEVIATION_DB, Math.min(MAX_DEVIATION_DB, density[b] - density[MID]));
			}
		}
		return deviation;
	}
}
