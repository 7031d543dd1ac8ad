package orbit.audio;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Measurements of the audio itself. Pure functions of the decoded samples: the same audio always
 * gives the same answer. A service.
 */
@ProviderType
public interface AudioAnalysis {

	/** Decodes a file (within {@link AudioDecoder#DEFAULT_BOUND}) and measures it. */
	AudioReport analyze(Path file) throws AudioException;

	/** Measures decoded audio: cutoff and verdict, loudness, fingerprint. */
	AudioReport analyze(Pcm pcm);

	SpectralCutoff cutoff(Pcm pcm);

	LosslessVerdict verdict(Pcm pcm);

	Loudness loudness(Pcm pcm);

	Fingerprint fingerprint(Pcm pcm);

	/** Whether two decodings hold the same recording, and their offset. */
	Alignment align(Pcm first, Pcm second);

	/** Decodes two files and aligns them. */
	Alignment compare(Path first, Path second) throws AudioException;
}
