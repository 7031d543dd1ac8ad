package orbit.audio.internal.dsp;

import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import orbit.audio.Alignment;
import orbit.audio.AudioAnalysis;
import orbit.audio.AudioDecoder;
import orbit.audio.AudioException;
import orbit.audio.AudioReport;
import orbit.audio.Fingerprint;
import orbit.audio.LosslessVerdict;
import orbit.audio.Loudness;
import orbit.audio.Pcm;
import orbit.audio.SpectralCutoff;

/**
 * The measurements of decoded audio. Each passes its input through {@link FiniteSamples} first;
 * {@link #analyze(Pcm)} does it once for all of them, reports the samples replaced and takes the
 * sample peak the true peak starts from out of the same pass.
 */
@Component(service = AudioAnalysis.class)
public class AnalysisService implements AudioAnalysis {

	@Reference
	private AudioDecoder decoder;

	@Override
	public AudioReport analyze(Path file) throws AudioException {
		return analyze(decoder.decode(file));
	}

	@Override
	public AudioReport analyze(Pcm pcm) {
		FiniteSamples.Checked checked = FiniteSamples.checked(pcm);
		Pcm finite = checked.pcm();
		LosslessVerdict verdict = VerdictRule.judge(AverageSpectrum.of(finite));
		return new AudioReport(pcm.info(), pcm.frames(), verdict.cutoff(), verdict,
				LoudnessMeter.of(finite, checked.peak()), Fingerprinter.of(finite), finite.replaced());
	}

	@Override
	public SpectralCutoff cutoff(Pcm pcm) {
		return AverageSpectrum.of(FiniteSamples.of(pcm)).cutoff();
	}

	@Override
	public LosslessVerdict verdict(Pcm pcm) {
		return VerdictRule.judge(AverageSpectrum.of(FiniteSamples.of(pcm)));
	}

	@Override
	public Loudness loudness(Pcm pcm) {
		return LoudnessMeter.of(FiniteSamples.of(pcm));
	}

	@Override
	public Fingerprint fingerprint(Pcm pcm) {
		return Fingerprinter.of(FiniteSamples.of(pcm));
	}

	@Override
	public Alignment align(Pcm first, Pcm second) {
		return Aligner.align(FiniteSamples.of(first), FiniteSamples.of(second));
	}

	@Override
	public Alignment compare(Path first, Path second) throws AudioException {
		return align(decoder.decode(first), decoder.decode(second));
	}
}
