package orbit.audio;

import java.nio.file.Path;

/**
 * What a decoder learned of a file before decoding it.
 *
 * @param file          the file
 * @param codec         what is in it (found from its content, not its extension)
 * @param sampleRate    samples per second and channel of the decoded PCM
 * @param channels      channels of the decoded PCM, interleaved
 * @param bitsPerSample the file's sample resolution for lossless codecs; 0 for lossy ones
 * @param frames        the decoded length in frames (one sample of every channel) as the file
 *                      declares it, after gapless trimming; -1 when the file does not say
 * @param bitrateKbps   the average bitrate of the file's audio in kbit/s; 0 when unknown
 */
public record StreamInfo(Path file, Codec codec, int sampleRate, int channels, int bitsPerSample, long frames,
		int bitrateKbps) {

	/** The declared length in seconds, or NaN when the file does not declare one. */
	public double durationSeconds() {
		return frames < 0 ? Double.NaN : frames / (double) sampleRate;
	}
}
