package orbit.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import orbit.audio.Alignment;
import orbit.audio.AudioReport;
import orbit.audio.Codec;
import orbit.audio.Pcm;
import orbit.audio.StreamInfo;
import orbit.audio.internal.dsp.AnalysisService;

/**
 * NaN and infinite samples are replaced before any measurement and counted with the decoder's
 * own count; the measurements stay finite and the caller's samples are left alone.
 */
class FiniteSamplesTest {

	private static final int RATE = 44_100;

	private final AnalysisService analysis = new AnalysisService();

	@Test
	void nonFiniteSamplesAreReplacedAndCounted() {
		float[] samples = noise(10);
		samples[1000] = Float.NaN;
		samples[2001] = Float.NaN;
		samples[50_000] = Float.POSITIVE_INFINITY;
		samples[70_001] = Float.NEGATIVE_INFINITY;
		Pcm pcm = stereo(samples, 3);
		AudioReport report = analysis.analyze(pcm);
		assertEquals(3 + 4, report.replaced());
		assertTrue(Double.isFinite(report.loudness().integratedLufs()), report.loudness().toString());
		// an infinity becomes a full-scale sample: the true peak is that or a little above between samples
		double peak = report.loudness().truePeakDbtp();
		assertTrue(peak >= 0 && peak < 1, "true peak " + peak);
		assertTrue(Double.isFinite(report.cutoff().hz()) && Double.isFinite(report.cutoff().dropDb()));
		assertTrue(report.fingerprint().hashes().length > 90);
		assertTrue(Float.isNaN(samples[1000]), "the caller's samples are not changed");
	}

	@Test
	void everyMeasurementGuardsItsInput() {
		float[] clean = noise(10);
		float[] damaged = clean.clone();
		for (int i = 0; i < damaged.length; i += 10_007) {
			damaged[i] = Float.NaN;
		}
		Pcm pcm = stereo(damaged, 0);
		assertTrue(Double.isFinite(analysis.loudness(pcm).integratedLufs()));
		assertTrue(analysis.cutoff(pcm).hz() > 21_000, analysis.cutoff(pcm).toString());
		assertEquals(analysis.fingerprint(stereo(clean, 0)).hashes().length, analysis.fingerprint(pcm).hashes().length);
		Alignment alignment = analysis.align(stereo(clean, 0), pcm);
		assertTrue(alignment.sameRecording() && alignment.confidence() > 0.99, alignment.sentence());
		assertEquals(0, alignment.offsetMillis());
	}

	@Test
	void finiteAudioKeepsTheDecodersCount() {
		assertEquals(5, analysis.analyze(stereo(noise(2), 5)).replaced());
	}

	private static float[] noise(int seconds) {
		java.util.Random random = new java.util.Random(11);
		float[] samples = new float[RATE * seconds * 2];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (float) (0.2 * random.nextGaussian());
		}
		return samples;
	}

	private static Pcm stereo(float[] samples, long replacedByDecoder) {
		long frames = samples.length / 2;
		return new Pcm(new StreamInfo(Path.of("damaged.flac"), Codec.FLAC, RATE, 2, 16, frames, 0), samples, frames,
				replacedByDecoder);
	}
}
