package orbit.buffer.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import orbit.audio.AudioAnalysis;
import orbit.audio.Codec;
import orbit.audio.Pcm;
import orbit.audio.StreamInfo;
import orbit.buffer.Preset;
import orbit.buffer.RenderSettings;
import orbit.buffer.internal.dsp.ChunkRender;
import orbit.buffer.internal.dsp.TrackProfile;
import orbit.buffer.tests.Signals.ArraySource;
import orbit.tests.support.OsgiServices;

/** Each preset moves the spectrum, the dynamics or the level the way its name says. */
class PresetSoundTest {

	private static final int SKIP = Signals.RATE / 2;

	private static float[] render(ArraySource src, Preset preset, TrackProfile profile) {
		int frames = (int) src.frames();
		float[] out = ChunkRender.render(src, RenderSettings.of(preset), profile, 0, frames).samples();
		return Signals.channel(out, 2, 0, SKIP, frames);
	}

	/** High band (4 to 16 kHz) less low band (40 to 250 Hz), in dB. */
	private static double tilt(float[] x) {
		double[] power = Signals.spectrum(x);
		return Signals.bandDb(power, 4000, 16000) - Signals.bandDb(power, 40, 250);
	}

	private static double crest(float[] x) {
		return Signals.peak(x) / Signals.rms(x);
	}

	@Test
	void warmLeansToTheLowsAndBrightToTheHighs() {
		ArraySource src = Signals.stereo(Signals.pink(11, 0.05, 4));
		float[] original = Signals.channel(src.samples(), 2, 0, SKIP, (int) src.frames());
		double before = tilt(original);
		double warm = tilt(render(src, Preset.WARM, TrackProfile.NEUTRAL));
		double bright = tilt(render(src, Preset.BRIGHT, TrackProfile.NEUTRAL));
		assertTrue(warm < before - 3, "warm " + warm + " against " + before);
		assertTrue(bright > before + 3, "bright " + bright + " against " + before);
	}

	@Test
	void punchyLowersTheCrestFactorOfKicks() {
		ArraySource src = Signals.stereo(Signals.kicks(0.7, 4));
		float[] original = Signals.channel(src.samples(), 2, 0, SKIP, (int) src.frames());
		float[] punchy = render(src, Preset.PUNCHY, TrackProfile.NEUTRAL);
		assertTrue(crest(punchy) < crest(original) * 0.9, crest(punchy) + " against " + crest(original));
	}

	@Test
	void adaptiveOpensADullTrackAndTamesABrightOne() {
		OsgiServices.with(AudioAnalysis.class, analysis -> {
			ArraySource dull = Signals.stereo(Signals.scaled(Signals.lowPassed(Signals.white(5, 1, 6), 1500), 0.1));
			ArraySource bright = Signals.stereo(Signals.white(6, 0.1, 6));
			TrackProfile dullProfile = TrackProfile.measure(dull, analysis);
			TrackProfile brightProfile = TrackProfile.measure(bright, analysis);
			assertEquals(dullProfile, TrackProfile.measure(dull, analysis));
			assertTrue(dullProfile.air() < -6 && brightProfile.air() > 6, dullProfile + " / " + brightProfile);

			float[] dullBefore = Signals.channel(dull.samples(), 2, 0, SKIP, (int) dull.frames());
			float[] dullAfter = render(dull, Preset.ADAPTIVE, dullProfile);
			assertTrue(highOverMid(dullAfter) > highOverMid(dullBefore) + 3,
					highOverMid(dullAfter) + " against " + highOverMid(dullBefore));
			float[] brightBefore = Signals.channel(bright.samples(), 2, 0, SKIP, (int) bright.frames());
			float[] brightAfter = render(bright, Preset.ADAPTIVE, brightProfile);
			assertTrue(highOverMid(brightAfter) < highOverMid(brightBefore) - 3,
					highOverMid(brightAfter) + " against " + highOverMid(brightBefore));
			return null;
		});
	}

	@Test
	void adaptiveBringsAQuietTrackUp() {
		OsgiServices.with(AudioAnalysis.class, analysis -> {
			ArraySource quiet = Signals.stereo(Signals.pink(8, 0.01, 6));
			TrackProfile profile = TrackProfile.measure(quiet, analysis);
			assertTrue(profile.integratedLufs() < -30, profile.toString());
			int frames = (int) quiet.frames();
			float[] out = ChunkRender.render(quiet, RenderSettings.of(Preset.ADAPTIVE), profile, 0, frames).samples();
			double after = analysis.loudness(pcm(out, frames)).integratedLufs();
			assertTrue(after > profile.integratedLufs() + 6, after + " against " + profile.integratedLufs());
			return null;
		});
	}

	/** Presence and air (3 to 16 kHz) against the mids (500 Hz to 2 kHz), in dB. */
	private static double highOverMid(float[] x) {
		double[] power = Signals.spectrum(x);
		return Signals.bandDb(power, 3000, 16000) - Signals.bandDb(power, 500, 2000);
	}

	private static Pcm pcm(float[] stereo, int frames) {
		return new Pcm(new StreamInfo(null, Codec.WAV, Signals.RATE, 2, 32, frames, 0), stereo, frames, 0);
	}
}
